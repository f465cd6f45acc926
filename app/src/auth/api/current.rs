use leptos::prelude::*;

use crate::{auth::Viewer, error::AppError};

/// Who the caller is. Public: anyone may ask who they are.
#[server(prefix = "/api", endpoint = "current_viewer")]
pub async fn current_viewer() -> Result<Viewer, AppError> {
    let ctx = crate::ctx::Ctx::current()?;
    ctx.respond(crate::auth::presence::viewer(&ctx).await)
}
