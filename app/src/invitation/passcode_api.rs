//! The passcode step, for a participant whose link opened on a device that must
//! choose the passcode (the link's first device) or give it (any other device).
//! See `invitation::join` for when each is asked.

use leptos::prelude::*;

use crate::error::AppError;

pub use super::{MAX_DIGITS, MIN_DIGITS};

/// Which passcode step this browser is at. Participants half-way in only.
pub use super::model::PasscodePrompt;

#[server(prefix = "/api", endpoint = "passcode_step")]
pub async fn passcode_step() -> Result<PasscodePrompt, AppError> {
    let ctx = crate::ctx::Ctx::current()?;
    ctx.respond(super::service::passcode_step(&ctx).await)
}

/// Chooses the link's passcode on its first device, which then opens it without
/// asking. If another device chose one first, this one is asked for it instead.
#[server(prefix = "/api", endpoint = "choose_passcode")]
pub async fn choose_passcode(passcode: String, again: String) -> Result<(), AppError> {
    use crate::{
        auth::{policy, session::Stage},
        ctx::Ctx,
    };

    let ctx = Ctx::current()?;
    ctx.respond(
        async {
            let seat = policy::pending_seat(&ctx, Stage::ChoosePasscode).await?;
            super::service::choose_passcode(&ctx, &seat, passcode, again).await
        }
        .await,
    )
}

/// Gives the passcode on a device the link does not know. Five wrong tries lock
/// the link.
#[server(prefix = "/api", endpoint = "enter_passcode")]
pub async fn enter_passcode(passcode: String) -> Result<(), AppError> {
    use crate::{
        auth::{policy, session::Stage},
        ctx::Ctx,
    };

    let ctx = Ctx::current()?;
    ctx.respond(
        async {
            let seat = policy::pending_seat(&ctx, Stage::PasscodeDue).await?;
            super::service::enter_passcode(&ctx, &seat, passcode).await
        }
        .await,
    )
}
