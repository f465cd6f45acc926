//! Invitation rows (server only).

use std::time::Duration;

use sqlx::{AnyConnection, Row, any::AnyRow};

use super::token::token_for;
use crate::{
    auth::{
        secrets::{hash_secret, new_token},
        session,
    },
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
    /// The invitation this link's token was first made for, when the link was
    /// carried on from an earlier exercise (`carry_forward`); `None`: this one.
    pub link_id: Option<InvitationId>,
    /// Where this invitation's link went when the next exercise kept it.
    pub moved_to: Option<InvitationId>,
}

impl Invitation {
    /// The link's token (derived; never stored).
    pub fn token(&self, key: &SecretKey) -> String {
        token_for(key, self.link_id.as_ref().unwrap_or(&self.id), self.generation)
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
                       passcode_hash, passcode_failures, locked_at, link_id, moved_to";

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
        insert_new(&mut tx, key, exercise_id, participant_id, lifetime).await?;
    }
    tx.commit().await
}

/// A new link for `participant_id` in `exercise_id`, inside the caller's write
/// transaction.
pub async fn insert_new(
    conn: &mut AnyConnection,
    key: &SecretKey,
    exercise_id: &ExerciseId,
    participant_id: &ParticipantId,
    lifetime: Duration,
) -> Result<InvitationId, sqlx::Error> {
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
    .execute(conn)
    .await?;
    Ok(id)
}

/// Whether `from`'s link may be carried on to a next exercise: a link the
/// therapist stopped, or one locked by wrong passcodes, is not (that person gets a
/// new one), and a link already carried on cannot be carried twice.
pub fn may_carry(from: &Invitation) -> bool {
    from.revoked_at_ms.is_none() && from.locked_at_ms.is_none() && from.moved_to.is_none()
}

/// Carries a person's way in on to `to_exercise`, inside the caller's write
/// transaction: the new invitation takes over the link's token, its passcode and
/// the devices that opened it, so the link the person already has opens the next
/// exercise on the phone they already use, and nothing is set up again. It gets a
/// new expiry (a family may come back months later). `from` keeps its answers but
/// no working token and no visits: its link has moved on.
pub async fn carry_forward(
    conn: &mut AnyConnection,
    from: &Invitation,
    to_exercise: &ExerciseId,
    lifetime: Duration,
) -> Result<InvitationId, sqlx::Error> {
    let id = InvitationId::new(new_id());
    let token_hash: String = sqlx::query_scalar("SELECT token_hash FROM invitations WHERE id = $1")
        .bind(&from.id)
        .fetch_one(&mut *conn)
        .await?;
    // The hash moves first: it is unique.
    sqlx::query("UPDATE invitations SET token_hash = $2, moved_to = $3 WHERE id = $1")
        .bind(&from.id)
        .bind(hash_secret(&new_token()))
        .bind(&id)
        .execute(&mut *conn)
        .await?;
    sqlx::query(
        "INSERT INTO invitations (id, exercise_id, participant_id, generation, token_hash, \
         created_at, expires_at, passcode_hash, passcode_failures, link_id) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(&id)
    .bind(to_exercise)
    .bind(&from.participant_id)
    .bind(from.generation)
    .bind(token_hash)
    .bind(now_ms())
    .bind(deadline(lifetime))
    .bind(from.passcode_hash.as_deref())
    .bind(from.passcode_failures)
    .bind(from.link_id.as_ref().unwrap_or(&from.id))
    .execute(&mut *conn)
    .await?;
    sqlx::query(
        "INSERT INTO invitation_devices (invitation_id, device_hash, claimed_at, last_seen_at) \
         SELECT $1, device_hash, claimed_at, last_seen_at FROM invitation_devices \
         WHERE invitation_id = $2",
    )
    .bind(&id)
    .bind(&from.id)
    .execute(&mut *conn)
    .await?;
    // Visits through the old invitation end: the next opening of the link leads
    // to the new exercise, not back into the closed one.
    sqlx::query("DELETE FROM sessions WHERE invitation_id = $1")
        .bind(&from.id)
        .execute(conn)
        .await?;
    Ok(id)
}

/// Stops a link inside the caller's write transaction and ends its sessions (the
/// next exercise was given new links).
pub async fn revoke_in(conn: &mut AnyConnection, id: &InvitationId) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE invitations SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL")
        .bind(id)
        .bind(now_ms())
        .execute(&mut *conn)
        .await?;
    sqlx::query("DELETE FROM sessions WHERE invitation_id = $1").bind(id).execute(conn).await?;
    Ok(())
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
         revoked_at = NULL, passcode_hash = NULL, passcode_failures = 0, locked_at = NULL, \
         link_id = NULL, moved_to = NULL WHERE id = $1 AND generation = $5",
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
        link_id: row.try_get("link_id")?,
        moved_to: row.try_get("moved_to")?,
    })
}
