//! One-time links to create an account: the first account's set-up link (printed by
//! the server on an empty database) and invitations from a colleague. Only a hash
//! of the token is stored; a link works once, and not after it expires.

use std::time::Duration;

use crate::{
    auth::secrets::{hash_secret, new_token},
    db::{Db, time::now_ms},
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkPurpose {
    Setup,
    Invite,
}

impl LinkPurpose {
    fn as_str(self) -> &'static str {
        match self {
            LinkPurpose::Setup => "setup",
            LinkPurpose::Invite => "invite",
        }
    }

    /// The page that takes the token.
    pub fn path(self, token: &str) -> String {
        match self {
            LinkPurpose::Setup => format!("/setup/{token}"),
            LinkPurpose::Invite => format!("/invite/{token}"),
        }
    }
}

pub const SETUP_LINK_LIFETIME: Duration = Duration::from_secs(60 * 60);
pub const INVITE_LINK_LIFETIME: Duration = Duration::from_secs(7 * 24 * 60 * 60);

/// Makes a link and returns its token. A new set-up link replaces older ones.
pub async fn create_link(
    db: &Db,
    purpose: LinkPurpose,
    created_by: Option<&str>,
    lifetime: Duration,
) -> Result<String, sqlx::Error> {
    let token = new_token();
    let now = now_ms();
    let expires_at = now.saturating_add(i64::try_from(lifetime.as_millis()).unwrap_or(i64::MAX));
    let mut tx = db.begin_write().await?;
    if purpose == LinkPurpose::Setup {
        sqlx::query("DELETE FROM account_links WHERE purpose = 'setup'").execute(&mut *tx).await?;
    }
    sqlx::query(
        "INSERT INTO account_links (token_hash, purpose, created_by, created_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(hash_secret(&token))
    .bind(purpose.as_str())
    .bind(created_by)
    .bind(now)
    .bind(expires_at)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(token)
}

/// True when the link is unused and unexpired (without using it).
pub async fn link_is_valid(
    db: &Db,
    purpose: LinkPurpose,
    token: &str,
) -> Result<bool, sqlx::Error> {
    let found: Option<i64> = sqlx::query_scalar(
        "SELECT expires_at FROM account_links \
         WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3",
    )
    .bind(hash_secret(token))
    .bind(purpose.as_str())
    .bind(now_ms())
    .fetch_optional(db.pool())
    .await?;
    Ok(found.is_some())
}

/// Marks the link used inside the caller's transaction; false when it was not valid
/// (unknown, used or expired), in which case nothing may be created.
pub async fn consume_link(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    purpose: LinkPurpose,
    token: &str,
) -> Result<bool, sqlx::Error> {
    let now = now_ms();
    let used = sqlx::query(
        "UPDATE account_links SET used_at = $1 \
         WHERE token_hash = $2 AND purpose = $3 AND used_at IS NULL AND expires_at > $1",
    )
    .bind(now)
    .bind(hash_secret(token))
    .bind(purpose.as_str())
    .execute(&mut **tx)
    .await?
    .rows_affected();
    Ok(used == 1)
}
