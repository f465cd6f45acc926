//! Answers, journeys and check-in flags in the database (server only).

use sqlx::{Row, any::AnyRow};

use super::{AnswerAccess, AnswerKey, AnswerToSave, AnswerValue, Saved, flags::RaisedFlag};
use crate::{
    db::{Db, ids::new_id, invalid_column, time::now_ms},
    exercise::ExerciseStatus,
    i18n::Language,
    ids::{ExerciseId, ParticipantId},
    template::Visibility,
};

/// Where a participant is in an exercise.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Journey {
    pub consented_at_ms: i64,
    pub done_at_ms: Option<i64>,
}

/// Whether answers can change, from the exercise's status and the participant's journey.
pub fn access(status: ExerciseStatus, journey: Option<&Journey>) -> AnswerAccess {
    match (status, journey) {
        (ExerciseStatus::Draft, _) => AnswerAccess::NotOpenYet,
        (ExerciseStatus::InSession, _) => AnswerAccess::SessionStarted,
        (ExerciseStatus::Closed, _) => AnswerAccess::Closed,
        (ExerciseStatus::Open, None) => AnswerAccess::NeedsConsent,
        (ExerciseStatus::Open, Some(journey)) if journey.done_at_ms.is_some() => AnswerAccess::Done,
        (ExerciseStatus::Open, Some(_)) => AnswerAccess::Open,
    }
}

pub async fn journey(
    db: &Db,
    exercise_id: &ExerciseId,
    participant_id: &ParticipantId,
) -> Result<Option<Journey>, sqlx::Error> {
    let row = sqlx::query(
        "SELECT consented_at, done_at FROM journeys WHERE exercise_id = $1 AND participant_id = $2",
    )
    .bind(exercise_id)
    .bind(participant_id)
    .fetch_optional(db.pool())
    .await?;
    row.map(|row| {
        Ok(Journey {
            consented_at_ms: row.try_get("consented_at")?,
            done_at_ms: row.try_get("done_at")?,
        })
    })
    .transpose()
}

/// Records that the participant read the welcome page and chose to start (once).
/// The participant has read who sees what. Returns whether this is the first time
/// (a second "Start" changes nothing, and nobody needs to hear of it).
pub async fn consent(
    db: &Db,
    exercise_id: &ExerciseId,
    participant_id: &ParticipantId,
) -> Result<bool, sqlx::Error> {
    let added = db.write(
        sqlx::query(
            "INSERT INTO journeys (exercise_id, participant_id, consented_at) VALUES ($1, $2, $3) \
             ON CONFLICT (exercise_id, participant_id) DO NOTHING",
        )
        .bind(exercise_id)
        .bind(participant_id)
        .bind(now_ms()),
    )
    .await?;
    Ok(added == 1)
}

/// "I'm done" (`done`) or "reopen" (`!done`), only while the exercise is open.
/// Returns whether it changed anything: saying "done" twice does not.
pub async fn set_done(
    db: &Db,
    exercise_id: &ExerciseId,
    participant_id: &ParticipantId,
    done: bool,
) -> Result<bool, sqlx::Error> {
    let done_at = done.then(now_ms);
    let sql = if done {
        "UPDATE journeys SET done_at = $1 WHERE exercise_id = $2 AND participant_id = $3 \
         AND done_at IS NULL AND EXISTS (SELECT 1 FROM exercises WHERE id = $2 AND status = 'open')"
    } else {
        "UPDATE journeys SET done_at = $1 WHERE exercise_id = $2 AND participant_id = $3 \
         AND done_at IS NOT NULL \
         AND EXISTS (SELECT 1 FROM exercises WHERE id = $2 AND status = 'open')"
    };
    let changed =
        db.write(sqlx::query(sql).bind(done_at).bind(exercise_id).bind(participant_id)).await?;
    Ok(changed == 1)
}

/// An answer as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredAnswer {
    pub key: AnswerKey,
    pub value: AnswerValue,
    pub visibility: Visibility,
    pub version: i64,
    pub replaced: Option<AnswerValue>,
    /// What it was written in (the writer's language at its last save).
    pub language: Language,
}

/// Every answer one participant has saved in an exercise. Only ever called with the
/// caller's own participant id, or by the exercise's therapist.
pub async fn answers_of(
    db: &Db,
    exercise_id: &ExerciseId,
    participant_id: &ParticipantId,
) -> Result<Vec<StoredAnswer>, sqlx::Error> {
    sqlx::query(
        "SELECT prompt_key, about_id, value, visibility, version, replaced_value, language \
         FROM answers WHERE exercise_id = $1 AND participant_id = $2",
    )
    .bind(exercise_id)
    .bind(participant_id)
    .fetch_all(db.pool())
    .await?
    .iter()
    .map(answer_from_row)
    .collect()
}

/// Every answer in an exercise, with its author's participant id. Only for building
/// boards (`board::build` decides what each viewer gets) and the therapist's export.
pub async fn answers_of_exercise(
    db: &Db,
    exercise_id: &ExerciseId,
) -> Result<Vec<(String, StoredAnswer)>, sqlx::Error> {
    sqlx::query(
        "SELECT participant_id, prompt_key, about_id, value, visibility, version, replaced_value, \
         language FROM answers WHERE exercise_id = $1",
    )
    .bind(exercise_id)
    .fetch_all(db.pool())
    .await?
    .iter()
    .map(|row| Ok((row.try_get("participant_id")?, answer_from_row(row)?)))
    .collect()
}

fn answer_from_row(row: &AnyRow) -> Result<StoredAnswer, sqlx::Error> {
    let about: String = row.try_get("about_id")?;
    let replaced: Option<String> = row.try_get("replaced_value")?;
    // NULL: saved before languages were recorded, when everything was English.
    let language: Option<String> = row.try_get("language")?;
    Ok(StoredAnswer {
        key: AnswerKey {
            prompt_key: row.try_get("prompt_key")?,
            about: (!about.is_empty()).then_some(about),
        },
        value: decode_value("value", &row.try_get::<String, _>("value")?)?,
        visibility: visibility_from(&row.try_get::<String, _>("visibility")?)?,
        version: row.try_get("version")?,
        replaced: replaced
            .as_deref()
            .map(|text| decode_value("replaced_value", text))
            .transpose()?,
        language: language.as_deref().and_then(Language::from_code).unwrap_or_default(),
    })
}

fn decode_value(column: &str, json: &str) -> Result<AnswerValue, sqlx::Error> {
    serde_json::from_str(json).map_err(|_| invalid_column(column))
}

fn encode_value(value: &AnswerValue) -> Result<String, sqlx::Error> {
    serde_json::to_string(value).map_err(|error| sqlx::Error::Encode(Box::new(error)))
}

fn visibility_from(text: &str) -> Result<Visibility, sqlx::Error> {
    match text {
        "shared" => Ok(Visibility::Shared),
        "therapist_only" => Ok(Visibility::TherapistOnly),
        _ => Err(invalid_column("visibility")),
    }
}

/// The outcome of a save.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveOutcome {
    Saved(Saved),
    /// Answers cannot change now (done, or the session started); nothing was written.
    Locked(AnswerAccess),
}

/// Saves one answer (already checked against its prompt) and raises its check-in
/// flag, in one transaction that also re-checks that answering is open: a save that
/// races "I'm done" or the session's start is refused, not half-applied.
///
/// Concurrency: the later save always wins. If it was made from an older version
/// by another page load and changes the text, the text it replaces is kept in
/// `replaced_value` and returned, so its author sees it and nothing is lost silently.
pub async fn save(
    db: &Db,
    exercise_id: &ExerciseId,
    participant_id: &ParticipantId,
    save: &AnswerToSave,
    language: Language,
    flag: Option<&RaisedFlag>,
) -> Result<SaveOutcome, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let state = sqlx::query(
        "SELECT e.status, j.done_at FROM exercises e LEFT JOIN journeys j \
         ON j.exercise_id = e.id AND j.participant_id = $2 WHERE e.id = $1",
    )
    .bind(exercise_id)
    .bind(participant_id)
    .fetch_optional(&mut *tx)
    .await?;
    let Some(state) = state else { return Ok(SaveOutcome::Locked(AnswerAccess::SessionStarted)) };
    let status = ExerciseStatus::parse(&state.try_get::<String, _>("status")?)
        .ok_or_else(|| invalid_column("status"))?;
    let done_at: Option<i64> = state.try_get("done_at")?;
    // A missing journey row reads as NULL done_at; consent is checked by the caller.
    let journey = Journey { consented_at_ms: 0, done_at_ms: done_at };
    let access = access(status, Some(&journey));
    if !access.can_edit() {
        return Ok(SaveOutcome::Locked(access));
    }

    let about = save.key.about.as_deref().unwrap_or("");
    let value = encode_value(&save.value)?;
    let current = sqlx::query(
        "SELECT value, version, writer FROM answers WHERE exercise_id = $1 AND participant_id = $2 \
         AND prompt_key = $3 AND about_id = $4",
    )
    .bind(exercise_id)
    .bind(participant_id)
    .bind(&save.key.prompt_key)
    .bind(about)
    .fetch_optional(&mut *tx)
    .await?;
    let now = now_ms();
    let saved = match current {
        None => {
            sqlx::query(
                "INSERT INTO answers (exercise_id, participant_id, prompt_key, about_id, value, \
                 visibility, version, saved_at, writer, language) \
                 VALUES ($1, $2, $3, $4, $5, $6, 1, $7, $8, $9)",
            )
            .bind(exercise_id)
            .bind(participant_id)
            .bind(&save.key.prompt_key)
            .bind(about)
            .bind(&value)
            .bind(super::visibility_value(save.visibility))
            .bind(now)
            .bind(&save.writer)
            .bind(language.code())
            .execute(&mut *tx)
            .await?;
            Saved { version: 1, replaced: None }
        }
        Some(row) => {
            let version: i64 = row.try_get("version")?;
            let stored_value: String = row.try_get("value")?;
            let writer: String = row.try_get("writer")?;
            let overtaken = save.base_version != version
                && writer != save.writer
                && decode_value("value", &stored_value)? != save.value;
            let replaced = overtaken.then_some(stored_value);
            sqlx::query(
                "UPDATE answers SET value = $1, visibility = $2, version = $3, saved_at = $4, \
                 writer = $5, replaced_value = COALESCE($6, replaced_value), language = $11 \
                 WHERE exercise_id = $7 AND participant_id = $8 AND prompt_key = $9 AND about_id = $10",
            )
            .bind(&value)
            .bind(super::visibility_value(save.visibility))
            .bind(version + 1)
            .bind(now)
            .bind(&save.writer)
            .bind(replaced.as_deref())
            .bind(exercise_id)
            .bind(participant_id)
            .bind(&save.key.prompt_key)
            .bind(about)
            .bind(language.code())
            .execute(&mut *tx)
            .await?;
            Saved {
                version: version + 1,
                replaced: replaced
                    .as_deref()
                    .map(|json| decode_value("value", json))
                    .transpose()?,
            }
        }
    };
    if let Some(flag) = flag {
        raise_flag(&mut tx, exercise_id, participant_id, &save.key.prompt_key, flag, now).await?;
    }
    tx.commit().await?;
    Ok(SaveOutcome::Saved(saved))
}

/// One open flag per prompt: a new one, or the open one updated to the latest answer.
async fn raise_flag(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    exercise_id: &ExerciseId,
    participant_id: &ParticipantId,
    prompt_key: &str,
    flag: &RaisedFlag,
    now: i64,
) -> Result<(), sqlx::Error> {
    let updated = sqlx::query(
        "UPDATE checkin_flags SET summary = $1, rule = $2 WHERE exercise_id = $3 \
         AND participant_id = $4 AND prompt_key = $5 AND acknowledged_at IS NULL",
    )
    .bind(&flag.summary)
    .bind(flag.rule)
    .bind(exercise_id)
    .bind(participant_id)
    .bind(prompt_key)
    .execute(&mut **tx)
    .await?
    .rows_affected();
    if updated == 0 {
        sqlx::query(
            "INSERT INTO checkin_flags (id, exercise_id, participant_id, prompt_key, rule, summary, \
             raised_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(new_id())
        .bind(exercise_id)
        .bind(participant_id)
        .bind(prompt_key)
        .bind(flag.rule)
        .bind(&flag.summary)
        .bind(now)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// Forgets the replaced text once its author has seen it.
pub async fn dismiss_replaced(
    db: &Db,
    exercise_id: &ExerciseId,
    participant_id: &ParticipantId,
    key: &AnswerKey,
) -> Result<(), sqlx::Error> {
    db.write(
        sqlx::query(
            "UPDATE answers SET replaced_value = NULL WHERE exercise_id = $1 AND participant_id = $2 \
             AND prompt_key = $3 AND about_id = $4",
        )
        .bind(exercise_id)
        .bind(participant_id)
        .bind(&key.prompt_key)
        .bind(key.about.as_deref().unwrap_or("")),
    )
    .await?;
    Ok(())
}

/// A check-in flag, for the therapist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredFlag {
    pub id: String,
    pub participant_id: String,
    pub prompt_key: String,
    pub rule: String,
    pub summary: String,
    pub raised_at_ms: i64,
    pub acknowledged_at_ms: Option<i64>,
}

/// An exercise's check-in flags, oldest first. Therapists only.
pub async fn flags_of_exercise(
    db: &Db,
    exercise_id: &ExerciseId,
) -> Result<Vec<StoredFlag>, sqlx::Error> {
    sqlx::query(
        "SELECT id, participant_id, prompt_key, rule, summary, raised_at, acknowledged_at \
         FROM checkin_flags WHERE exercise_id = $1 ORDER BY raised_at, id",
    )
    .bind(exercise_id)
    .fetch_all(db.pool())
    .await?
    .iter()
    .map(|row| {
        Ok(StoredFlag {
            id: row.try_get("id")?,
            participant_id: row.try_get("participant_id")?,
            prompt_key: row.try_get("prompt_key")?,
            rule: row.try_get("rule")?,
            summary: row.try_get("summary")?,
            raised_at_ms: row.try_get("raised_at")?,
            acknowledged_at_ms: row.try_get("acknowledged_at")?,
        })
    })
    .collect()
}
