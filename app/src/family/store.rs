//! Family and participant rows (server only).

use sqlx::{Row, any::AnyRow};

use super::model::{AgeBand, Family, FamilyName, Participant, ParticipantName, Relationship, Role};
use crate::{
    db::{Db, ids::new_id, invalid_column, time::now_ms},
    i18n::Language,
    ids::TherapistId,
};

pub async fn create_family(
    db: &Db,
    therapist_id: &TherapistId,
    name: &FamilyName,
) -> Result<Family, sqlx::Error> {
    let family = Family {
        id: new_id().into(),
        therapist_id: therapist_id.clone(),
        name: name.clone(),
        created_at_ms: now_ms(),
        archived_at_ms: None,
    };
    let mut tx = db.begin_write().await?;
    sqlx::query(
        "INSERT INTO families (id, therapist_id, name, created_at, archived_at) \
         VALUES ($1, $2, $3, $4, NULL)",
    )
    .bind(&family.id)
    .bind(&family.therapist_id)
    .bind(family.name.as_str())
    .bind(family.created_at_ms)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(family)
}

pub async fn find_family(db: &Db, family_id: &str) -> Result<Option<Family>, sqlx::Error> {
    sqlx::query(
        "SELECT id, therapist_id, name, created_at, archived_at FROM families WHERE id = $1",
    )
    .bind(family_id)
    .fetch_optional(db.pool())
    .await?
    .map(|row| family_from_row(&row))
    .transpose()
}

/// A therapist's families, oldest first.
pub async fn families_of_therapist(
    db: &Db,
    therapist_id: &str,
) -> Result<Vec<Family>, sqlx::Error> {
    sqlx::query(
        "SELECT id, therapist_id, name, created_at, archived_at FROM families \
         WHERE therapist_id = $1 ORDER BY created_at, id",
    )
    .bind(therapist_id)
    .fetch_all(db.pool())
    .await?
    .iter()
    .map(family_from_row)
    .collect()
}

/// Returns whether a family with that id existed.
pub async fn rename_family(
    db: &Db,
    family_id: &str,
    name: &FamilyName,
) -> Result<bool, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let changed = sqlx::query("UPDATE families SET name = $1 WHERE id = $2")
        .bind(name.as_str())
        .bind(family_id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    tx.commit().await?;
    Ok(changed == 1)
}

/// Deletes the family and, by `ON DELETE CASCADE`, every row that belongs to it.
/// Returns whether a family with that id existed.
pub async fn delete_family(db: &Db, family_id: &str) -> Result<bool, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let deleted = sqlx::query("DELETE FROM families WHERE id = $1")
        .bind(family_id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    tx.commit().await?;
    Ok(deleted == 1)
}

/// What a therapist enters to add someone to a family.
#[derive(Debug, Clone)]
pub struct NewParticipant {
    pub display_name: ParticipantName,
    pub role: Role,
    pub relationship: Relationship,
    pub age_band: AgeBand,
    pub language: Language,
}

pub async fn add_participant(
    db: &Db,
    family_id: &str,
    new: NewParticipant,
) -> Result<Participant, sqlx::Error> {
    let participant = Participant {
        id: new_id().into(),
        family_id: family_id.into(),
        display_name: new.display_name,
        role: new.role,
        relationship: new.relationship,
        age_band: new.age_band,
        language: new.language,
        created_at_ms: now_ms(),
    };
    let mut tx = db.begin_write().await?;
    sqlx::query(
        "INSERT INTO participants \
         (id, family_id, display_name, role, relationship, age_band, language, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(&participant.id)
    .bind(&participant.family_id)
    .bind(participant.display_name.as_str())
    .bind(participant.role.as_str())
    .bind(participant.relationship.as_str())
    .bind(participant.age_band.as_str())
    .bind(participant.language.code())
    .bind(participant.created_at_ms)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(participant)
}

/// A family's participants in the order they were added.
pub async fn participants_of_family(
    db: &Db,
    family_id: &str,
) -> Result<Vec<Participant>, sqlx::Error> {
    sqlx::query(
        "SELECT id, family_id, display_name, role, relationship, age_band, language, created_at \
         FROM participants WHERE family_id = $1 ORDER BY created_at, id",
    )
    .bind(family_id)
    .fetch_all(db.pool())
    .await?
    .iter()
    .map(participant_from_row)
    .collect()
}

fn family_from_row(row: &AnyRow) -> Result<Family, sqlx::Error> {
    Ok(Family {
        id: row.try_get("id")?,
        therapist_id: row.try_get("therapist_id")?,
        name: decode("name", FamilyName::parse(row.try_get("name")?).ok())?,
        created_at_ms: row.try_get("created_at")?,
        archived_at_ms: row.try_get("archived_at")?,
    })
}

fn participant_from_row(row: &AnyRow) -> Result<Participant, sqlx::Error> {
    Ok(Participant {
        id: row.try_get("id")?,
        family_id: row.try_get("family_id")?,
        display_name: decode(
            "display_name",
            ParticipantName::parse(row.try_get("display_name")?).ok(),
        )?,
        role: decode("role", Role::parse(row.try_get("role")?))?,
        relationship: decode("relationship", Relationship::parse(row.try_get("relationship")?))?,
        age_band: decode("age_band", AgeBand::parse(row.try_get("age_band")?))?,
        language: decode("language", Language::from_code(row.try_get("language")?))?,
        created_at_ms: row.try_get("created_at")?,
    })
}

fn decode<T>(column: &str, parsed: Option<T>) -> Result<T, sqlx::Error> {
    parsed.ok_or_else(|| invalid_column(column))
}

pub async fn find_participant(db: &Db, id: &str) -> Result<Option<Participant>, sqlx::Error> {
    sqlx::query(
        "SELECT id, family_id, display_name, role, relationship, age_band, language, created_at \
         FROM participants WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(db.pool())
    .await?
    .as_ref()
    .map(participant_from_row)
    .transpose()
}

/// Returns whether the participant existed.
pub async fn update_participant(
    db: &Db,
    id: &str,
    changes: &NewParticipant,
) -> Result<bool, sqlx::Error> {
    let query = sqlx::query(
        "UPDATE participants SET display_name = $2, role = $3, relationship = $4, age_band = $5, \
         language = $6 WHERE id = $1",
    )
    .bind(id)
    .bind(changes.display_name.as_str())
    .bind(changes.role.as_str())
    .bind(changes.relationship.as_str())
    .bind(changes.age_band.as_str())
    .bind(changes.language.code());
    Ok(db.write(query).await? == 1)
}

/// The participant's own choice of language. Returns whether they existed.
pub async fn set_participant_language(
    db: &Db,
    id: &str,
    language: Language,
) -> Result<bool, sqlx::Error> {
    let query = sqlx::query("UPDATE participants SET language = $2 WHERE id = $1")
        .bind(id)
        .bind(language.code());
    Ok(db.write(query).await? == 1)
}

/// Removes a participant and everything about them, in one transaction: by
/// cascade their invitations, devices, sessions, answers, flags, marks and next
/// steps; here what others wrote about them (answers with them as `about_id`, and
/// answers held back for being too long) and the therapist's notes on their pairs
/// (`pair:<pair key>:<participant id>`).
pub async fn remove_participant(db: &Db, id: &str) -> Result<bool, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    for about_them in
        ["DELETE FROM answers WHERE about_id = $1", "DELETE FROM held_answers WHERE about_id = $1"]
    {
        sqlx::query(about_them).bind(id).execute(&mut *tx).await?;
    }
    sqlx::query(
        "DELETE FROM therapist_notes WHERE target LIKE 'pair:%' AND target LIKE '%:' || $1 \
         AND exercise_id IN (SELECT e.id FROM exercises e \
                             JOIN participants p ON p.family_id = e.family_id WHERE p.id = $1)",
    )
    .bind(id)
    .execute(&mut *tx)
    .await?;
    let removed =
        sqlx::query("DELETE FROM participants WHERE id = $1").bind(id).execute(&mut *tx).await?;
    tx.commit().await?;
    Ok(removed.rows_affected() == 1)
}

/// Archives (`true`) or restores a family.
pub async fn set_family_archived(db: &Db, id: &str, archived: bool) -> Result<bool, sqlx::Error> {
    let archived_at = archived.then(now_ms);
    let query = sqlx::query("UPDATE families SET archived_at = $2 WHERE id = $1")
        .bind(id)
        .bind(archived_at);
    Ok(db.write(query).await? == 1)
}
