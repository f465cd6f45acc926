use leptos::prelude::*;

use crate::error::AppError;

/// Checks an email and password. Public. On success it starts a new session (any
/// session the browser had is ended first, so a planted id is worthless) and sends
/// the browser on: to the account, to the code step, or to two-step set-up.
///
/// Unknown email and wrong password give the same answer after the same work.
#[server(prefix = "/api", endpoint = "sign_in")]
pub async fn sign_in(email: String, password: String) -> Result<(), AppError> {
    let ctx = crate::ctx::Ctx::current()?;
    ctx.respond(crate::auth::flows::sign_in(&ctx, email, password).await)
}
