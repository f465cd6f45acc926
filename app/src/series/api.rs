//! Series server functions (the family's therapist only).

use leptos::prelude::*;

use crate::error::AppError;

/// Starts the family's next exercise: the same template (the same version or its
/// newest), the same people, and, with `links = "keep"`, everyone's way in carried
/// on (link, passcode, devices). `template` is `"same"` or `"newest"`; `links` is
/// `"keep"` or `"new"` (new links stop the old ones). The family's last exercise
/// must be closed.
#[server(prefix = "/api", endpoint = "start_next_exercise")]
pub async fn start_next_exercise(
    family_id: String,
    template: String,
    links: String,
    focus: String,
    due_date: String,
) -> Result<(), AppError> {
    use crate::{auth::policy, ctx::Ctx};

    let ctx = Ctx::current()?;
    ctx.respond(
        async {
            let owned = policy::owned_family(&ctx, &family_id).await?;
            let request = super::service::NextRequest { template, links, focus, due_date };
            super::service::start_next_exercise(&ctx, &owned, request).await
        }
        .await,
    )
}

/// The family's Over time page: closeness ratings and feelings named per guessing
/// pair across its exercises. The family's therapist only; never shown to
/// participants.
pub use super::model::OverTime;

#[server(prefix = "/api", endpoint = "family_over_time")]
pub async fn family_over_time(family_id: String) -> Result<OverTime, AppError> {
    use crate::{auth::policy, ctx::Ctx};

    let ctx = Ctx::current()?;
    ctx.respond(
        async {
            let owned = policy::owned_family(&ctx, &family_id).await?;
            super::service::over_time(&ctx, &owned).await
        }
        .await,
    )
}

/// The series of an exercise's family up to and including that exercise (the
/// printed summary's *Over time*). The exercise's therapist only.
#[server(prefix = "/api", endpoint = "exercise_over_time")]
pub async fn exercise_over_time(exercise_id: String) -> Result<OverTime, AppError> {
    use crate::{auth::policy, ctx::Ctx};

    let ctx = Ctx::current()?;
    ctx.respond(
        async {
            let owned = policy::owned_exercise(&ctx, &exercise_id).await?;
            super::service::exercise_over_time(&ctx, &owned).await
        }
        .await,
    )
}
