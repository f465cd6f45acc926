use leptos::prelude::*;

use crate::error::AppError;

/// The second step of signing in: a code from the authenticator app, or one of the
/// recovery codes. Only for a session whose password step has passed.
#[server(prefix = "/api", endpoint = "verify_second_factor")]
pub async fn verify_second_factor(code: String) -> Result<(), AppError> {
    use crate::{auth::policy, ctx::Ctx};

    let ctx = Ctx::current()?;
    ctx.respond(
        async {
            let pending = policy::second_factor_due(&ctx).await?;
            crate::auth::flows::verify_second_factor(&ctx, &pending, code).await
        }
        .await,
    )
}
