//! `GET /exercises/{id}/export.json`: the whole exercise as JSON for the clinical
//! record (server only). The exercise's therapist only; every export is recorded in
//! the audit trail.

use axum::{
    extract::{Path, State},
    http::{HeaderMap, StatusCode, header},
    response::{IntoResponse, Response},
};
use serde::Serialize;

use super::{
    model::{Audience, Board},
    view::SessionData,
};
use crate::{
    audit::{AuditEvent, store::record_about},
    auth::{
        policy::timeouts,
        request::session_token_in,
        session::{self, Holder, Stage},
    },
    db::time::now_ms,
    error::AppError,
    state::AppState,
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
}

pub async fn export_exercise(
    State(state): State<AppState>,
    Path(exercise_id): Path<String>,
    headers: HeaderMap,
) -> Response {
    if crate::auth::request::is_cross_site(&headers) {
        return crate::auth::request::cross_site_refused();
    }
    match export(&state, &exercise_id, &headers).await {
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

async fn export(
    state: &AppState,
    exercise_id: &str,
    headers: &HeaderMap,
) -> Result<String, AppError> {
    let token = session_token_in(&state.settings, headers).ok_or(AppError::Unauthenticated)?;
    let session = session::load(&state.db, &token, timeouts(state))
        .await?
        .ok_or(AppError::Unauthenticated)?;
    let therapist_id = match (session.holder, session.stage) {
        (Holder::Therapist(id), Stage::Full) => id,
        (Holder::Therapist(_), _) => return Err(AppError::Unauthenticated),
        (Holder::Participant { .. }, _) => return Err(AppError::Forbidden),
    };
    let owner = crate::exercise::store::owner_of(&state.db, exercise_id).await?;
    if owner.as_deref() != Some(therapist_id.as_str()) {
        return Err(AppError::Forbidden);
    }
    let data = SessionData::load(&state.db, exercise_id).await?;
    record_about(&state.db, AuditEvent::ExerciseExported, &therapist_id, Some(exercise_id)).await?;
    let export = Export {
        format: "parallel-exercise-export",
        format_version: 1,
        exported_at_ms: now_ms(),
        template_key: data.template.key.clone(),
        template_version: data.template.version,
        template_title: data.template.title.clone(),
        board: data.board(Audience::Therapist),
    };
    serde_json::to_string_pretty(&export).map_err(AppError::internal)
}
