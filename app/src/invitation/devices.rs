//! The devices that opened an invitation link (server only).
//!
//! A browser that opens a link gets a device cookie: a random 256-bit value,
//! HttpOnly, kept for 400 days (the longest browsers allow). The database keeps
//! only its SHA-256 per invitation. The device that chose the passcode, and every
//! device that later gave it, is known to the link and opens it without asking.

use sqlx::Row;

use super::token::is_well_formed;
use crate::{
    auth::{
        request::cookie_in,
        secrets::{hash_secret, new_token},
    },
    db::{Db, time::now_ms},
    ids::InvitationId,
    state::Settings,
};

/// 400 days: the longest a browser keeps a cookie.
const DEVICE_COOKIE_MAX_AGE_SECS: u64 = 400 * 24 * 60 * 60;

fn cookie_name(settings: &Settings) -> &'static str {
    if settings.is_https() { "__Host-parallel_device" } else { "parallel_device" }
}

/// This browser's device value from its cookie, if it has a well-formed one.
pub fn device_in(settings: &Settings, headers: &http::HeaderMap) -> Option<String> {
    cookie_in(headers, cookie_name(settings)).filter(|value| is_well_formed(value))
}

/// The browser's device value, or a new one (with `true`: it must be set).
pub fn device_or_new(settings: &Settings, headers: &http::HeaderMap) -> (String, bool) {
    match device_in(settings, headers) {
        Some(device) => (device, false),
        None => (new_token(), true),
    }
}

/// The `Set-Cookie` value that gives this browser its device value.
pub fn device_cookie(settings: &Settings, device: &str) -> String {
    let secure = if settings.is_https() { "; Secure" } else { "" };
    format!(
        "{}={device}; Path=/; Max-Age={DEVICE_COOKIE_MAX_AGE_SECS}; HttpOnly; SameSite=Lax{secure}",
        cookie_name(settings)
    )
}

/// What the therapist sees of a link's devices.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DeviceSummary {
    pub count: i64,
    pub last_opened_ms: Option<i64>,
}

/// True when `device` is one of the link's devices; notes that it opened it now.
pub async fn knows(
    db: &Db,
    invitation_id: &InvitationId,
    device: &str,
) -> Result<bool, sqlx::Error> {
    let query = sqlx::query(
        "UPDATE invitation_devices SET last_seen_at = $3 \
         WHERE invitation_id = $1 AND device_hash = $2",
    )
    .bind(invitation_id)
    .bind(hash_secret(device))
    .bind(now_ms());
    Ok(db.write(query).await? == 1)
}

/// Makes `device` one of the link's devices (again, harmlessly, if it already is).
pub async fn claim(db: &Db, invitation_id: &InvitationId, device: &str) -> Result<(), sqlx::Error> {
    let now = now_ms();
    let query = sqlx::query(
        "INSERT INTO invitation_devices (invitation_id, device_hash, claimed_at, last_seen_at) \
         VALUES ($1, $2, $3, $3) \
         ON CONFLICT (invitation_id, device_hash) DO UPDATE SET last_seen_at = $3",
    )
    .bind(invitation_id)
    .bind(hash_secret(device))
    .bind(now);
    db.write(query).await.map(|_| ())
}

pub async fn summary(db: &Db, invitation_id: &str) -> Result<DeviceSummary, sqlx::Error> {
    let row = sqlx::query(
        "SELECT COUNT(*) AS devices, MAX(last_seen_at) AS last_opened \
         FROM invitation_devices WHERE invitation_id = $1",
    )
    .bind(invitation_id)
    .fetch_one(db.pool())
    .await?;
    Ok(DeviceSummary {
        count: row.try_get("devices")?,
        last_opened_ms: row.try_get("last_opened")?,
    })
}

/// Forgets every device of the link: each needs the passcode again.
pub async fn forget_all(db: &Db, invitation_id: &str) -> Result<u64, sqlx::Error> {
    db.write(
        sqlx::query("DELETE FROM invitation_devices WHERE invitation_id = $1").bind(invitation_id),
    )
    .await
}
