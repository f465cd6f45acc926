use leptos::prelude::*;

use crate::error::AppError;

/// Changes the signed-in therapist's password. Needs the current one. Every other
/// session of the account ends, and this one gets a new id.
#[server(prefix = "/api", endpoint = "change_password")]
pub async fn change_password(
    current_password: String,
    new_password: String,
    confirm_password: String,
) -> Result<(), AppError> {
    use crate::{auth::policy, ctx::Ctx};

    let ctx = Ctx::current()?;
    ctx.respond(
        async {
            let signed_in = policy::therapist(&ctx).await?;
            crate::auth::flows::change_password(
                &ctx,
                &signed_in,
                current_password,
                new_password,
                confirm_password,
            )
            .await
        }
        .await,
    )
}
