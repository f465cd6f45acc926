//! What the audit server function does, after the policy's check (server only).

use super::model::{ActivityPage, AuditEntry, PAGE_SIZE};
use crate::{auth::policy::SignedIn, ctx::Ctx, error::AppError, ids::TherapistId};

pub async fn list_my_activity(
    ctx: &Ctx,
    therapist: &SignedIn<TherapistId>,
    page: u32,
) -> Result<ActivityPage, AppError> {
    let page = page.clamp(1, 100_000);
    let offset = i64::from((page - 1) * PAGE_SIZE);
    // One extra row tells whether there is a next page.
    let mut rows =
        super::store::of_therapist(ctx.db(), &therapist.id, i64::from(PAGE_SIZE) + 1, offset)
            .await?;
    let has_more = rows.len() > PAGE_SIZE as usize;
    rows.truncate(PAGE_SIZE as usize);
    let entries = rows
        .into_iter()
        .map(|row| AuditEntry { at_ms: row.at_ms, event: row.event, client_ip: row.client_ip })
        .collect();
    Ok(ActivityPage { page, entries, has_more })
}
