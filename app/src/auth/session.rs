//! Server-side sessions, stored in the database so that any instance can serve any
//! request. The cookie carries a random 256-bit token; the table keeps only its hash.

use std::time::Duration;

use sqlx::{Row, any::AnyRow};

use super::secrets::{hash_secret, new_token};
use crate::{
    db::{Db, invalid_column, time::now_ms},
    ids::{InvitationId, ParticipantId, TherapistId},
};

/// What the holder of a session has proven so far.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Fully signed in.
    Full,
    /// Password accepted; the two-step code is still due.
    SecondFactor,
    /// Password accepted; two-step verification is required but not yet set up.
    EnrolSecondFactor,
    /// A participant's link opened on its first device: a passcode is to be chosen.
    ChoosePasscode,
    /// A participant's link opened on a device it does not know: the passcode is due.
    PasscodeDue,
}

impl Stage {
    fn as_str(self) -> &'static str {
        match self {
            Stage::Full => "full",
            Stage::SecondFactor => "second_factor",
            Stage::EnrolSecondFactor => "enrol_second_factor",
            Stage::ChoosePasscode => "choose_passcode",
            Stage::PasscodeDue => "passcode_due",
        }
    }

    fn parse(text: &str) -> Option<Self> {
        match text {
            "full" => Some(Stage::Full),
            "second_factor" => Some(Stage::SecondFactor),
            "enrol_second_factor" => Some(Stage::EnrolSecondFactor),
            "choose_passcode" => Some(Stage::ChoosePasscode),
            "passcode_due" => Some(Stage::PasscodeDue),
            _ => None,
        }
    }
}

/// Whose session it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Holder {
    Therapist(TherapistId),
    /// A participant, through one invitation (so, to one exercise).
    Participant {
        participant_id: ParticipantId,
        invitation_id: InvitationId,
    },
}

#[derive(Debug, Clone)]
pub struct Session {
    pub holder: Holder,
    pub stage: Stage,
    pub created_at_ms: i64,
    pub expires_at_ms: i64,
}

#[derive(Debug, Clone, Copy)]
pub struct Timeouts {
    pub idle: Duration,
    pub absolute: Duration,
}

/// A half-signed-in session (code or passcode still due) lasts at most this long.
const PENDING_LIFETIME: Duration = Duration::from_secs(10 * 60);
/// `last_seen_at` is written at most this often (or a quarter of the idle timeout,
/// if shorter), not on every request.
const TOUCH_INTERVAL_MS: i64 = 30_000;

fn millis(duration: Duration) -> i64 {
    i64::try_from(duration.as_millis()).unwrap_or(i64::MAX)
}

/// Creates a session and returns its token (for the cookie).
pub async fn create(
    db: &Db,
    holder: &Holder,
    stage: Stage,
    timeouts: Timeouts,
) -> Result<String, sqlx::Error> {
    let now = now_ms();
    let lifetime = if stage == Stage::Full { timeouts.absolute } else { PENDING_LIFETIME };
    insert(db, holder, stage, now, now.saturating_add(millis(lifetime))).await
}

async fn insert(
    db: &Db,
    holder: &Holder,
    stage: Stage,
    created_at: i64,
    expires_at: i64,
) -> Result<String, sqlx::Error> {
    let token = new_token();
    let (therapist_id, participant_id, invitation_id) = match holder {
        Holder::Therapist(id) => (Some(id.as_str()), None, None),
        Holder::Participant { participant_id, invitation_id } => {
            (None, Some(participant_id.as_str()), Some(invitation_id.as_str()))
        }
    };
    let mut tx = db.begin_write().await?;
    sqlx::query(
        "INSERT INTO sessions (id_hash, therapist_id, participant_id, invitation_id, stage, \
         created_at, last_seen_at, expires_at) VALUES ($1, $2, $3, $8, $4, $5, $6, $7)",
    )
    .bind(hash_secret(&token))
    .bind(therapist_id)
    .bind(participant_id)
    .bind(stage.as_str())
    .bind(created_at)
    .bind(now_ms())
    .bind(expires_at)
    .bind(invitation_id)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(token)
}

/// The live session for `token`, or `None` when it is unknown, idle for too long or
/// past its lifetime (an ended session is deleted on the spot).
pub async fn load(
    db: &Db,
    token: &str,
    timeouts: Timeouts,
) -> Result<Option<Session>, sqlx::Error> {
    let id_hash = hash_secret(token);
    let row = sqlx::query(
        "SELECT therapist_id, participant_id, invitation_id, stage, created_at, last_seen_at, \
         expires_at \
         FROM sessions WHERE id_hash = $1",
    )
    .bind(&id_hash)
    .fetch_optional(db.pool())
    .await?;
    let Some(row) = row else { return Ok(None) };
    let (session, last_seen_at) = session_from_row(&row)?;

    let now = now_ms();
    let idle_for = now.saturating_sub(last_seen_at);
    if now >= session.expires_at_ms || idle_for >= millis(timeouts.idle) {
        delete_by_hash(db, &id_hash).await?;
        return Ok(None);
    }
    if idle_for >= TOUCH_INTERVAL_MS.min(millis(timeouts.idle) / 4) {
        let mut tx = db.begin_write().await?;
        sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE id_hash = $2")
            .bind(now)
            .bind(&id_hash)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
    }
    Ok(Some(session))
}

/// The live session for `token`, like `load`, without counting this as activity
/// (for a page that only listens).
pub async fn load_untouched(
    db: &Db,
    token: &str,
    timeouts: Timeouts,
) -> Result<Option<Session>, sqlx::Error> {
    let row = sqlx::query(
        "SELECT therapist_id, participant_id, invitation_id, stage, created_at, last_seen_at, \
         expires_at FROM sessions WHERE id_hash = $1",
    )
    .bind(hash_secret(token))
    .fetch_optional(db.pool())
    .await?;
    let Some(row) = row else { return Ok(None) };
    let (session, last_seen_at) = session_from_row(&row)?;
    let now = now_ms();
    let live =
        now < session.expires_at_ms && now.saturating_sub(last_seen_at) < millis(timeouts.idle);
    Ok(live.then_some(session))
}

/// Whether the session behind `token` is still live, without counting this as
/// activity: a page that only listens (a live stream) must not keep a forgotten
/// session alive past its idle timeout.
pub async fn still_live(db: &Db, token: &str, timeouts: Timeouts) -> Result<bool, sqlx::Error> {
    let row = sqlx::query("SELECT last_seen_at, expires_at FROM sessions WHERE id_hash = $1")
        .bind(hash_secret(token))
        .fetch_optional(db.pool())
        .await?;
    let Some(row) = row else { return Ok(false) };
    let last_seen_at: i64 = row.try_get("last_seen_at")?;
    let expires_at: i64 = row.try_get("expires_at")?;
    let now = now_ms();
    Ok(now < expires_at && now.saturating_sub(last_seen_at) < millis(timeouts.idle))
}

/// Replaces the session behind `token` with a new id at `stage` (after a privilege
/// change, so a token seen before it is worth nothing after). Keeps the original
/// absolute deadline when staying fully signed in.
pub async fn rotate(
    db: &Db,
    token: &str,
    session: &Session,
    stage: Stage,
    timeouts: Timeouts,
) -> Result<String, sqlx::Error> {
    delete(db, token).await?;
    let now = now_ms();
    let (created_at, expires_at) = if session.stage == Stage::Full && stage == Stage::Full {
        (session.created_at_ms, session.expires_at_ms)
    } else if stage == Stage::Full {
        (now, now.saturating_add(millis(timeouts.absolute)))
    } else {
        (now, now.saturating_add(millis(PENDING_LIFETIME)))
    };
    insert(db, &session.holder, stage, created_at, expires_at).await
}

/// Keeps only the `keep` newest sessions of an invitation, ending older ones: a
/// link opened again and again (a script, or a child's link on many devices) cannot
/// pile up sessions without end. Returns how many ended.
pub async fn keep_newest_of_invitation(
    db: &Db,
    invitation_id: &str,
    keep: i64,
) -> Result<u64, sqlx::Error> {
    db.write(
        sqlx::query(
            "DELETE FROM sessions WHERE invitation_id = $1 AND id_hash NOT IN \
             (SELECT id_hash FROM sessions WHERE invitation_id = $1 \
              ORDER BY created_at DESC, id_hash LIMIT $2)",
        )
        .bind(invitation_id)
        .bind(keep),
    )
    .await
}

/// Deletes sessions that have ended (past their lifetime, or idle too long) but
/// were never used again to be found out. Returns how many went.
pub async fn purge_ended(db: &Db, timeouts: Timeouts) -> Result<u64, sqlx::Error> {
    let now = now_ms();
    db.write(
        sqlx::query("DELETE FROM sessions WHERE expires_at <= $1 OR last_seen_at <= $2")
            .bind(now)
            .bind(now.saturating_sub(millis(timeouts.idle))),
    )
    .await
}

pub async fn delete(db: &Db, token: &str) -> Result<(), sqlx::Error> {
    delete_by_hash(db, &hash_secret(token)).await
}

async fn delete_by_hash(db: &Db, id_hash: &str) -> Result<(), sqlx::Error> {
    let mut tx = db.begin_write().await?;
    sqlx::query("DELETE FROM sessions WHERE id_hash = $1").bind(id_hash).execute(&mut *tx).await?;
    tx.commit().await
}

/// Ends every session opened through an invitation (revoked or re-issued).
pub async fn delete_all_of_invitation(db: &Db, invitation_id: &str) -> Result<u64, sqlx::Error> {
    db.write(sqlx::query("DELETE FROM sessions WHERE invitation_id = $1").bind(invitation_id)).await
}

/// Ends every session of a therapist ("sign out everywhere", password reset).
pub async fn delete_all_of_therapist(db: &Db, therapist_id: &str) -> Result<u64, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let ended = sqlx::query("DELETE FROM sessions WHERE therapist_id = $1")
        .bind(therapist_id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    tx.commit().await?;
    Ok(ended)
}

fn session_from_row(row: &AnyRow) -> Result<(Session, i64), sqlx::Error> {
    let therapist_id: Option<String> = row.try_get("therapist_id")?;
    let participant_id: Option<String> = row.try_get("participant_id")?;
    let invitation_id: Option<String> = row.try_get("invitation_id")?;
    let holder = match (therapist_id, participant_id, invitation_id) {
        (Some(id), None, None) => Holder::Therapist(id.into()),
        (None, Some(participant_id), Some(invitation_id)) => Holder::Participant {
            participant_id: participant_id.into(),
            invitation_id: invitation_id.into(),
        },
        _ => return Err(invalid_column("therapist_id")),
    };
    let stage_text: String = row.try_get("stage")?;
    let stage = Stage::parse(&stage_text).ok_or_else(|| invalid_column("stage"))?;
    let session = Session {
        holder,
        stage,
        created_at_ms: row.try_get("created_at")?,
        expires_at_ms: row.try_get("expires_at")?,
    };
    Ok((session, row.try_get("last_seen_at")?))
}
