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
        (Holder::Participant(id), _) => {
            Actor::Participant(SignedIn { id: id.clone(), token, session })
        }
    })
}

/// A fully signed-in therapist.
pub async fn require_therapist() -> Result<SignedIn, AppError> {
    match current_actor().await? {
        Actor::Therapist(therapist) => Ok(therapist),
        Actor::Participant(_) => Err(AppError::Forbidden),
        Actor::Anonymous | Actor::TherapistPending(_) => Err(AppError::Unauthenticated),
    }
}

/// A therapist who has given their password and owes a two-step code.
pub async fn require_second_factor_due() -> Result<SignedIn, AppError> {
    match current_actor().await? {
        Actor::TherapistPending(pending) if pending.session.stage == Stage::SecondFactor => {
            Ok(pending)
        }
        Actor::Participant(_) => Err(AppError::Forbidden),
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
        Actor::Participant(_) => Err(AppError::Forbidden),
        _ => Err(AppError::Unauthenticated),
    }
}

/// Anyone with a live session (to sign out).
pub async fn require_any_session() -> Result<SignedIn, AppError> {
    match current_actor().await? {
        Actor::Therapist(signed_in)
        | Actor::TherapistPending(signed_in)
        | Actor::Participant(signed_in) => Ok(signed_in),
        Actor::Anonymous => Err(AppError::Unauthenticated),
    }
}
