use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::AuditEvent;
use crate::error::AppError;

/// Entries per page of the activity list.
#[cfg(feature = "ssr")]
const PAGE_SIZE: u32 = 25;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub at_ms: i64,
    pub event: AuditEvent,
    pub client_ip: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityPage {
    pub page: u32,
    pub entries: Vec<AuditEntry>,
    pub has_more: bool,
}

/// The signed-in therapist's own audit trail, newest first, a page at a time.
#[server(prefix = "/api", endpoint = "list_my_activity")]
pub async fn list_my_activity(page: u32) -> Result<ActivityPage, AppError> {
    use crate::{auth::policy, ctx::Ctx};

    let ctx = Ctx::current()?;
    ctx.respond(
        async {
            let therapist = policy::therapist(&ctx).await?;
            let page = page.clamp(1, 100_000);
            let offset = i64::from((page - 1) * PAGE_SIZE);
            // One extra row tells whether there is a next page.
            let mut rows = super::store::of_therapist(
                ctx.db(),
                &therapist.id,
                i64::from(PAGE_SIZE) + 1,
                offset,
            )
            .await?;
            let has_more = rows.len() > PAGE_SIZE as usize;
            rows.truncate(PAGE_SIZE as usize);
            let entries = rows
                .into_iter()
                .map(|row| AuditEntry {
                    at_ms: row.at_ms,
                    event: row.event,
                    client_ip: row.client_ip,
                })
                .collect();
            Ok(ActivityPage { page, entries, has_more })
        }
        .await,
    )
}
