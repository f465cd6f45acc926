//! The authorisation policy: the one place that decides who may do what, and the
//! only module that reads a session's holder and stage.
//!
//! Every server function and handler asks it first, with its request context, and
//! gets back a *capability*: proof of what was checked, holding the rows the check
//! loaded (`OwnedFamily`, `OwnedExercise`, `ParticipantSeat`, …). Their fields are
//! private and only this module makes them, so a value of one of these types means
//! the check was made for this request; a domain function that takes one cannot be
//! reached around the policy.

use super::session::{self, Holder, Session, Stage, Timeouts};
use crate::{
    ctx::Ctx,
    error::AppError,
    exercise::Exercise,
    family::{Family, Participant},
    ids::{ExerciseId, FamilyId, InvitationId, ParticipantId, TherapistId},
    invitation::store::Invitation,
    state::AppState,
};

/// The caller of a server function, from their session cookie.
#[derive(Debug, Clone)]
pub enum Actor {
    Anonymous,
    Therapist(SignedIn<TherapistId>),
    /// A therapist part-way through signing in (code due, or enrolment required).
    TherapistPending(SignedIn<TherapistId>),
    Participant(SignedIn<ParticipantId>),
    /// A participant whose link opened on a device that must choose or give the
    /// passcode first. Reaches nothing but the passcode step.
    ParticipantPending(SignedIn<ParticipantId>),
}

/// A session and the token that found it, with its holder's id: a
/// `SignedIn<TherapistId>` is a therapist's, a `SignedIn<ParticipantId>` a
/// participant's, and a `SignedIn<Holder>` anyone's (to sign out).
#[derive(Debug, Clone)]
pub struct SignedIn<Id> {
    pub id: Id,
    pub token: String,
    pub session: Session,
}

impl<Id> SignedIn<Id> {
    /// The stage this session is at (a code still due, a passcode to choose, …).
    pub fn stage(&self) -> Stage {
        self.session.stage
    }

    /// The therapist's id, when a therapist holds this session.
    pub fn therapist_id(&self) -> Option<&TherapistId> {
        match &self.session.holder {
            Holder::Therapist(id) => Some(id),
            Holder::Participant { .. } => None,
        }
    }
}

/// A participant, through an invitation that still stands: the one exercise this
/// session may ever reach.
#[derive(Debug, Clone)]
pub struct ParticipantSeat {
    participant_id: ParticipantId,
    invitation: Invitation,
    token: String,
}

impl ParticipantSeat {
    pub fn participant_id(&self) -> &ParticipantId {
        &self.participant_id
    }
    pub fn invitation_id(&self) -> &InvitationId {
        &self.invitation.id
    }
    pub fn exercise_id(&self) -> &ExerciseId {
        &self.invitation.exercise_id
    }
    pub fn invitation(&self) -> &Invitation {
        &self.invitation
    }
    pub fn token(&self) -> &str {
        &self.token
    }
}

/// A participant half-way in on this device (a passcode to choose or to give),
/// with their invitation.
#[derive(Debug, Clone)]
pub struct PendingSeat {
    signed_in: SignedIn<ParticipantId>,
    invitation: Invitation,
}

impl PendingSeat {
    pub fn signed_in(&self) -> &SignedIn<ParticipantId> {
        &self.signed_in
    }
    pub fn invitation(&self) -> &Invitation {
        &self.invitation
    }
}

/// A family, and the therapist it belongs to (the caller).
#[derive(Debug, Clone)]
pub struct OwnedFamily {
    therapist: SignedIn<TherapistId>,
    family: Family,
}

impl OwnedFamily {
    pub fn therapist(&self) -> &SignedIn<TherapistId> {
        &self.therapist
    }
    pub fn family(&self) -> &Family {
        &self.family
    }
    pub fn id(&self) -> &FamilyId {
        &self.family.id
    }
}

/// An exercise of one of the caller's families, with its family.
#[derive(Debug, Clone)]
pub struct OwnedExercise {
    therapist: SignedIn<TherapistId>,
    exercise: Exercise,
    family: Family,
}

impl OwnedExercise {
    pub fn therapist(&self) -> &SignedIn<TherapistId> {
        &self.therapist
    }
    pub fn exercise(&self) -> &Exercise {
        &self.exercise
    }
    pub fn id(&self) -> &ExerciseId {
        &self.exercise.id
    }
    pub fn family_id(&self) -> &str {
        &self.exercise.family_id
    }
    pub fn family(&self) -> &Family {
        &self.family
    }
}

/// A person in one of the caller's families.
#[derive(Debug, Clone)]
pub struct OwnedParticipant {
    therapist: SignedIn<TherapistId>,
    participant: Participant,
}

impl OwnedParticipant {
    pub fn therapist(&self) -> &SignedIn<TherapistId> {
        &self.therapist
    }
    pub fn participant(&self) -> &Participant {
        &self.participant
    }
    pub fn family_id(&self) -> &str {
        &self.participant.family_id
    }
}

/// An invitation into an exercise of one of the caller's families.
#[derive(Debug, Clone)]
pub struct OwnedInvitation {
    therapist: SignedIn<TherapistId>,
    invitation: Invitation,
}

impl OwnedInvitation {
    pub fn therapist(&self) -> &SignedIn<TherapistId> {
        &self.therapist
    }
    pub fn invitation(&self) -> &Invitation {
        &self.invitation
    }
    pub fn id(&self) -> &InvitationId {
        &self.invitation.id
    }
}

/// Who may watch a live stream.
#[derive(Debug, Clone)]
pub enum LiveViewer {
    Therapist(SignedIn<TherapistId>),
    Participant(ParticipantSeat),
}

pub fn timeouts(state: &AppState) -> Timeouts {
    state.settings.sessions
}

/// Who the caller is (ending their session if it has timed out).
pub async fn caller(ctx: &Ctx) -> Result<Actor, AppError> {
    let Some(token) = ctx.session_token() else { return Ok(Actor::Anonymous) };
    let state = ctx.state();
    let Some(session) = session::load(&state.db, &token, timeouts(state)).await? else {
        return Ok(Actor::Anonymous);
    };
    classify(state, session, token).await
}

async fn classify(state: &AppState, session: Session, token: String) -> Result<Actor, AppError> {
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
pub async fn therapist(ctx: &Ctx) -> Result<SignedIn<TherapistId>, AppError> {
    match caller(ctx).await? {
        Actor::Therapist(therapist) => Ok(therapist),
        Actor::Participant(_) | Actor::ParticipantPending(_) => Err(AppError::Forbidden),
        Actor::Anonymous | Actor::TherapistPending(_) => Err(AppError::Unauthenticated),
    }
}

/// A therapist who has given their password and owes a two-step code.
pub async fn second_factor_due(ctx: &Ctx) -> Result<SignedIn<TherapistId>, AppError> {
    match caller(ctx).await? {
        Actor::TherapistPending(pending) if pending.stage() == Stage::SecondFactor => Ok(pending),
        Actor::Participant(_) | Actor::ParticipantPending(_) => Err(AppError::Forbidden),
        _ => Err(AppError::Unauthenticated),
    }
}

/// A therapist who may set up two-step verification: fully signed in, or signed in
/// with a password when the operator requires two-step before anything else.
pub async fn therapist_enrolling(ctx: &Ctx) -> Result<SignedIn<TherapistId>, AppError> {
    match caller(ctx).await? {
        Actor::Therapist(therapist) => Ok(therapist),
        Actor::TherapistPending(pending) if pending.stage() == Stage::EnrolSecondFactor => {
            Ok(pending)
        }
        Actor::Participant(_) | Actor::ParticipantPending(_) => Err(AppError::Forbidden),
        _ => Err(AppError::Unauthenticated),
    }
}

/// Anyone with a live session (to sign out).
pub async fn any_session(ctx: &Ctx) -> Result<SignedIn<Holder>, AppError> {
    fn anyone<Id>(signed_in: SignedIn<Id>) -> SignedIn<Holder> {
        let SignedIn { token, session, .. } = signed_in;
        SignedIn { id: session.holder.clone(), token, session }
    }
    match caller(ctx).await? {
        Actor::Therapist(signed_in) | Actor::TherapistPending(signed_in) => Ok(anyone(signed_in)),
        Actor::Participant(signed_in) | Actor::ParticipantPending(signed_in) => {
            Ok(anyone(signed_in))
        }
        Actor::Anonymous => Err(AppError::Unauthenticated),
    }
}

/// A participant, through an invitation that still stands.
pub async fn participant_seat(ctx: &Ctx) -> Result<ParticipantSeat, AppError> {
    let Some(token) = ctx.session_token() else { return Err(AppError::Unauthenticated) };
    let state = ctx.state();
    let Some(session) = session::load(&state.db, &token, timeouts(state)).await? else {
        return Err(AppError::Unauthenticated);
    };
    seat_of_session(state, session, token).await
}

/// `participant_seat` again for a page that only listens (a live stream), from
/// the seat it was given: does not count as activity, so an open board does not
/// keep a forgotten visit alive. Refused once the visit has ended or the link
/// stopped working.
pub async fn seat_still_held(
    state: &AppState,
    seat: &ParticipantSeat,
) -> Result<ParticipantSeat, AppError> {
    let token = seat.token.clone();
    let Some(session) = session::load_untouched(&state.db, &token, timeouts(state)).await? else {
        return Err(AppError::Unauthenticated);
    };
    seat_of_session(state, session, token).await
}

async fn seat_of_session(
    state: &AppState,
    session: Session,
    token: String,
) -> Result<ParticipantSeat, AppError> {
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
    Ok(ParticipantSeat { participant_id, invitation, token })
}

/// A participant half-way in on this device, at `stage` (a passcode to choose or
/// to give).
pub async fn pending_seat(ctx: &Ctx, stage: Stage) -> Result<PendingSeat, AppError> {
    let signed_in = match caller(ctx).await? {
        Actor::ParticipantPending(pending) if pending.stage() == stage => pending,
        Actor::Therapist(_) | Actor::TherapistPending(_) => return Err(AppError::Forbidden),
        _ => return Err(AppError::Unauthenticated),
    };
    pending_seat_of(ctx, signed_in, stage).await
}

async fn pending_seat_of(
    ctx: &Ctx,
    signed_in: SignedIn<ParticipantId>,
    stage: Stage,
) -> Result<PendingSeat, AppError> {
    debug_assert_eq!(signed_in.stage(), stage);
    let Holder::Participant { invitation_id, .. } = &signed_in.session.holder else {
        return Err(AppError::Forbidden);
    };
    let invitation = crate::invitation::store::find(ctx.db(), invitation_id)
        .await?
        .ok_or(AppError::Unauthenticated)?;
    Ok(PendingSeat { signed_in, invitation })
}

/// Where a participant's device is on the way in.
#[derive(Debug, Clone)]
pub enum WayIn {
    /// All the way in.
    In,
    /// A passcode to choose or to give (see `PendingSeat::signed_in().stage()`).
    Pending(Box<PendingSeat>),
}

/// Where this device's participant is on the way in; anyone else is refused.
pub async fn way_in(ctx: &Ctx) -> Result<WayIn, AppError> {
    match caller(ctx).await? {
        Actor::Participant(_) => Ok(WayIn::In),
        Actor::ParticipantPending(pending) => {
            let stage = pending.stage();
            Ok(WayIn::Pending(Box::new(pending_seat_of(ctx, pending, stage).await?)))
        }
        Actor::Therapist(_) | Actor::TherapistPending(_) => Err(AppError::Forbidden),
        Actor::Anonymous => Err(AppError::Unauthenticated),
    }
}

/// The therapist who owns `family_id`. Another therapist's family is refused (403);
/// one that does not exist is not found (404). Ids are random, so telling the two
/// apart tells a caller nothing they could use; a page that says "not found" for a
/// mistyped address is what a therapist expects.
pub async fn owned_family(ctx: &Ctx, family_id: &str) -> Result<OwnedFamily, AppError> {
    let therapist = therapist(ctx).await?;
    let family = crate::family::store::find_family(ctx.db(), family_id).await?;
    owned(therapist, family)
}

fn owned(
    therapist: SignedIn<TherapistId>,
    family: Option<Family>,
) -> Result<OwnedFamily, AppError> {
    match family {
        Some(family) if family.therapist_id == therapist.id => {
            Ok(OwnedFamily { therapist, family })
        }
        Some(_) => Err(AppError::Forbidden),
        None => Err(AppError::NotFound),
    }
}

/// An exercise of one of the caller's families.
pub async fn owned_exercise(ctx: &Ctx, exercise_id: &str) -> Result<OwnedExercise, AppError> {
    let therapist = therapist(ctx).await?;
    let exercise = crate::exercise::store::find(ctx.db(), exercise_id).await?;
    let Some(exercise) = exercise else { return Err(AppError::NotFound) };
    let family = crate::family::store::find_family(ctx.db(), &exercise.family_id).await?;
    // An exercise whose family is gone is as good as gone; the caller learns
    // nothing either way.
    let OwnedFamily { therapist, family } =
        owned(therapist, family).map_err(|_| AppError::Forbidden)?;
    Ok(OwnedExercise { therapist, exercise, family })
}

/// A person in one of the caller's families.
pub async fn owned_participant(
    ctx: &Ctx,
    participant_id: &str,
) -> Result<OwnedParticipant, AppError> {
    let therapist = therapist(ctx).await?;
    let participant = crate::family::store::find_participant(ctx.db(), participant_id).await?;
    let Some(participant) = participant else { return Err(AppError::NotFound) };
    let family = crate::family::store::find_family(ctx.db(), &participant.family_id).await?;
    let OwnedFamily { therapist, .. } = owned(therapist, family)?;
    Ok(OwnedParticipant { therapist, participant })
}

/// An invitation into an exercise of one of the caller's families.
pub async fn owned_invitation(ctx: &Ctx, invitation_id: &str) -> Result<OwnedInvitation, AppError> {
    let therapist = therapist(ctx).await?;
    let invitation = crate::invitation::store::find(ctx.db(), invitation_id).await?;
    let Some(invitation) = invitation else { return Err(AppError::NotFound) };
    let owner = crate::exercise::store::owner_of(ctx.db(), &invitation.exercise_id).await?;
    if owner.as_ref() != Some(&therapist.id) {
        return Err(AppError::Forbidden);
    }
    Ok(OwnedInvitation { therapist, invitation })
}

/// Who may open a live stream: a fully signed-in therapist (each exercise they
/// follow is checked with `therapist_owns`), or a participant in their seat.
/// Opening a stream does not count as activity.
pub async fn live_viewer(ctx: &Ctx) -> Result<LiveViewer, AppError> {
    let Some(token) = ctx.session_token() else { return Err(AppError::Unauthenticated) };
    let state = ctx.state();
    let Some(session) = session::load(&state.db, &token, timeouts(state)).await? else {
        return Err(AppError::Unauthenticated);
    };
    match (&session.holder, session.stage) {
        (Holder::Therapist(id), Stage::Full) => {
            Ok(LiveViewer::Therapist(SignedIn { id: id.clone(), token, session }))
        }
        (Holder::Therapist(_), _) => Err(AppError::Unauthenticated),
        (Holder::Participant { .. }, _) => {
            Ok(LiveViewer::Participant(seat_of_session(state, session, token).await?))
        }
    }
}

/// Whether `therapist` owns the exercise (for a stream that follows several).
pub async fn therapist_owns(
    state: &AppState,
    therapist: &SignedIn<TherapistId>,
    exercise_id: &str,
) -> Result<bool, AppError> {
    let owner = crate::exercise::store::owner_of(&state.db, exercise_id).await?;
    Ok(owner.as_deref() == Some(therapist.id.as_str()))
}

/// Whether a therapist's session is still live (for a stream that only listens:
/// does not count as activity).
pub async fn still_signed_in(
    state: &AppState,
    therapist: &SignedIn<TherapistId>,
) -> Result<bool, AppError> {
    Ok(session::still_live(&state.db, &therapist.token, timeouts(state)).await?)
}
