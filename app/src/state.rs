//! What every request handler and server function can reach (server only).

use axum::extract::FromRef;
use leptos::prelude::LeptosOptions;

use crate::db::Db;

/// Built once at start-up by the server binary and handed to the router; server
/// functions read it with `expect_context::<AppState>()`.
#[derive(Clone, Debug, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: Db,
}
