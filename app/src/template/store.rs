//! Stored template versions (server only).

use sqlx::{Row, any::AnyRow};

use super::{
    Template, builtin,
    file::{self, TemplateProblem},
};
use crate::db::{Db, ids::new_id, time::now_ms};

/// A template version as stored.
#[derive(Debug, Clone)]
pub struct StoredTemplate {
    pub id: crate::ids::TemplateId,
    /// `None` for a built-in template.
    pub owner_id: Option<crate::ids::TherapistId>,
    pub source: String,
    /// In the template's own (first) language.
    pub template: Template,
    /// In each of its other languages, in the file's order.
    pub translations: Vec<Template>,
}

impl StoredTemplate {
    /// The template in `language`, or in its own language if it has no text in that one.
    pub fn in_language(&self, language: crate::i18n::Language) -> &Template {
        self.translations.iter().find(|t| t.language == language).unwrap_or(&self.template)
    }
}

/// Adds each built-in template version that is not stored yet (at start-up).
pub async fn install_builtins(db: &Db) -> Result<(), sqlx::Error> {
    for source in builtin::ALL {
        let template = file::parse(source).map_err(|problems| {
            sqlx::Error::Protocol(format!("a built-in template is broken: {problems:?}"))
        })?;
        let exists: Option<String> = sqlx::query_scalar(
            "SELECT id FROM templates WHERE owner_id IS NULL AND template_key = $1 AND version = $2",
        )
        .bind(&template.key)
        .bind(i64::from(template.version))
        .fetch_optional(db.pool())
        .await?;
        if exists.is_none() {
            insert(db, None, source, &template).await?;
        }
    }
    Ok(())
}

/// Why an import was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportRefusal {
    Problems(Vec<TemplateProblem>),
    VersionExists { key: String, version: u32 },
}

/// Checks and stores a therapist's template file; returns the new row's id.
pub async fn import(
    db: &Db,
    owner_id: &str,
    source: &str,
) -> Result<Result<String, ImportRefusal>, sqlx::Error> {
    let template = match file::parse(source) {
        Ok(template) => template,
        Err(problems) => return Ok(Err(ImportRefusal::Problems(problems))),
    };
    let taken: Option<String> = sqlx::query_scalar(
        "SELECT id FROM templates WHERE owner_id = $1 AND template_key = $2 AND version = $3",
    )
    .bind(owner_id)
    .bind(&template.key)
    .bind(i64::from(template.version))
    .fetch_optional(db.pool())
    .await?;
    if taken.is_some() {
        return Ok(Err(ImportRefusal::VersionExists {
            key: template.key,
            version: template.version,
        }));
    }
    Ok(Ok(insert(db, Some(owner_id), source, &template).await?))
}

async fn insert(
    db: &Db,
    owner_id: Option<&str>,
    source: &str,
    template: &Template,
) -> Result<String, sqlx::Error> {
    let id = new_id();
    db.write(
        sqlx::query(
            "INSERT INTO templates (id, template_key, version, title, source, owner_id, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(&id)
        .bind(&template.key)
        .bind(i64::from(template.version))
        .bind(&template.title)
        .bind(source)
        .bind(owner_id)
        .bind(now_ms()),
    )
    .await?;
    Ok(id)
}

/// A line of the template list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateRow {
    pub id: crate::ids::TemplateId,
    pub key: String,
    pub version: i64,
    pub title: String,
    pub builtin: bool,
}

/// The templates a therapist can use: the built-in ones and their own imports.
pub async fn available_to(db: &Db, therapist_id: &str) -> Result<Vec<TemplateRow>, sqlx::Error> {
    sqlx::query(
        "SELECT id, template_key, version, title, owner_id FROM templates \
         WHERE owner_id IS NULL OR owner_id = $1 ORDER BY owner_id IS NOT NULL, title, version DESC",
    )
    .bind(therapist_id)
    .fetch_all(db.pool())
    .await?
    .iter()
    .map(|row| {
        let owner: Option<String> = row.try_get("owner_id")?;
        Ok(TemplateRow {
            id: row.try_get("id")?,
            key: row.try_get("template_key")?,
            version: row.try_get("version")?,
            title: row.try_get("title")?,
            builtin: owner.is_none(),
        })
    })
    .collect()
}

/// The newest version of `template` (same key, same owner) if it is newer than
/// `template` itself.
pub async fn newest_version_of(
    db: &Db,
    template: &StoredTemplate,
) -> Result<Option<crate::ids::TemplateId>, sqlx::Error> {
    let owner_rule = if template.owner_id.is_some() { "owner_id = $3" } else { "owner_id IS NULL" };
    let sql = format!(
        "SELECT id FROM templates WHERE template_key = $1 AND version > $2 AND {owner_rule} \
         ORDER BY version DESC LIMIT 1"
    );
    let mut query = sqlx::query_scalar(&sql)
        .bind(&template.template.key)
        .bind(i64::from(template.template.version));
    if let Some(owner) = &template.owner_id {
        query = query.bind(owner);
    }
    query.fetch_optional(db.pool()).await
}

/// A stored template version, parsed. Versions never change once stored, so each
/// is parsed once per process (every page and save of a participant needs its
/// exercise's template; parsing it each time was a tenth of a board page's work).
pub async fn find(db: &Db, id: &str) -> Result<Option<StoredTemplate>, sqlx::Error> {
    if let Some(found) = PARSED.read().ok().and_then(|parsed| parsed.get(id).cloned()) {
        return Ok(Some(found));
    }
    let row = sqlx::query("SELECT id, owner_id, source FROM templates WHERE id = $1")
        .bind(id)
        .fetch_optional(db.pool())
        .await?;
    let stored = row.as_ref().map(stored_from_row).transpose()?;
    if let (Some(stored), Ok(mut parsed)) = (&stored, PARSED.write()) {
        remember(&mut parsed, stored.clone());
    }
    Ok(stored)
}

/// Parsed template versions by id (see `find`).
static PARSED: std::sync::LazyLock<
    std::sync::RwLock<std::collections::HashMap<crate::ids::TemplateId, StoredTemplate>>,
> = std::sync::LazyLock::new(Default::default);

/// At most this many parsed versions are kept (a few MB): therapists import their
/// own templates, and a process must not grow with every version ever imported.
/// A version evicted while in use is parsed again on its next request.
const MAX_PARSED: usize = 128;

fn remember(
    parsed: &mut std::collections::HashMap<crate::ids::TemplateId, StoredTemplate>,
    stored: StoredTemplate,
) {
    if parsed.len() >= MAX_PARSED && !parsed.contains_key(&stored.id) {
        // Any one goes: versions never change, so a wrong guess costs one parse.
        if let Some(evicted) = parsed.keys().next().cloned() {
            parsed.remove(&evicted);
        }
    }
    parsed.insert(stored.id.clone(), stored);
}

fn stored_from_row(row: &AnyRow) -> Result<StoredTemplate, sqlx::Error> {
    let source: String = row.try_get("source")?;
    let mut every_language =
        file::parse_every_language(&source).map_err(|_| crate::db::invalid_column("source"))?;
    let template = every_language.remove(0);
    Ok(StoredTemplate {
        id: row.try_get("id")?,
        owner_id: row.try_get("owner_id")?,
        source,
        template,
        translations: every_language,
    })
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::{MAX_PARSED, StoredTemplate, remember};
    use crate::ids::TemplateId;

    fn version(id: usize, template: &crate::template::Template) -> StoredTemplate {
        StoredTemplate {
            id: format!("t{id}").into(),
            owner_id: None,
            source: String::new(),
            translations: Vec::new(),
            template: template.clone(),
        }
    }

    #[test]
    fn the_parsed_cache_stays_bounded_and_keeps_the_newest() {
        let template = crate::template::builtin::impact_hurt_amends();
        let mut parsed = HashMap::new();
        for id in 0..MAX_PARSED * 3 {
            remember(&mut parsed, version(id, &template));
            assert!(parsed.len() <= MAX_PARSED);
            assert!(
                parsed.contains_key(format!("t{id}").as_str()),
                "the version just read is kept"
            );
        }
        assert_eq!(parsed.len(), MAX_PARSED);
        // Reading a kept version again evicts nothing.
        let mut before: Vec<TemplateId> = parsed.keys().cloned().collect();
        let kept = before[0].clone();
        remember(&mut parsed, StoredTemplate { id: kept, ..version(0, &template) });
        let mut after: Vec<TemplateId> = parsed.keys().cloned().collect();
        before.sort();
        after.sort();
        assert_eq!(before, after);
    }
}
