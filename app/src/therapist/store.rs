//! Therapist rows (server only). The password hash stays in this module's row type,
//! which is never serialised.

use sqlx::Row;

use crate::db::{Db, ids::new_id, time::now_ms};

/// A therapist account as the server holds it. Deliberately not `Serialize`: the
/// password hash must never be sent anywhere.
#[derive(Debug, Clone)]
pub struct TherapistRecord {
    pub id: String,
    pub email: String,
    pub display_name: String,
    pub password_hash: String,
    pub created_at_ms: i64,
}

/// Emails are compared trimmed and lower-cased, so one person has one account.
pub fn normalise_email(email: &str) -> String {
    email.trim().to_lowercase()
}

pub async fn create_therapist(
    db: &Db,
    email: &str,
    display_name: &str,
    password_hash: &str,
) -> Result<TherapistRecord, sqlx::Error> {
    let record = TherapistRecord {
        id: new_id(),
        email: normalise_email(email),
        display_name: display_name.trim().to_owned(),
        password_hash: password_hash.to_owned(),
        created_at_ms: now_ms(),
    };
    let mut tx = db.begin_write().await?;
    sqlx::query(
        "INSERT INTO therapists (id, email, display_name, password_hash, created_at) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(&record.id)
    .bind(&record.email)
    .bind(&record.display_name)
    .bind(&record.password_hash)
    .bind(record.created_at_ms)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(record)
}

pub async fn find_therapist_by_email(
    db: &Db,
    email: &str,
) -> Result<Option<TherapistRecord>, sqlx::Error> {
    let row = sqlx::query(
        "SELECT id, email, display_name, password_hash, created_at FROM therapists \
         WHERE email = $1",
    )
    .bind(normalise_email(email))
    .fetch_optional(db.pool())
    .await?;
    row.map(|row| {
        Ok(TherapistRecord {
            id: row.try_get("id")?,
            email: row.try_get("email")?,
            display_name: row.try_get("display_name")?,
            password_hash: row.try_get("password_hash")?,
            created_at_ms: row.try_get("created_at")?,
        })
    })
    .transpose()
}
