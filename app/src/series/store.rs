//! Starting the next exercise in one write transaction (server only): the exercise
//! row and everyone's invitation, carried on or new, land together or not at all.

use std::time::Duration;

use super::LinkPlan;
use crate::{
    db::Db,
    exercise::{Exercise, store as exercises},
    ids::{InvitationId, ParticipantId},
    invitation::store::{self as invitations, carry_forward, insert_new, may_carry, revoke_in},
    state::SecretKey,
};

pub struct NextPlan<'a> {
    pub key: &'a SecretKey,
    pub lifetime: Duration,
    pub links: LinkPlan,
}

/// Stores `next` (which follows the family's last exercise) with an invitation for
/// each of `people`. With `LinkPlan::Keep` a person whose link still works keeps it
/// (`invitation::store::carry_forward`); anyone else, and everyone with
/// `LinkPlan::New`, gets a new one, and the old links stop working.
///
/// Returns the invitations stopped, or `None` when another exercise already follows
/// the last one (a second click, another tab): then nothing is stored.
pub async fn start_next(
    db: &Db,
    plan: &NextPlan<'_>,
    next: &Exercise,
    people: &[ParticipantId],
) -> Result<Option<Vec<InvitationId>>, sqlx::Error> {
    let Some(follows) = &next.follows else {
        return Err(sqlx::Error::Protocol("the next exercise must follow one".into()));
    };
    let previous = invitations::of_exercise(db, follows).await?;
    let mut tx = db.begin_write().await?;
    let followed: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM exercises WHERE follows = $1")
        .bind(follows)
        .fetch_one(&mut *tx)
        .await?;
    if followed > 0 {
        return Ok(None);
    }
    match exercises::insert(&mut tx, next).await {
        // PostgreSQL: a concurrent start committed first (the unique index on `follows`).
        Err(sqlx::Error::Database(error)) if error.is_unique_violation() => return Ok(None),
        other => other?,
    }
    let mut stopped = Vec::new();
    for person in people {
        let before = previous.iter().find(|i| &i.participant_id == person);
        match (plan.links, before) {
            (LinkPlan::Keep, Some(before)) if may_carry(before) => {
                carry_forward(&mut tx, before, &next.id, plan.lifetime).await?;
            }
            (LinkPlan::New, Some(before)) if before.revoked_at_ms.is_none() => {
                revoke_in(&mut tx, &before.id).await?;
                stopped.push(before.id.clone());
                insert_new(&mut tx, plan.key, &next.id, person, plan.lifetime).await?;
            }
            _ => {
                insert_new(&mut tx, plan.key, &next.id, person, plan.lifetime).await?;
            }
        }
    }
    tx.commit().await?;
    Ok(Some(stopped))
}
