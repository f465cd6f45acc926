use leptos::prelude::*;

use super::CrisisResource;
use crate::error::AppError;

/// The crisis resources this server shows. Public: anyone may need them.
#[server(prefix = "/api", endpoint = "crisis_resources")]
pub async fn crisis_resources() -> Result<Vec<CrisisResource>, AppError> {
    let ctx = crate::ctx::Ctx::current()?;
    let language = ctx.language();
    Ok(ctx
        .settings()
        .crisis_resources
        .iter()
        .map(|resource| resource.clone().in_language(language))
        .collect())
}
