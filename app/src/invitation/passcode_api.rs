//! The passcode step, for a participant whose link opened on a device that must
//! choose the passcode (the link's first device) or give it (any other device).
//! See `invitation::join` for when each is asked.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

pub use super::{MAX_DIGITS, MIN_DIGITS};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum PasscodePrompt {
    /// The link's first device: choose a passcode.
    Choose,
    /// Another device: the passcode is due.
    Enter { tries_left: i64 },
    /// Already in on this device.
    Done,
}

/// Which passcode step this browser is at. Participants half-way in only.
#[server(prefix = "/api", endpoint = "passcode_step")]
pub async fn passcode_step() -> Result<PasscodePrompt, AppError> {
    use crate::{
        auth::{
            policy::{self, WayIn},
            session::Stage,
        },
        ctx::Ctx,
    };

    let ctx = Ctx::current()?;
    ctx.respond(
        async {
            let WayIn::Pending(seat) = policy::way_in(&ctx).await? else {
                return Ok(PasscodePrompt::Done);
            };
            match seat.signed_in().stage() {
                Stage::ChoosePasscode => Ok(PasscodePrompt::Choose),
                _ => {
                    let failures = seat.invitation().passcode_failures;
                    let tries_left = super::passcode::MAX_TRIES - failures;
                    Ok(PasscodePrompt::Enter { tries_left: tries_left.max(1) })
                }
            }
        }
        .await,
    )
}

/// Chooses the link's passcode on its first device, which then opens it without
/// asking. If another device chose one first, this one is asked for it instead.
#[server(prefix = "/api", endpoint = "choose_passcode")]
pub async fn choose_passcode(passcode: String, again: String) -> Result<(), AppError> {
    use crate::{
        auth::{
            policy::{self, timeouts},
            session::{self, Stage},
        },
        ctx::Ctx,
    };

    let ctx = Ctx::current()?;
    ctx.respond(
        async {
            let seat = policy::pending_seat(&ctx, Stage::ChoosePasscode).await?;
            let (pending, invitation) = (seat.signed_in(), seat.invitation());
            super::passcode::check_new(&passcode, &again).map_err(AppError::Invalid)?;
            let state = ctx.state();
            let hash = crate::auth::password::hash_password_off_workers(passcode.trim()).await?;
            if !super::passcode::set_if_unset(&state.db, &invitation.id, &hash).await? {
                // A second device got there first: this one must give that passcode.
                let token = session::rotate(
                    &state.db,
                    &pending.token,
                    &pending.session,
                    Stage::PasscodeDue,
                    timeouts(state),
                )
                .await?;
                ctx.set_session_cookie(&token);
                return Err(AppError::invalid(
                    "A passcode was just chosen for this link on another device. If that was \
                     you, please enter it below.",
                ));
            }
            let_in(&ctx, pending, &invitation.id).await
        }
        .await,
    )
}

/// Gives the passcode on a device the link does not know. Five wrong tries lock
/// the link.
#[server(prefix = "/api", endpoint = "enter_passcode")]
pub async fn enter_passcode(passcode: String) -> Result<(), AppError> {
    use http::{HeaderValue, header::HeaderName};

    use super::{
        join::{CLEAR_STORAGE, LOCKED_PATH},
        passcode::{Attempt, attempt},
    };
    use crate::{
        auth::{
            policy,
            session::Stage,
            throttle::{self, Scope},
        },
        ctx::Ctx,
    };

    let ctx = Ctx::current()?;
    ctx.respond(
        async {
            let seat = policy::pending_seat(&ctx, Stage::PasscodeDue).await?;
            let (pending, invitation) = (seat.signed_in(), seat.invitation());
            let typed = super::passcode::check_typed(&passcode).map_err(AppError::Invalid)?;
            let db = ctx.db();
            let ip = ctx.client_ip().unwrap_or_default();
            // Counted before the passcode is checked (see `throttle`); the link's
            // own five tries are taken the same way (`passcode::attempt`).
            let address_try = match throttle::take(db, Scope::PasscodeAddress, &ip).await? {
                Ok(taken) => taken,
                Err(wait) => {
                    return Err(AppError::wait_for(wait));
                }
            };
            match attempt(db, &invitation, typed).await? {
                Attempt::Right => {
                    throttle::succeeded(db, address_try).await?;
                    let_in(&ctx, pending, &invitation.id).await
                }
                Attempt::Wrong { tries_left } => {
                    let _ = address_try;
                    Err(AppError::invalid(if tries_left == 1 {
                        "That passcode is not right. You can try once more; after that the link \
                         locks and your therapist will need to make you a new one."
                            .to_owned()
                    } else {
                        format!("That passcode is not right. You can try {tries_left} more times.")
                    }))
                }
                Attempt::Locked => {
                    ctx.clear_session_cookie();
                    ctx.append_response_header(
                        HeaderName::from_static("clear-site-data"),
                        HeaderValue::from_static(CLEAR_STORAGE),
                    );
                    leptos_axum::redirect(LOCKED_PATH);
                    Ok(())
                }
            }
        }
        .await,
    )
}

/// The passcode was chosen or given: this device becomes one of the link's, and
/// the visit starts (a new session id for the new privilege).
#[cfg(feature = "ssr")]
async fn let_in(
    ctx: &crate::ctx::Ctx,
    pending: &crate::auth::policy::SignedIn,
    invitation_id: &str,
) -> Result<(), AppError> {
    use super::devices::{claim, device_cookie, device_or_new};
    use crate::auth::{
        policy::timeouts,
        session::{self, Stage},
    };

    let state = ctx.state();
    let (device, new_device) = device_or_new(&state.settings, ctx.headers());
    claim(&state.db, invitation_id, &device).await?;
    if new_device {
        ctx.set_cookie(&device_cookie(&state.settings, &device));
    }
    let token =
        session::rotate(&state.db, &pending.token, &pending.session, Stage::Full, timeouts(state))
            .await?;
    ctx.set_session_cookie(&token);
    leptos_axum::redirect(super::join::WELCOME_PATH);
    Ok(())
}
