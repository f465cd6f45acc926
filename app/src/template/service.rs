//! What the template server functions do, after the policy's check (server only).

use super::model::{TemplateExport, TemplateListing};
use crate::{auth::policy::SignedIn, ctx::Ctx, error::AppError, ids::TherapistId};

pub async fn import_template(
    ctx: &Ctx,
    therapist: &SignedIn<TherapistId>,
    source: String,
) -> Result<(), AppError> {
    use crate::{
        audit::{AuditEvent, store as audit},
        template::store::ImportRefusal,
    };

    let db = ctx.db();
    match super::store::import(db, &therapist.id, &source).await? {
        Ok(id) => {
            audit::record_about(ctx, AuditEvent::TemplateImported, &therapist.id, Some(&id))
                .await?;
            leptos_axum::redirect(&format!("/templates/{id}"));
            Ok(())
        }
        Err(ImportRefusal::VersionExists { key, version }) => Err(AppError::invalid(format!(
            "You already have version {version} of \"{key}\". Raise the version number to import a change."
        ))),
        Err(ImportRefusal::Problems(problems)) => {
            let listed: Vec<String> = problems.iter().map(ToString::to_string).collect();
            Err(AppError::invalid(format!(
                "The template has {} problem(s):\n{}",
                listed.len(),
                listed.join("\n")
            )))
        }
    }
}

pub async fn export_template(
    ctx: &Ctx,
    therapist: &SignedIn<TherapistId>,
    template_id: String,
) -> Result<TemplateExport, AppError> {
    let stored = super::store::find(ctx.db(), &template_id).await?;
    match stored {
        Some(stored)
            if stored.owner_id.is_none()
                || stored.owner_id.as_deref() == Some(therapist.id.as_str()) =>
        {
            Ok(TemplateExport {
                title: stored.template.title,
                version: stored.template.version,
                builtin: stored.owner_id.is_none(),
                source: stored.source,
            })
        }
        _ => Err(AppError::Forbidden),
    }
}

pub async fn list_templates(
    ctx: &Ctx,
    therapist: &SignedIn<TherapistId>,
) -> Result<Vec<TemplateListing>, AppError> {
    Ok(super::store::available_to(ctx.db(), &therapist.id)
        .await?
        .into_iter()
        .map(|t| TemplateListing {
            id: t.id.into(),
            key: t.key,
            version: t.version,
            title: t.title,
            builtin: t.builtin,
        })
        .collect())
}
