//! Invitation rows (server only).

use std::time::Duration;

use sqlx::{Row, any::AnyRow};

use super::token::token_for;
use crate::{
    auth::{secrets::hash_secret, session},
    db::{Db, ids::new_id, time::now_ms},
    ids::{ExerciseId, InvitationId, ParticipantId},
    state::SecretKey,
};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invitation {
    pub id: crate::ids::InvitationId,
    pub exercise_id: ExerciseId,
    pub participant_id: ParticipantId,
    pub generation: i64,
    pub expires_at_ms: i64,
    pub revoked_at_ms: Option<i64>,
    /// Argon2id PHC string of the participant's passcode, once chosen.
    pub passcode_hash: Option<String>,
    pub passcode_failures: i64,
    /// Set after too many wrong passcodes: the link works nowhere until re-issued.
    pub locked_at_ms: Option<i64>,
}

impl Invitation {
    /// The link's token (derived; never stored).
    pub fn token(&self, key: &SecretKey) -> String {
        token_for(key, &self.id, self.generation)
    }

    /// Usable to join: not revoked, not expired.
    pub fn is_live(&self) -> bool {
        self.revoked_at_ms.is_none() && self.expires_at_ms > now_ms()
    }

    /// Usable at all: live and not locked by wrong passcodes. A session through an
    /// invitation that is not usable ends.
    pub fn is_usable(&self) -> bool {
        self.is_live() && self.locked_at_ms.is_none()
    }
}

const COLUMNS: &str = "id, exercise_id, participant_id, generation, expires_at, revoked_at, \
                       passcode_hash, passcode_failures, locked_at";

fn deadline(lifetime: Duration) -> i64 {
    now_ms().saturating_add(i64::try_from(lifetime.as_millis()).unwrap_or(i64::MAX))
}

/// Makes an invitation for each of `participant_ids` that has none in the exercise.
pub async fn ensure_for_exercise(
    db: &Db,
    key: &SecretKey,
    exercise_id: &ExerciseId,
    participant_ids: &[ParticipantId],
    lifetime: Duration,
) -> Result<(), sqlx::Error> {
    let existing = of_exercise(db, exercise_id).await?;
    let mut tx = db.begin_write().await?;
    for participant_id in participant_ids {
        if existing.iter().any(|i| &i.participant_id == participant_id) {
            continue;
        }
        let id = InvitationId::new(new_id());
        sqlx::query(
            "INSERT INTO invitations (id, exercise_id, participant_id, generation, token_hash, \
             created_at, expires_at) VALUES ($1, $2, $3, 1, $4, $5, $6)",
        )
        .bind(&id)
        .bind(exercise_id)
        .bind(participant_id)
        .bind(hash_secret(&token_for(key, &id, 1)))
        .bind(now_ms())
        .bind(deadline(lifetime))
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await
}

pub async fn of_exercise(db: &Db, exercise_id: &str) -> Result<Vec<Invitation>, sqlx::Error> {
    sqlx::query(&format!(
        "SELECT {COLUMNS} FROM invitations WHERE exercise_id = $1 ORDER BY created_at, id"
    ))
    .bind(exercise_id)
    .fetch_all(db.pool())
    .await?
    .iter()
    .map(invitation_from_row)
    .collect()
}

pub async fn find(db: &Db, id: &str) -> Result<Option<Invitation>, sqlx::Error> {
    sqlx::query(&format!("SELECT {COLUMNS} FROM invitations WHERE id = $1"))
        .bind(id)
        .fetch_optional(db.pool())
        .await?
        .as_ref()
        .map(invitation_from_row)
        .transpose()
}

/// The invitation a link's token belongs to, whatever its state.
pub async fn find_by_token(db: &Db, token: &str) -> Result<Option<Invitation>, sqlx::Error> {
    sqlx::query(&format!("SELECT {COLUMNS} FROM invitations WHERE token_hash = $1"))
        .bind(hash_secret(token))
        .fetch_optional(db.pool())
        .await?
        .as_ref()
        .map(invitation_from_row)
        .transpose()
}

/// Stops the link working and ends every session opened with it.
pub async fn revoke(db: &Db, id: &str) -> Result<bool, sqlx::Error> {
    let query =
        sqlx::query("UPDATE invitations SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL")
            .bind(id)
            .bind(now_ms());
    let revoked = db.write(query).await? == 1;
    session::delete_all_of_invitation(db, id).await?;
    Ok(revoked)
}

/// A new link for the same person: the old one stops working, its sessions end,
/// and the new one starts afresh (no passcode, no devices, not locked): the way
/// back for a forgotten passcode or a locked link.
pub async fn reissue(
    db: &Db,
    key: &SecretKey,
    id: &InvitationId,
    lifetime: Duration,
) -> Result<bool, sqlx::Error> {
    let Some(current) = find(db, id).await? else { return Ok(false) };
    let generation = current.generation + 1;
    let query = sqlx::query(
        "UPDATE invitations SET generation = $2, token_hash = $3, expires_at = $4, \
         revoked_at = NULL, passcode_hash = NULL, passcode_failures = 0, locked_at = NULL \
         WHERE id = $1 AND generation = $5",
    )
    .bind(id)
    .bind(generation)
    .bind(hash_secret(&token_for(key, id, generation)))
    .bind(deadline(lifetime))
    .bind(current.generation);
    let reissued = db.write(query).await? == 1;
    session::delete_all_of_invitation(db, id).await?;
    super::devices::forget_all(db, id).await?;
    Ok(reissued)
}

fn invitation_from_row(row: &AnyRow) -> Result<Invitation, sqlx::Error> {
    Ok(Invitation {
        id: row.try_get("id")?,
        exercise_id: row.try_get("exercise_id")?,
        participant_id: row.try_get("participant_id")?,
        generation: row.try_get("generation")?,
        expires_at_ms: row.try_get("expires_at")?,
        revoked_at_ms: row.try_get("revoked_at")?,
        passcode_hash: row.try_get("passcode_hash")?,
        passcode_failures: row.try_get("passcode_failures")?,
        locked_at_ms: row.try_get("locked_at")?,
    })
}
