//! Exercise rows (server only).

use sqlx::{AnyConnection, Row, any::AnyRow};

use super::{DueDate, Exercise, ExerciseStatus, Focus};
use crate::{
    db::{Db, ids::new_id, invalid_column, time::now_ms},
    ids::{ExerciseId, FamilyId, TemplateId, TherapistId},
};

const COLUMNS: &str = "id, family_id, template_id, focus, due_date, status, created_at, \
                       opened_at, session_at, closed_at, follows";

pub async fn create(
    db: &Db,
    family_id: &FamilyId,
    template_id: &TemplateId,
    focus: Option<&Focus>,
    due_date: Option<&DueDate>,
) -> Result<Exercise, sqlx::Error> {
    let exercise = new_draft(family_id, template_id, focus, due_date, None);
    let mut tx = db.begin_write().await?;
    insert(&mut tx, &exercise).await?;
    tx.commit().await?;
    Ok(exercise)
}

/// A new exercise in draft, not stored yet.
pub fn new_draft(
    family_id: &FamilyId,
    template_id: &TemplateId,
    focus: Option<&Focus>,
    due_date: Option<&DueDate>,
    follows: Option<&ExerciseId>,
) -> Exercise {
    Exercise {
        id: new_id().into(),
        family_id: family_id.clone(),
        template_id: template_id.to_owned(),
        focus: focus.cloned(),
        due_date: due_date.cloned(),
        status: ExerciseStatus::Draft,
        created_at_ms: now_ms(),
        opened_at_ms: None,
        session_at_ms: None,
        closed_at_ms: None,
        follows: follows.cloned(),
    }
}

/// Stores a new exercise inside the caller's write transaction. An exercise that
/// follows one that is already followed is refused by the database (a unique
/// index), so two clicks cannot start two "next" exercises.
pub async fn insert(conn: &mut AnyConnection, exercise: &Exercise) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO exercises (id, family_id, template_id, focus, due_date, status, \
         created_at, follows) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(&exercise.id)
    .bind(&exercise.family_id)
    .bind(&exercise.template_id)
    .bind(exercise.focus.as_ref().map(Focus::as_str))
    .bind(exercise.due_date.as_ref().map(DueDate::as_str))
    .bind(exercise.status.as_str())
    .bind(exercise.created_at_ms)
    .bind(exercise.follows.as_ref())
    .execute(conn)
    .await
    .map(drop)
}

pub async fn find(db: &Db, id: &str) -> Result<Option<Exercise>, sqlx::Error> {
    sqlx::query(&format!("SELECT {COLUMNS} FROM exercises WHERE id = $1"))
        .bind(id)
        .fetch_optional(db.pool())
        .await?
        .as_ref()
        .map(exercise_from_row)
        .transpose()
}

pub async fn of_family(db: &Db, family_id: &str) -> Result<Vec<Exercise>, sqlx::Error> {
    sqlx::query(&format!(
        "SELECT {COLUMNS} FROM exercises WHERE family_id = $1 ORDER BY created_at, id"
    ))
    .bind(family_id)
    .fetch_all(db.pool())
    .await?
    .iter()
    .map(exercise_from_row)
    .collect()
}

/// Moves `from` → `to` only if the exercise is still at `from` (two tabs clicking
/// at once cannot skip a step). Returns whether it moved.
pub async fn advance(
    db: &Db,
    id: &str,
    from: ExerciseStatus,
    to: ExerciseStatus,
) -> Result<bool, sqlx::Error> {
    // The moment of each step is kept for the record (the printed summary).
    let stamped = match to {
        ExerciseStatus::Open => Some("opened_at"),
        ExerciseStatus::InSession => Some("session_at"),
        ExerciseStatus::Closed => Some("closed_at"),
        ExerciseStatus::Draft => None,
    };
    let sql = match stamped {
        Some(column) => {
            format!("UPDATE exercises SET status = $3, {column} = $4 WHERE id = $1 AND status = $2")
        }
        None => "UPDATE exercises SET status = $3 WHERE id = $1 AND status = $2".to_owned(),
    };
    let mut query = sqlx::query(&sql).bind(id).bind(from.as_str()).bind(to.as_str());
    if stamped.is_some() {
        query = query.bind(now_ms());
    }
    Ok(db.write(query).await? == 1)
}

/// The therapist whose family the exercise belongs to, if the exercise exists.
pub async fn owner_of(db: &Db, exercise_id: &str) -> Result<Option<TherapistId>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT f.therapist_id FROM exercises e JOIN families f ON f.id = e.family_id \
         WHERE e.id = $1",
    )
    .bind(exercise_id)
    .fetch_optional(db.pool())
    .await
}

fn exercise_from_row(row: &AnyRow) -> Result<Exercise, sqlx::Error> {
    let focus: Option<String> = row.try_get("focus")?;
    let due: Option<String> = row.try_get("due_date")?;
    let status: String = row.try_get("status")?;
    Ok(Exercise {
        id: row.try_get("id")?,
        family_id: row.try_get("family_id")?,
        template_id: row.try_get("template_id")?,
        focus: focus.and_then(|f| Focus::parse(&f).ok().flatten()),
        due_date: due.and_then(|d| DueDate::parse(&d).ok().flatten()),
        status: ExerciseStatus::parse(&status).ok_or_else(|| invalid_column("status"))?,
        created_at_ms: row.try_get("created_at")?,
        opened_at_ms: row.try_get("opened_at")?,
        session_at_ms: row.try_get("session_at")?,
        closed_at_ms: row.try_get("closed_at")?,
        follows: row.try_get("follows")?,
    })
}
