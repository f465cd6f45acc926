//! Exercise server functions (therapists, for their own families' exercises).

use leptos::prelude::*;

use crate::error::AppError;

/// Starts an exercise for a family from a template version. The family must have
/// exactly one person in recovery and at least one family member. Everyone gets an
/// invitation.
pub use super::model::{ExerciseDetail, InvitationView};

#[server(prefix = "/api", endpoint = "create_exercise")]
pub async fn create_exercise(
    family_id: String,
    template_id: String,
    focus: String,
    due_date: String,
) -> Result<(), AppError> {
    use crate::{auth::policy, ctx::Ctx};

    let ctx = Ctx::current()?;
    ctx.respond(
        async {
            let owned = policy::owned_family(&ctx, &family_id).await?;
            super::service::create_exercise(&ctx, &owned, template_id, focus, due_date).await
        }
        .await,
    )
}

/// The exercise page: status, and each participant's invitation link and QR code.
#[server(prefix = "/api", endpoint = "get_exercise")]
pub async fn get_exercise(exercise_id: String) -> Result<ExerciseDetail, AppError> {
    use crate::{auth::policy, ctx::Ctx};

    let ctx = Ctx::current()?;
    ctx.respond(
        async {
            let owned = policy::owned_exercise(&ctx, &exercise_id).await?;
            super::service::get_exercise(&ctx, &owned).await
        }
        .await,
    )
}

/// Moves the exercise one step on: draft → open → in session → closed.
#[server(prefix = "/api", endpoint = "advance_exercise")]
pub async fn advance_exercise(exercise_id: String, to: String) -> Result<(), AppError> {
    use crate::{auth::policy, ctx::Ctx};

    let ctx = Ctx::current()?;
    ctx.respond(
        async {
            policy::owned_exercise(&ctx, &exercise_id).await?;
            super::service::advance_exercise(&ctx, exercise_id, to).await
        }
        .await,
    )
}
