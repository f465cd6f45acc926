//! One-time results that a page must show after a plain form post (no JavaScript):
//! a colleague's invitation link, new recovery codes. The server function puts the
//! value in a short-lived HttpOnly cookie and redirects; the page takes it once.
//! With JavaScript the value comes back in the server function's answer instead.

use leptos::prelude::*;

use crate::error::AppError;

pub const INVITE_LINK: &str = "invite_link";
pub const RECOVERY_CODES: &str = "recovery_codes";

#[cfg(feature = "ssr")]
fn cookie_name(kind: &str) -> Option<&'static str> {
    match kind {
        INVITE_LINK => Some("parallel_flash_invite"),
        RECOVERY_CODES => Some("parallel_flash_codes"),
        _ => None,
    }
}

/// Takes (reads and clears) the caller's flash of `kind`. Therapists only; it only
/// ever reads the caller's own cookie.
#[server(prefix = "/api", endpoint = "take_flash")]
pub async fn take_flash(kind: String) -> Result<Option<String>, AppError> {
    use crate::{auth::policy, ctx::Ctx};

    let ctx = Ctx::current()?;
    ctx.respond(
        async {
            policy::therapist(&ctx).await?;
            let name = cookie_name(&kind).ok_or(AppError::BadRequest)?;
            let value = ctx.cookie(name);
            if value.is_some() {
                ssr::set_cookie(&ctx, name, "", 0);
            }
            Ok(value)
        }
        .await,
    )
}

#[cfg(feature = "ssr")]
pub mod ssr {
    use crate::ctx::Ctx;

    /// Leaves `value` for the next page load (one minute at most).
    pub fn set_flash(ctx: &Ctx, kind: &str, value: &str) {
        if let Some(name) = super::cookie_name(kind) {
            set_cookie(ctx, name, value, 60);
        }
    }

    pub(super) fn set_cookie(ctx: &Ctx, name: &str, value: &str, max_age: u32) {
        ctx.set_cookie(&format!(
            "{name}={value}; Path=/account; Max-Age={max_age}; HttpOnly; SameSite=Strict{}",
            ctx.secure_attribute()
        ));
    }
}
