use leptos::prelude::*;

use super::CrisisResource;
use crate::error::AppError;

/// The crisis resources this server shows. Public: anyone may need them.
#[server(prefix = "/api", endpoint = "crisis_resources")]
pub async fn crisis_resources() -> Result<Vec<CrisisResource>, AppError> {
    Ok(crate::auth::request::app_state().settings.crisis_resources.clone())
}
