//! Sign-in rate limiting with exponential back-off, per account (by the email typed,
//! whether or not an account has it, so a block tells nothing) and per client
//! address. Kept in the database so every instance sees the same counts.
//!
//! A check that guards a secret (a password, a code, a passcode) first [`take`]s a
//! try, and the try counts as failed unless the check [`succeeded`]. Taking is one
//! locked step: asking "blocked?" and counting afterwards would let a burst of
//! parallel guesses all pass the question before any of them was counted.

use std::time::Duration;

use sqlx::Row;

use crate::db::{Db, time::now_ms};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Email,
    ClientIp,
    /// Invitation links tried from one address (guessing).
    JoinAddress,
    /// Wrong participant passcodes from one address (each link also locks itself
    /// after five).
    PasscodeAddress,
}

impl Scope {
    fn as_str(self) -> &'static str {
        match self {
            Scope::Email => "email",
            Scope::ClientIp => "ip",
            Scope::JoinAddress => "join",
            Scope::PasscodeAddress => "passcode",
        }
    }

    /// Failures allowed before back-off starts. Addresses get more room: a clinic's
    /// staff may share one.
    fn free_failures(self) -> i64 {
        match self {
            Scope::Email => 5,
            Scope::ClientIp | Scope::JoinAddress | Scope::PasscodeAddress => 20,
        }
    }
}

/// The first block lasts this long; each further failure doubles it…
const FIRST_BLOCK: Duration = Duration::from_secs(30);
/// …up to this.
const LONGEST_BLOCK: Duration = Duration::from_secs(15 * 60);
/// A quiet hour forgets earlier failures.
const FORGET_AFTER_MS: i64 = 60 * 60 * 1000;

/// How long `key` must still wait, if it is blocked.
pub async fn blocked_for(
    db: &Db,
    scope: Scope,
    key: &str,
) -> Result<Option<Duration>, sqlx::Error> {
    let blocked_until: Option<i64> = sqlx::query_scalar(
        "SELECT blocked_until FROM sign_in_throttle WHERE scope = $1 AND throttle_key = $2",
    )
    .bind(scope.as_str())
    .bind(key)
    .fetch_optional(db.pool())
    .await?;
    let remaining = blocked_until.unwrap_or(0).saturating_sub(now_ms());
    Ok((remaining > 0).then(|| Duration::from_millis(remaining.unsigned_abs())))
}

/// A try taken from a key's allowance, to be given back if the check succeeds.
#[derive(Debug)]
#[must_use = "a try that succeeded must be given back with `succeeded`"]
pub struct Taken {
    scope: Scope,
    key: String,
    /// This try used the last of the allowance and so started a block.
    started_block: bool,
}

/// Takes a try for `key`, or says how long it must still wait. Of any number of
/// parallel tries, no more than the free allowance get past this before the block
/// starts: the row is locked from the count to the block (on SQLite the whole
/// write is one `BEGIN IMMEDIATE`; on PostgreSQL the upsert locks the row).
pub async fn take(
    db: &Db,
    scope: Scope,
    key: &str,
) -> Result<Result<Taken, Duration>, sqlx::Error> {
    let now = now_ms();
    let mut tx = db.begin_write().await?;
    let row = sqlx::query(
        "INSERT INTO sign_in_throttle (scope, throttle_key, failures, blocked_until, updated_at) \
         VALUES ($1, $2, 1, 0, $3) \
         ON CONFLICT (scope, throttle_key) DO UPDATE SET \
           failures = CASE WHEN sign_in_throttle.blocked_until > $3 THEN sign_in_throttle.failures \
                           WHEN sign_in_throttle.updated_at < $4 THEN 1 \
                           ELSE sign_in_throttle.failures + 1 END, \
           updated_at = CASE WHEN sign_in_throttle.blocked_until > $3 \
                             THEN sign_in_throttle.updated_at ELSE $3 END \
         RETURNING failures, blocked_until",
    )
    .bind(scope.as_str())
    .bind(key)
    .bind(now)
    .bind(now - FORGET_AFTER_MS)
    .fetch_one(&mut *tx)
    .await?;
    let (failures, blocked_until): (i64, i64) =
        (row.try_get("failures")?, row.try_get("blocked_until")?);
    if blocked_until > now {
        tx.commit().await?;
        return Ok(Err(Duration::from_millis((blocked_until - now).unsigned_abs())));
    }
    let over = failures - scope.free_failures();
    let started_block = over >= 0;
    if started_block {
        set_blocked_until(&mut tx, scope, key, now.saturating_add(millis(block_length(over))))
            .await?;
    }
    tx.commit().await?;
    Ok(Ok(Taken { scope, key: key.to_owned(), started_block }))
}

/// The check the try was taken for succeeded: the try does not count, and a block
/// it started is lifted.
pub async fn succeeded(db: &Db, taken: Taken) -> Result<(), sqlx::Error> {
    let mut tx = db.begin_write().await?;
    sqlx::query(
        "UPDATE sign_in_throttle SET failures = CASE WHEN failures > 0 THEN failures - 1 ELSE 0 END \
         WHERE scope = $1 AND throttle_key = $2",
    )
    .bind(taken.scope.as_str())
    .bind(&taken.key)
    .execute(&mut *tx)
    .await?;
    if taken.started_block {
        set_blocked_until(&mut tx, taken.scope, &taken.key, 0).await?;
    }
    tx.commit().await
}

async fn set_blocked_until(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    scope: Scope,
    key: &str,
    until_ms: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE sign_in_throttle SET blocked_until = $1 WHERE scope = $2 AND throttle_key = $3",
    )
    .bind(until_ms)
    .bind(scope.as_str())
    .bind(key)
    .execute(&mut **tx)
    .await
    .map(drop)
}

fn millis(duration: Duration) -> i64 {
    i64::try_from(duration.as_millis()).unwrap_or(i64::MAX)
}

/// Counts a failure and, past the free allowance, blocks for a doubling time. For
/// what only failures should count (links that do not work); a check guarding a
/// secret takes its try first instead ([`take`]).
pub async fn record_failure(db: &Db, scope: Scope, key: &str) -> Result<(), sqlx::Error> {
    let now = now_ms();
    let mut tx = db.begin_write().await?;
    let failures: i64 = sqlx::query(
        "INSERT INTO sign_in_throttle (scope, throttle_key, failures, blocked_until, updated_at) \
         VALUES ($1, $2, 1, 0, $3) \
         ON CONFLICT (scope, throttle_key) DO UPDATE SET \
           failures = CASE WHEN sign_in_throttle.updated_at < $4 THEN 1 \
                           ELSE sign_in_throttle.failures + 1 END, \
           updated_at = $3 \
         RETURNING failures",
    )
    .bind(scope.as_str())
    .bind(key)
    .bind(now)
    .bind(now - FORGET_AFTER_MS)
    .fetch_one(&mut *tx)
    .await?
    .try_get("failures")?;
    let over = failures - scope.free_failures();
    if over >= 0 {
        set_blocked_until(&mut tx, scope, key, now.saturating_add(millis(block_length(over))))
            .await?;
    }
    tx.commit().await
}

/// Forgets the failures of `key` (after a successful sign-in).
pub async fn clear(db: &Db, scope: Scope, key: &str) -> Result<(), sqlx::Error> {
    let mut tx = db.begin_write().await?;
    sqlx::query("DELETE FROM sign_in_throttle WHERE scope = $1 AND throttle_key = $2")
        .bind(scope.as_str())
        .bind(key)
        .execute(&mut *tx)
        .await?;
    tx.commit().await
}

/// Deletes counts that are forgotten anyway (a quiet hour, no block running), so
/// the table holds only live ones. Returns how many went.
pub async fn purge_forgotten(db: &Db) -> Result<u64, sqlx::Error> {
    let now = now_ms();
    db.write(
        sqlx::query("DELETE FROM sign_in_throttle WHERE blocked_until <= $1 AND updated_at < $2")
            .bind(now)
            .bind(now - FORGET_AFTER_MS),
    )
    .await
}

/// 30 s, 1 min, 2 min, 4 min, 8 min, then 15 min.
fn block_length(failures_over_allowance: i64) -> Duration {
    let doublings = u32::try_from(failures_over_allowance.clamp(0, 16)).unwrap_or(16);
    FIRST_BLOCK.saturating_mul(2u32.saturating_pow(doublings)).min(LONGEST_BLOCK)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_double_and_level_off() {
        let minutes = |n| block_length(n).as_secs_f64() / 60.0;
        assert_eq!(minutes(0), 0.5);
        assert_eq!(minutes(1), 1.0);
        assert_eq!(minutes(4), 8.0);
        assert_eq!(minutes(5), 15.0);
        assert_eq!(minutes(50), 15.0);
    }
}
