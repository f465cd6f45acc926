use leptos::prelude::*;

use crate::error::AppError;

/// Whether a set-up or invitation link can still be used. Public: the link's page
/// asks before showing its form. Unknown, used and expired links look the same.
#[server(prefix = "/api", endpoint = "link_status")]
pub async fn link_status(purpose: String, token: String) -> Result<bool, AppError> {
    use crate::{ctx::Ctx, therapist::links::link_is_valid};

    let ctx = Ctx::current()?;
    ctx.respond(
        async {
            let Some(purpose) = crate::auth::flows::parse_purpose(&purpose) else {
                return Ok(false);
            };
            Ok(link_is_valid(ctx.db(), purpose, &token).await?)
        }
        .await,
    )
}

/// Creates a therapist account from a one-time link (the first account's set-up
/// link, or a colleague's invitation) and signs the new therapist in. Public: the
/// link itself is the permission, and it works once.
#[server(prefix = "/api", endpoint = "create_account")]
pub async fn create_account(
    purpose: String,
    token: String,
    display_name: String,
    email: String,
    password: String,
    confirm_password: String,
) -> Result<(), AppError> {
    let ctx = crate::ctx::Ctx::current()?;
    ctx.respond(
        crate::auth::flows::create_account(
            &ctx,
            purpose,
            token,
            display_name,
            email,
            password,
            confirm_password,
        )
        .await,
    )
}

/// Makes a one-time link for a colleague to create their own account (valid for a
/// week). Returns the full link to pass on.
#[server(prefix = "/api", endpoint = "invite_colleague")]
pub async fn invite_colleague() -> Result<String, AppError> {
    use crate::{auth::policy, ctx::Ctx};

    let ctx = Ctx::current()?;
    ctx.respond(
        async {
            let therapist = policy::therapist(&ctx).await?;
            crate::auth::flows::invite_colleague(&ctx, &therapist).await
        }
        .await,
    )
}
