use leptos::prelude::*;

use crate::error::AppError;

pub use super::model::{ActivityPage, AuditEntry};

/// The signed-in therapist's own audit trail, newest first, a page at a time.
#[server(prefix = "/api", endpoint = "list_my_activity")]
pub async fn list_my_activity(page: u32) -> Result<ActivityPage, AppError> {
    use crate::{auth::policy, ctx::Ctx};

    let ctx = Ctx::current()?;
    ctx.respond(
        async {
            let therapist = policy::therapist(&ctx).await?;
            super::service::list_my_activity(&ctx, &therapist, page).await
        }
        .await,
    )
}
