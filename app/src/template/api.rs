//! Template server functions: list, import, export (therapists).

use leptos::prelude::*;

use crate::error::AppError;

pub use super::model::{TemplateExport, TemplateListing};

#[server(prefix = "/api", endpoint = "list_templates")]
pub async fn list_templates() -> Result<Vec<TemplateListing>, AppError> {
    use crate::{auth::policy, ctx::Ctx};

    let ctx = Ctx::current()?;
    ctx.respond(
        async {
            let therapist = policy::therapist(&ctx).await?;
            super::service::list_templates(&ctx, &therapist).await
        }
        .await,
    )
}

/// Checks and stores a template file. A refused file comes back as one message
/// listing every problem with its line and column.
#[server(prefix = "/api", endpoint = "import_template")]
pub async fn import_template(source: String) -> Result<(), AppError> {
    use crate::{auth::policy, ctx::Ctx};

    let ctx = Ctx::current()?;
    ctx.respond(
        async {
            let therapist = policy::therapist(&ctx).await?;
            super::service::import_template(&ctx, &therapist, source).await
        }
        .await,
    )
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
            super::service::export_template(&ctx, &therapist, template_id).await
        }
        .await,
    )
}
