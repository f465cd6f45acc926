//! Template server functions: list, import, export (therapists).

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateListing {
    pub id: String,
    pub key: String,
    pub version: i64,
    pub title: String,
    pub builtin: bool,
}

#[server(prefix = "/api", endpoint = "list_templates")]
pub async fn list_templates() -> Result<Vec<TemplateListing>, AppError> {
    use crate::{auth::policy, ctx::Ctx};

    let ctx = Ctx::current()?;
    ctx.respond(
        async {
            let therapist = policy::therapist(&ctx).await?;
            Ok(super::store::available_to(ctx.db(), &therapist.id)
                .await?
                .into_iter()
                .map(|t| TemplateListing {
                    id: t.id,
                    key: t.key,
                    version: t.version,
                    title: t.title,
                    builtin: t.builtin,
                })
                .collect())
        }
        .await,
    )
}

/// Checks and stores a template file. A refused file comes back as one message
/// listing every problem with its line and column.
#[server(prefix = "/api", endpoint = "import_template")]
pub async fn import_template(source: String) -> Result<(), AppError> {
    use crate::{
        audit::{AuditEvent, store as audit},
        auth::policy,
        ctx::Ctx,
        template::store::ImportRefusal,
    };

    let ctx = Ctx::current()?;
    ctx.respond(
        async {
            let therapist = policy::therapist(&ctx).await?;
            let db = ctx.db();
            match super::store::import(db, &therapist.id, &source).await? {
                Ok(id) => {
                    audit::record_about(&ctx, AuditEvent::TemplateImported, &therapist.id, Some(&id))
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
        .await,
    )
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateExport {
    pub title: String,
    pub version: u32,
    pub builtin: bool,
    /// The file, exactly as imported (or shipped).
    pub source: String,
}

/// A template's file, to copy and keep or change and import. Built-in templates for
/// every therapist; an imported one for the therapist who imported it.
#[server(prefix = "/api", endpoint = "export_template")]
pub async fn export_template(template_id: String) -> Result<TemplateExport, AppError> {
    use crate::{auth::policy, ctx::Ctx};

    let ctx = Ctx::current()?;
    ctx.respond(
        async {
            let therapist = policy::therapist(&ctx).await?;
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
        .await,
    )
}
