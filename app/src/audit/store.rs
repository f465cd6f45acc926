//! Writing and reading the trail (server only). There is no update or delete.

use sqlx::Row;

use super::AuditEvent;
use crate::{
    ctx::Ctx,
    db::{Db, ids::new_id, invalid_column, time::now_ms},
    ids::TherapistId,
};

/// One event to record.
#[derive(Debug, Clone, Default)]
pub struct NewAuditEntry<'a> {
    pub therapist_id: Option<&'a str>,
    pub subject_id: Option<&'a str>,
    pub client_ip: Option<&'a str>,
}

pub async fn record(
    db: &Db,
    event: AuditEvent,
    entry: NewAuditEntry<'_>,
) -> Result<(), sqlx::Error> {
    let mut tx = db.begin_write().await?;
    sqlx::query(
        "INSERT INTO audit_events (id, at, therapist_id, event, subject_id, client_ip) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(new_id())
    .bind(now_ms())
    .bind(entry.therapist_id)
    .bind(event.as_str())
    .bind(entry.subject_id)
    .bind(entry.client_ip)
    .execute(&mut *tx)
    .await?;
    tx.commit().await
}

/// A stored entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredAuditEntry {
    pub at_ms: i64,
    pub event: AuditEvent,
    pub client_ip: Option<String>,
}

/// A therapist's own events, newest first: `limit` of them after skipping `offset`.
pub async fn of_therapist(
    db: &Db,
    therapist_id: &str,
    limit: i64,
    offset: i64,
) -> Result<Vec<StoredAuditEntry>, sqlx::Error> {
    sqlx::query(
        "SELECT at, event, client_ip FROM audit_events WHERE therapist_id = $1 \
         ORDER BY at DESC, id DESC LIMIT $2 OFFSET $3",
    )
    .bind(therapist_id)
    .bind(limit)
    .bind(offset)
    .fetch_all(db.pool())
    .await?
    .iter()
    .map(|row| {
        let event: String = row.try_get("event")?;
        Ok(StoredAuditEntry {
            at_ms: row.try_get("at")?,
            event: AuditEvent::parse(&event).ok_or_else(|| invalid_column("event"))?,
            client_ip: row.try_get("client_ip")?,
        })
    })
    .collect()
}

/// Records one of a therapist's own events, with the request's client address.
pub async fn record_therapist_event(
    ctx: &Ctx,
    event: AuditEvent,
    therapist_id: &TherapistId,
) -> Result<(), sqlx::Error> {
    record_about(ctx, event, therapist_id, None).await
}

/// Records what a therapist did to something (a family, an invitation…), by id,
/// with the request's client address.
pub async fn record_about(
    ctx: &Ctx,
    event: AuditEvent,
    therapist_id: &TherapistId,
    subject_id: Option<&str>,
) -> Result<(), sqlx::Error> {
    let client_ip = ctx.client_ip();
    let entry = NewAuditEntry {
        therapist_id: Some(therapist_id),
        subject_id,
        client_ip: client_ip.as_deref(),
    };
    record(ctx.db(), event, entry).await
}
