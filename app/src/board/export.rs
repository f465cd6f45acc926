//! `GET /exercises/{id}/export.json`: the whole exercise as JSON for the clinical
//! record (server only). The exercise's therapist only; every export is recorded in
//! the audit trail.

use axum::{
    extract::Path,
    http::{StatusCode, header},
    response::{IntoResponse, Response},
};
use serde::Serialize;

use super::{
    model::{Audience, Board},
    view::SessionData,
};
use crate::{
    audit::{AuditEvent, store::record_about},
    auth::policy,
    ctx::{self, Ctx},
    db::time::now_ms,
    error::AppError,
};

pub const PATH: &str = "/exercises/{id}/export.json";

/// The export's format. `board` is the therapist's board (see `board::model`).
#[derive(Serialize)]
struct Export {
    format: &'static str,
    format_version: u32,
    exported_at_ms: i64,
    template_key: String,
    template_version: u32,
    template_title: String,
    board: Board,
    /// The family's exercises up to this one: each guessing pair's measures.
    over_time: crate::series::OverTime,
}

pub async fn export_exercise(ctx: Ctx, Path(exercise_id): Path<String>) -> Response {
    if ctx.is_cross_site() {
        return ctx::cross_site_refused();
    }
    match export(&ctx, &exercise_id).await {
        Ok(json) => (
            [
                (header::CONTENT_TYPE, "application/json".to_owned()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"parallel-exercise-{exercise_id}.json\""),
                ),
            ],
            json,
        )
            .into_response(),
        Err(error) => {
            let status = StatusCode::from_u16(error.status_code()).unwrap_or(StatusCode::FORBIDDEN);
            (status, error.to_string()).into_response()
        }
    }
}

async fn export(ctx: &Ctx, exercise_id: &str) -> Result<String, AppError> {
    let owned = policy::owned_exercise(ctx, exercise_id).await?;
    let data = SessionData::of_owned(ctx.db(), &owned).await?.in_language(ctx.language());
    record_about(ctx, AuditEvent::ExerciseExported, &owned.therapist().id, Some(owned.id()))
        .await?;
    let export = Export {
        format: "parallel-exercise-export",
        format_version: 1,
        exported_at_ms: now_ms(),
        template_key: data.template.key.clone(),
        template_version: data.template.version,
        template_title: data.template.title.clone(),
        board: data.board(Audience::Therapist),
        over_time: crate::series::service::over_time_of(ctx.db(), owned.family(), Some(owned.id()))
            .await?,
    };
    serde_json::to_string_pretty(&export).map_err(AppError::internal)
}
