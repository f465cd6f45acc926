//! Therapist rows (server only). The password hash stays in this module's row type,
//! which is never serialised.

use sqlx::{Any, Row, Transaction, any::AnyRow};

use crate::db::{Db, ids::new_id, time::now_ms};

/// A therapist account as the server holds it. Deliberately not `Serialize`: the
/// password hash and two-step secret must never be sent anywhere.
#[derive(Debug, Clone)]
pub struct TherapistRecord {
    pub id: crate::ids::TherapistId,
    pub email: String,
    pub display_name: String,
    pub password_hash: String,
    pub created_at_ms: i64,
    /// Base32 TOTP secret when two-step verification is on.
    pub totp_secret: Option<String>,
    /// The secret being enrolled, until a code from it is confirmed.
    pub totp_pending_secret: Option<String>,
}

const COLUMNS: &str =
    "id, email, display_name, password_hash, created_at, totp_secret, totp_pending_secret";

fn record_from_row(row: &AnyRow) -> Result<TherapistRecord, sqlx::Error> {
    Ok(TherapistRecord {
        id: row.try_get("id")?,
        email: row.try_get("email")?,
        display_name: row.try_get("display_name")?,
        password_hash: row.try_get("password_hash")?,
        created_at_ms: row.try_get("created_at")?,
        totp_secret: row.try_get("totp_secret")?,
        totp_pending_secret: row.try_get("totp_pending_secret")?,
    })
}

/// The therapist's interface language, also the default for the people they add.
pub async fn language_of(db: &Db, id: &str) -> Result<crate::i18n::Language, sqlx::Error> {
    let code: Option<String> = sqlx::query_scalar("SELECT language FROM therapists WHERE id = $1")
        .bind(id)
        .fetch_optional(db.pool())
        .await?;
    Ok(code.and_then(|code| crate::i18n::Language::from_code(&code)).unwrap_or_default())
}

/// Changes the therapist's interface language.
pub async fn set_language(
    db: &Db,
    id: &str,
    language: crate::i18n::Language,
) -> Result<(), sqlx::Error> {
    let query = sqlx::query("UPDATE therapists SET language = $2 WHERE id = $1")
        .bind(id)
        .bind(language.code());
    db.write(query).await?;
    Ok(())
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
    let record = new_therapist(email, display_name, password_hash);
    let mut tx = db.begin_write().await?;
    insert_therapist(&mut tx, &record).await?;
    tx.commit().await?;
    Ok(record)
}

/// A new therapist record, ready for `insert_therapist`.
pub fn new_therapist(email: &str, display_name: &str, password_hash: &str) -> TherapistRecord {
    TherapistRecord {
        id: new_id().into(),
        email: normalise_email(email),
        display_name: display_name.trim().to_owned(),
        password_hash: password_hash.to_owned(),
        created_at_ms: now_ms(),
        totp_secret: None,
        totp_pending_secret: None,
    }
}

/// Inserts within the caller's transaction (so a one-time link can be used up in
/// the same commit).
pub async fn insert_therapist(
    tx: &mut Transaction<'static, Any>,
    record: &TherapistRecord,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO therapists (id, email, display_name, password_hash, created_at) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(&record.id)
    .bind(&record.email)
    .bind(&record.display_name)
    .bind(&record.password_hash)
    .bind(record.created_at_ms)
    .execute(&mut **tx)
    .await
    .map(drop)
}

pub async fn find_therapist_by_email(
    db: &Db,
    email: &str,
) -> Result<Option<TherapistRecord>, sqlx::Error> {
    sqlx::query(&format!("SELECT {COLUMNS} FROM therapists WHERE email = $1"))
        .bind(normalise_email(email))
        .fetch_optional(db.pool())
        .await?
        .as_ref()
        .map(record_from_row)
        .transpose()
}

pub async fn find_therapist(db: &Db, id: &str) -> Result<Option<TherapistRecord>, sqlx::Error> {
    sqlx::query(&format!("SELECT {COLUMNS} FROM therapists WHERE id = $1"))
        .bind(id)
        .fetch_optional(db.pool())
        .await?
        .as_ref()
        .map(record_from_row)
        .transpose()
}

pub async fn count_therapists(db: &Db) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM therapists").fetch_one(db.pool()).await
}

pub async fn set_password_hash(db: &Db, id: &str, hash: &str) -> Result<bool, sqlx::Error> {
    let query = sqlx::query("UPDATE therapists SET password_hash = $2 WHERE id = $1");
    Ok(db.write(query.bind(id).bind(hash)).await? == 1)
}

/// Starts (or restarts) enrolment with a secret not yet in force.
pub async fn set_pending_totp_secret(db: &Db, id: &str, secret: &str) -> Result<bool, sqlx::Error> {
    let query = sqlx::query("UPDATE therapists SET totp_pending_secret = $2 WHERE id = $1");
    Ok(db.write(query.bind(id).bind(secret)).await? == 1)
}

/// Puts `secret` in force, from the step of the code that confirmed it.
pub async fn enable_totp(db: &Db, id: &str, secret: &str, step: i64) -> Result<bool, sqlx::Error> {
    let query = sqlx::query(
        "UPDATE therapists SET totp_secret = $2, totp_pending_secret = NULL, \
         totp_last_step = $3 WHERE id = $1",
    );
    Ok(db.write(query.bind(id).bind(secret).bind(step)).await? == 1)
}

/// Turns two-step verification off and forgets the recovery codes.
pub async fn disable_totp(db: &Db, id: &str) -> Result<bool, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let changed = sqlx::query(
        "UPDATE therapists SET totp_secret = NULL, totp_pending_secret = NULL, \
         totp_last_step = NULL WHERE id = $1",
    )
    .bind(id)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    sqlx::query("DELETE FROM recovery_codes WHERE therapist_id = $1")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(changed == 1)
}

/// Records `step` as used unless it is not newer than the last one used (a replayed
/// code). Returns whether the code may be accepted.
pub async fn claim_totp_step(db: &Db, id: &str, step: i64) -> Result<bool, sqlx::Error> {
    let query = sqlx::query(
        "UPDATE therapists SET totp_last_step = $2 \
         WHERE id = $1 AND (totp_last_step IS NULL OR totp_last_step < $2)",
    );
    Ok(db.write(query.bind(id).bind(step)).await? == 1)
}

/// Replaces the therapist's recovery codes with these hashes.
pub async fn replace_recovery_codes(
    db: &Db,
    id: &str,
    code_hashes: &[String],
) -> Result<(), sqlx::Error> {
    let mut tx = db.begin_write().await?;
    sqlx::query("DELETE FROM recovery_codes WHERE therapist_id = $1")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    for hash in code_hashes {
        sqlx::query("INSERT INTO recovery_codes (therapist_id, code_hash) VALUES ($1, $2)")
            .bind(id)
            .bind(hash)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await
}

/// Uses up a recovery code. Returns whether it was valid and unused.
pub async fn use_recovery_code(db: &Db, id: &str, code_hash: &str) -> Result<bool, sqlx::Error> {
    let query = sqlx::query(
        "UPDATE recovery_codes SET used_at = $3 \
         WHERE therapist_id = $1 AND code_hash = $2 AND used_at IS NULL",
    );
    Ok(db.write(query.bind(id).bind(code_hash).bind(now_ms())).await? == 1)
}
