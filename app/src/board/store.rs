//! Reveals, notes, pair marks and next steps (server only). Callers have checked
//! that the therapist owns the exercise, or that a participant rates guesses about
//! themselves.

use crate::ids::{ExerciseId, ParticipantId, TherapistId};
use sqlx::Row;

use super::build::{Mark, StoredNextStep};
use crate::answer::journey::LastStep;
use crate::db::{Db, ids::new_id, time::now_ms};

pub async fn revealed_sections(
    db: &Db,
    exercise_id: &ExerciseId,
) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT section_key FROM reveals WHERE exercise_id = $1")
        .bind(exercise_id)
        .fetch_all(db.pool())
        .await
}

/// Reveals or hides a section. Returns whether anything changed.
pub async fn set_revealed(
    db: &Db,
    exercise_id: &ExerciseId,
    section_key: &str,
    therapist_id: &TherapistId,
    revealed: bool,
) -> Result<bool, sqlx::Error> {
    let changed = if revealed {
        db.write(
            sqlx::query(
                "INSERT INTO reveals (exercise_id, section_key, revealed_at, revealed_by) \
                 VALUES ($1, $2, $3, $4) ON CONFLICT (exercise_id, section_key) DO NOTHING",
            )
            .bind(exercise_id)
            .bind(section_key)
            .bind(now_ms())
            .bind(therapist_id),
        )
        .await?
    } else {
        db.write(
            sqlx::query("DELETE FROM reveals WHERE exercise_id = $1 AND section_key = $2")
                .bind(exercise_id)
                .bind(section_key),
        )
        .await?
    };
    Ok(changed > 0)
}

pub async fn notes(
    db: &Db,
    exercise_id: &ExerciseId,
) -> Result<Vec<(String, String)>, sqlx::Error> {
    sqlx::query("SELECT target, body FROM therapist_notes WHERE exercise_id = $1")
        .bind(exercise_id)
        .fetch_all(db.pool())
        .await?
        .iter()
        .map(|row| Ok((row.try_get("target")?, row.try_get("body")?)))
        .collect()
}

/// Saves a note; an empty one is deleted.
pub async fn save_note(
    db: &Db,
    exercise_id: &ExerciseId,
    target: &str,
    body: &str,
) -> Result<(), sqlx::Error> {
    if body.trim().is_empty() {
        db.write(
            sqlx::query("DELETE FROM therapist_notes WHERE exercise_id = $1 AND target = $2")
                .bind(exercise_id)
                .bind(target),
        )
        .await?;
    } else {
        db.write(
            sqlx::query(
                "INSERT INTO therapist_notes (exercise_id, target, body, updated_at) \
                 VALUES ($1, $2, $3, $4) ON CONFLICT (exercise_id, target) \
                 DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at",
            )
            .bind(exercise_id)
            .bind(target)
            .bind(body)
            .bind(now_ms()),
        )
        .await?;
    }
    Ok(())
}

pub async fn marks(db: &Db, exercise_id: &ExerciseId) -> Result<Vec<Mark>, sqlx::Error> {
    sqlx::query(
        "SELECT pair_key, subject_id, discussed_at, closeness, closeness_by FROM pair_marks \
         WHERE exercise_id = $1",
    )
    .bind(exercise_id)
    .fetch_all(db.pool())
    .await?
    .iter()
    .map(|row| {
        let discussed_at: Option<i64> = row.try_get("discussed_at")?;
        let closeness: Option<i64> = row.try_get("closeness")?;
        let by: Option<String> = row.try_get("closeness_by")?;
        Ok(Mark {
            pair_key: row.try_get("pair_key")?,
            subject_id: row.try_get("subject_id")?,
            discussed: discussed_at.is_some(),
            closeness: closeness.and_then(|c| u8::try_from(c).ok()),
            closeness_by_therapist: by.as_deref() == Some("therapist"),
        })
    })
    .collect()
}

pub async fn set_discussed(
    db: &Db,
    exercise_id: &ExerciseId,
    pair_key: &str,
    subject_id: &ParticipantId,
    discussed: bool,
) -> Result<(), sqlx::Error> {
    let at = discussed.then(now_ms);
    db.write(
        sqlx::query(
            "INSERT INTO pair_marks (exercise_id, pair_key, subject_id, discussed_at) \
             VALUES ($1, $2, $3, $4) ON CONFLICT (exercise_id, pair_key, subject_id) \
             DO UPDATE SET discussed_at = excluded.discussed_at",
        )
        .bind(exercise_id)
        .bind(pair_key)
        .bind(subject_id)
        .bind(at),
    )
    .await?;
    Ok(())
}

pub async fn set_closeness(
    db: &Db,
    exercise_id: &ExerciseId,
    pair_key: &str,
    subject_id: &ParticipantId,
    rating: u8,
    by_therapist: bool,
) -> Result<(), sqlx::Error> {
    db.write(
        sqlx::query(
            "INSERT INTO pair_marks (exercise_id, pair_key, subject_id, closeness, closeness_by) \
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (exercise_id, pair_key, subject_id) \
             DO UPDATE SET closeness = excluded.closeness, closeness_by = excluded.closeness_by",
        )
        .bind(exercise_id)
        .bind(pair_key)
        .bind(subject_id)
        .bind(i64::from(rating))
        .bind(if by_therapist { "therapist" } else { "self" }),
    )
    .await?;
    Ok(())
}

pub async fn next_steps(
    db: &Db,
    exercise_id: &ExerciseId,
) -> Result<Vec<StoredNextStep>, sqlx::Error> {
    sqlx::query(
        "SELECT id, who_id, for_id, what, by_when FROM next_steps WHERE exercise_id = $1 \
         ORDER BY created_at, id",
    )
    .bind(exercise_id)
    .fetch_all(db.pool())
    .await?
    .iter()
    .map(|row| {
        Ok(StoredNextStep {
            id: row.try_get("id")?,
            who_id: row.try_get("who_id")?,
            for_id: row.try_get("for_id")?,
            what: row.try_get("what")?,
            by_when: row.try_get("by_when")?,
        })
    })
    .collect()
}

/// The next steps of the exercise `exercise` follows, as its follow-ups ask them:
/// only steps agreed by someone in this exercise (`people`), and "for" someone only
/// when that person is in it too. None when it follows no exercise (the first of a
/// series, or the one before was deleted).
pub async fn last_steps(
    db: &Db,
    exercise: &crate::exercise::Exercise,
    people: &[crate::family::Participant],
) -> Result<Vec<LastStep>, sqlx::Error> {
    let Some(before) = &exercise.follows else { return Ok(Vec::new()) };
    let name_of =
        |id: &str| people.iter().find(|p| p.id == id).map(|p| p.display_name.as_str().to_owned());
    Ok(next_steps(db, before)
        .await?
        .into_iter()
        .filter_map(|step| {
            Some(LastStep {
                who_name: name_of(&step.who_id)?,
                for_id: step.for_id.filter(|id| name_of(id).is_some()),
                id: step.id,
                who_id: step.who_id,
                what: step.what,
                by_when: step.by_when,
            })
        })
        .collect())
}

pub async fn add_next_step(
    db: &Db,
    exercise_id: &ExerciseId,
    who_id: &ParticipantId,
    for_id: Option<&ParticipantId>,
    what: &str,
    by_when: Option<&str>,
) -> Result<(), sqlx::Error> {
    db.write(
        sqlx::query(
            "INSERT INTO next_steps (id, exercise_id, who_id, for_id, what, by_when, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(new_id())
        .bind(exercise_id)
        .bind(who_id)
        .bind(for_id)
        .bind(what)
        .bind(by_when)
        .bind(now_ms()),
    )
    .await?;
    Ok(())
}

/// Removes a next step of this exercise. Returns whether there was one.
pub async fn remove_next_step(
    db: &Db,
    exercise_id: &ExerciseId,
    step_id: &str,
) -> Result<bool, sqlx::Error> {
    let removed = db
        .write(
            sqlx::query("DELETE FROM next_steps WHERE id = $1 AND exercise_id = $2")
                .bind(step_id)
                .bind(exercise_id),
        )
        .await?;
    Ok(removed == 1)
}

/// The exercise a check-in flag belongs to.
pub async fn flag_exercise(db: &Db, flag_id: &str) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT exercise_id FROM checkin_flags WHERE id = $1")
        .bind(flag_id)
        .fetch_optional(db.pool())
        .await
}

pub async fn acknowledge_flag(
    db: &Db,
    flag_id: &str,
    therapist_id: &TherapistId,
) -> Result<(), sqlx::Error> {
    db.write(
        sqlx::query(
            "UPDATE checkin_flags SET acknowledged_at = $2, acknowledged_by = $3 \
             WHERE id = $1 AND acknowledged_at IS NULL",
        )
        .bind(flag_id)
        .bind(now_ms())
        .bind(therapist_id),
    )
    .await?;
    Ok(())
}

/// Where each participant of an exercise is: `(participant id, done)` for everyone
/// who has started; whoever is missing has not.
pub async fn journeys(
    db: &Db,
    exercise_id: &ExerciseId,
) -> Result<Vec<(String, bool)>, sqlx::Error> {
    sqlx::query("SELECT participant_id, done_at FROM journeys WHERE exercise_id = $1")
        .bind(exercise_id)
        .fetch_all(db.pool())
        .await?
        .iter()
        .map(|row| {
            let done: Option<i64> = row.try_get("done_at")?;
            Ok((row.try_get("participant_id")?, done.is_some()))
        })
        .collect()
}
