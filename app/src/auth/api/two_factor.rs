use leptos::prelude::*;

use crate::error::AppError;

/// Starts setting up two-step verification: makes (or reuses) a secret that is not
/// yet in force. A read that creates state, so a POST like every server function.
pub use crate::auth::model::TwoFactorEnrolment;

#[server(prefix = "/api", endpoint = "begin_two_factor")]
pub async fn begin_two_factor() -> Result<TwoFactorEnrolment, AppError> {
    use crate::{auth::policy, ctx::Ctx};

    let ctx = Ctx::current()?;
    ctx.respond(
        async {
            let signed_in = policy::therapist_enrolling(&ctx).await?;
            crate::auth::flows::begin_two_factor(&ctx, &signed_in).await
        }
        .await,
    )
}

/// Confirms enrolment with a code from the new secret. Turns two-step verification
/// on, gives the session a new id, and returns ten recovery codes, shown once.
#[server(prefix = "/api", endpoint = "confirm_two_factor")]
pub async fn confirm_two_factor(code: String) -> Result<Vec<String>, AppError> {
    use crate::{auth::policy, ctx::Ctx};

    let ctx = Ctx::current()?;
    ctx.respond(
        async {
            let signed_in = policy::therapist_enrolling(&ctx).await?;
            crate::auth::flows::confirm_two_factor(&ctx, &signed_in, code).await
        }
        .await,
    )
}

/// Turns two-step verification off (needs the password and a current code or a
/// recovery code). Refused when the operator requires it for everyone.
#[server(prefix = "/api", endpoint = "disable_two_factor")]
pub async fn disable_two_factor(password: String, code: String) -> Result<(), AppError> {
    use crate::{auth::policy, ctx::Ctx};

    let ctx = Ctx::current()?;
    ctx.respond(
        async {
            let signed_in = policy::therapist(&ctx).await?;
            crate::auth::flows::disable_two_factor(&ctx, &signed_in, password, code).await
        }
        .await,
    )
}
