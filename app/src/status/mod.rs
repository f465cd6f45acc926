//! The service status shown on the home page: a real server function that reaches
//! the database, so the page proves rendering, hydration, server functions and
//! storage work together.

mod report;

pub use report::StatusReport;

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

/// What anyone may know about the service. Deliberately says nothing about the
/// database engine, versions or data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceStatus {
    pub database_ok: bool,
    pub database_latency_ms: u64,
    pub checked_at_ms: i64,
}

/// Checks that the database answers. Public (anonymous): it reveals only whether
/// the service works.
#[server(prefix = "/api", endpoint = "check_service_status")]
pub async fn check_service_status() -> Result<ServiceStatus, AppError> {
    use crate::{ctx::Ctx, db::time::now_ms};

    let ctx = Ctx::current()?;
    let state = ctx.state();
    let started = std::time::Instant::now();
    let database_ok = match state.db.ping().await {
        Ok(()) => true,
        Err(error) => {
            tracing::warn!(%error, "status check: database did not answer");
            false
        }
    };
    Ok(ServiceStatus {
        database_ok,
        database_latency_ms: u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX),
        checked_at_ms: now_ms(),
    })
}
