//! The authorisation policy: the one place that decides who may do what. Every server
//! function calls one of these `require_*` functions before anything else.

use super::{
    request::{app_state, session_token},
    session::{self, Holder, Session, Stage, Timeouts},
};
use crate::{error::AppError, state::AppState};

/// The caller of a server function, from their session cookie.
#[derive(Debug, Clone)]
pub enum Actor {
    Anonymous,
    Therapist(SignedIn),
    /// A therapist part-way through signing in (code due, or enrolment required).
    TherapistPending(SignedIn),
    Participant(SignedIn),
    /// A participant whose link opened on a device that must choose or give the
    /// passcode first. Reaches nothing but the passcode step.
    ParticipantPending(SignedIn),
}

/// A participant's session, and the invitation (so the one exercise) it belongs to.
#[derive(Debug, Clone)]
pub struct ParticipantAccess {
    pub participant_id: String,
    pub invitation_id: String,
    pub exercise_id: String,
    pub token: String,
}

/// A session and the token that found it.
#[derive(Debug, Clone)]
pub struct SignedIn {
    /// The therapist's or participant's id.
    pub id: String,
    pub token: String,
    pub session: Session,
}

pub fn timeouts(state: &AppState) -> Timeouts {
    Timeouts {
        idle: state.settings.session_idle_timeout,
        absolute: state.settings.session_absolute_timeout,
    }
}

/// Looks up the caller's session (ending it if it has timed out).
pub async fn current_actor() -> Result<Actor, AppError> {
    let Some(token) = session_token() else { return Ok(Actor::Anonymous) };
    let state = app_state();
    let Some(session) = session::load(&state.db, &token, timeouts(&state)).await? else {
        return Ok(Actor::Anonymous);
    };
    Ok(match (&session.holder, session.stage) {
        (Holder::Therapist(id), Stage::Full) => {
            Actor::Therapist(SignedIn { id: id.clone(), token, session })
        }
        (Holder::Therapist(id), _) => {
            Actor::TherapistPending(SignedIn { id: id.clone(), token, session })
        }
        (Holder::Participant { participant_id, invitation_id }, stage) => {
            // A revoked or locked invitation's sessions are deleted when that
            // happens; this holds even if one were left behind, and after expiry.
            let invitation = crate::invitation::store::find(&state.db, invitation_id).await?;
            if !invitation.is_some_and(|i| i.is_usable()) {
                session::delete(&state.db, &token).await?;
                return Ok(Actor::Anonymous);
            }
            let signed_in = SignedIn { id: participant_id.clone(), token, session };
            if stage == Stage::Full {
                Actor::Participant(signed_in)
            } else {
                Actor::ParticipantPending(signed_in)
            }
        }
    })
}

/// A fully signed-in therapist.
pub async fn require_therapist() -> Result<SignedIn, AppError> {
    match current_actor().await? {
        Actor::Therapist(therapist) => Ok(therapist),
        Actor::Participant(_) | Actor::ParticipantPending(_) => Err(AppError::Forbidden),
        Actor::Anonymous | Actor::TherapistPending(_) => Err(AppError::Unauthenticated),
    }
}

/// A therapist who has given their password and owes a two-step code.
pub async fn require_second_factor_due() -> Result<SignedIn, AppError> {
    match current_actor().await? {
        Actor::TherapistPending(pending) if pending.session.stage == Stage::SecondFactor => {
            Ok(pending)
        }
        Actor::Participant(_) | Actor::ParticipantPending(_) => Err(AppError::Forbidden),
        _ => Err(AppError::Unauthenticated),
    }
}

/// A therapist who may set up two-step verification: fully signed in, or signed in
/// with a password when the operator requires two-step before anything else.
pub async fn require_therapist_enrolling() -> Result<SignedIn, AppError> {
    match current_actor().await? {
        Actor::Therapist(therapist) => Ok(therapist),
        Actor::TherapistPending(pending) if pending.session.stage == Stage::EnrolSecondFactor => {
            Ok(pending)
        }
        Actor::Participant(_) | Actor::ParticipantPending(_) => Err(AppError::Forbidden),
        _ => Err(AppError::Unauthenticated),
    }
}

/// Anyone with a live session (to sign out).
pub async fn require_any_session() -> Result<SignedIn, AppError> {
    match current_actor().await? {
        Actor::Therapist(signed_in)
        | Actor::TherapistPending(signed_in)
        | Actor::Participant(signed_in)
        | Actor::ParticipantPending(signed_in) => Ok(signed_in),
        Actor::Anonymous => Err(AppError::Unauthenticated),
    }
}

/// A participant, through an invitation that still stands. The returned exercise is
/// the only one this session may ever reach.
pub async fn require_participant() -> Result<ParticipantAccess, AppError> {
    let Some(token) = session_token() else { return Err(AppError::Unauthenticated) };
    participant_by_token(&app_state(), token).await
}

/// `require_participant` for handlers outside server functions (plain form posts),
/// given the session cookie's token.
pub async fn participant_by_token(
    state: &AppState,
    token: String,
) -> Result<ParticipantAccess, AppError> {
    let Some(session) = session::load(&state.db, &token, timeouts(state)).await? else {
        return Err(AppError::Unauthenticated);
    };
    participant_of_session(state, session, token).await
}

/// `participant_by_token` for a page that only listens (a live stream): does not
/// count as activity, so an open board does not keep a forgotten visit alive.
pub async fn participant_still_allowed(
    state: &AppState,
    token: String,
) -> Result<ParticipantAccess, AppError> {
    let Some(session) = session::load_untouched(&state.db, &token, timeouts(state)).await? else {
        return Err(AppError::Unauthenticated);
    };
    participant_of_session(state, session, token).await
}

async fn participant_of_session(
    state: &AppState,
    session: Session,
    token: String,
) -> Result<ParticipantAccess, AppError> {
    let db = &state.db;
    let Holder::Participant { participant_id, invitation_id } = session.holder else {
        return Err(AppError::Forbidden);
    };
    if session.stage != Stage::Full {
        // The passcode is still due: nothing but the passcode step.
        return Err(AppError::Unauthenticated);
    }
    let invitation = crate::invitation::store::find(db, &invitation_id)
        .await?
        .filter(crate::invitation::store::Invitation::is_usable);
    let Some(invitation) = invitation else {
        // Revoking and locking delete the invitation's sessions; this holds even if
        // one were left, and once the link has expired.
        session::delete(db, &token).await?;
        return Err(AppError::Unauthenticated);
    };
    Ok(ParticipantAccess {
        participant_id,
        invitation_id,
        exercise_id: invitation.exercise_id,
        token,
    })
}

/// A participant half-way in on this device, at `stage` (a passcode to choose or
/// to give), with their invitation.
pub async fn require_participant_at(
    stage: Stage,
) -> Result<(SignedIn, crate::invitation::store::Invitation), AppError> {
    let pending = match current_actor().await? {
        Actor::ParticipantPending(pending) if pending.session.stage == stage => pending,
        Actor::Therapist(_) | Actor::TherapistPending(_) => return Err(AppError::Forbidden),
        _ => return Err(AppError::Unauthenticated),
    };
    let Holder::Participant { invitation_id, .. } = &pending.session.holder else {
        return Err(AppError::Forbidden);
    };
    let invitation = crate::invitation::store::find(&app_state().db, invitation_id)
        .await?
        .ok_or(AppError::Unauthenticated)?;
    Ok((pending, invitation))
}

/// The therapist who owns `family_id`. Another therapist's family is refused (403);
/// one that does not exist is not found (404). Ids are random, so telling the two
/// apart tells a caller nothing they could use; a page that says "not found" for a
/// mistyped address is what a therapist expects.
pub async fn require_family_owner(family_id: &str) -> Result<SignedIn, AppError> {
    let therapist = require_therapist().await?;
    let family = crate::family::store::find_family(&app_state().db, family_id).await?;
    match family {
        Some(family) if family.therapist_id == therapist.id => Ok(therapist),
        Some(_) => Err(AppError::Forbidden),
        None => Err(AppError::NotFound),
    }
}

/// The therapist who owns the family of `exercise_id`; returns the family's id too.
pub async fn require_exercise_owner(exercise_id: &str) -> Result<(SignedIn, String), AppError> {
    let therapist = require_therapist().await?;
    let exercise = crate::exercise::store::find(&app_state().db, exercise_id).await?;
    let Some(exercise) = exercise else { return Err(AppError::NotFound) };
    let family = crate::family::store::find_family(&app_state().db, &exercise.family_id).await?;
    match family {
        Some(family) if family.therapist_id == therapist.id => Ok((therapist, family.id)),
        _ => Err(AppError::Forbidden),
    }
}

/// The therapist who owns the family `participant_id` belongs to; returns its id.
pub async fn require_participant_owner(
    participant_id: &str,
) -> Result<(SignedIn, String), AppError> {
    let db = &app_state().db;
    let participant = crate::family::store::find_participant(db, participant_id).await?;
    let Some(participant) = participant else {
        require_therapist().await?;
        return Err(AppError::NotFound);
    };
    let therapist = require_family_owner(&participant.family_id).await?;
    Ok((therapist, participant.family_id))
}

/// The therapist who owns the exercise an invitation belongs to.
pub async fn require_invitation_owner(invitation_id: &str) -> Result<SignedIn, AppError> {
    let invitation = crate::invitation::store::find(&app_state().db, invitation_id).await?;
    let Some(invitation) = invitation else {
        require_therapist().await?;
        return Err(AppError::NotFound);
    };
    Ok(require_exercise_owner(&invitation.exercise_id).await?.0)
}
