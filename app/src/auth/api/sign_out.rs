use leptos::prelude::*;

use crate::error::AppError;

/// Ends this session on the server and clears the cookie.
#[server(prefix = "/api", endpoint = "sign_out")]
pub async fn sign_out() -> Result<(), AppError> {
    use crate::auth::{policy, presence};

    let ctx = crate::ctx::Ctx::current()?;
    let done = async { presence::sign_out(&ctx, &policy::any_session(&ctx).await?).await };
    ctx.respond(done.await.map(|()| leptos_axum::redirect("/signed-out")))
}

/// Ends every session of the signed-in therapist, on every device.
#[server(prefix = "/api", endpoint = "sign_out_everywhere")]
pub async fn sign_out_everywhere() -> Result<(), AppError> {
    use crate::auth::{policy, presence};

    let ctx = crate::ctx::Ctx::current()?;
    let done = async { presence::sign_out_everywhere(&ctx, &policy::therapist(&ctx).await?).await };
    ctx.respond(done.await.map(|()| leptos_axum::redirect("/signed-out")))
}
