//! Answers sent without JavaScript that were refused (too long, say), held for
//! their author (server only). A plain form post cannot keep text in the browser,
//! so the server keeps it until the page has given it back, next to the message,
//! and a save of that answer succeeds. Only ever read with the caller's own
//! participant id.

use crate::ids::{ExerciseId, ParticipantId};
use sqlx::Row;

use super::{AnswerKey, AnswerValue};
use crate::db::{Db, time::now_ms};

fn about_id(key: &AnswerKey) -> &str {
    key.about.as_deref().unwrap_or("")
}

pub async fn hold(
    db: &Db,
    exercise_id: &ExerciseId,
    participant_id: &ParticipantId,
    key: &AnswerKey,
    value: &AnswerValue,
) -> Result<(), sqlx::Error> {
    let json =
        serde_json::to_string(value).map_err(|error| sqlx::Error::Encode(Box::new(error)))?;
    let query = sqlx::query(
        "INSERT INTO held_answers (exercise_id, participant_id, prompt_key, about_id, value, \
         held_at) VALUES ($1, $2, $3, $4, $5, $6) \
         ON CONFLICT (exercise_id, participant_id, prompt_key, about_id) \
         DO UPDATE SET value = $5, held_at = $6",
    )
    .bind(exercise_id)
    .bind(participant_id)
    .bind(&key.prompt_key)
    .bind(about_id(key))
    .bind(json)
    .bind(now_ms());
    db.write(query).await.map(|_| ())
}

/// What is held for this participant in this exercise.
pub async fn held_of(
    db: &Db,
    exercise_id: &ExerciseId,
    participant_id: &ParticipantId,
) -> Result<Vec<(AnswerKey, AnswerValue)>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT prompt_key, about_id, value FROM held_answers \
         WHERE exercise_id = $1 AND participant_id = $2",
    )
    .bind(exercise_id)
    .bind(participant_id)
    .fetch_all(db.pool())
    .await?;
    let mut held = Vec::with_capacity(rows.len());
    for row in rows {
        let about: String = row.try_get("about_id")?;
        let json: String = row.try_get("value")?;
        // A row that no longer parses is simply not given back.
        if let Ok(value) = serde_json::from_str(&json) {
            let key = AnswerKey {
                prompt_key: row.try_get("prompt_key")?,
                about: (!about.is_empty()).then_some(about),
            };
            held.push((key, value));
        }
    }
    Ok(held)
}

/// The answer was saved: nothing is held for it any more.
pub async fn release(
    db: &Db,
    exercise_id: &ExerciseId,
    participant_id: &ParticipantId,
    key: &AnswerKey,
) -> Result<(), sqlx::Error> {
    let query = sqlx::query(
        "DELETE FROM held_answers WHERE exercise_id = $1 AND participant_id = $2 \
         AND prompt_key = $3 AND about_id = $4",
    )
    .bind(exercise_id)
    .bind(participant_id)
    .bind(&key.prompt_key)
    .bind(about_id(key));
    db.write(query).await.map(|_| ())
}
