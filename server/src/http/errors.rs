//! Server functions that fail before their body runs (arguments missing or not
//! readable) answer with status 500 and the error as JSON: server_fn does not know
//! our error type's status. This gives such answers their error's own status
//! (`AppError::BadRequest` is 400), so bad input reads as the caller's mistake, not
//! as a server fault. Genuine internal errors stay 500.

use axum::{
    body::{Body, to_bytes},
    extract::Request,
    http::StatusCode,
    middleware::Next,
    response::Response,
};

use app::error::AppError;

/// Error bodies are short; anything longer is left as it is.
const MAX_ERROR_BODY: usize = 16 * 1024;

pub async fn server_fn_status(request: Request, next: Next) -> Response {
    let is_server_fn = request.uri().path().starts_with("/api/");
    let response = next.run(request).await;
    if !is_server_fn || response.status() != StatusCode::INTERNAL_SERVER_ERROR {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_ERROR_BODY).await else {
        return Response::from_parts(parts, Body::empty());
    };
    if let Ok(error) = serde_json::from_slice::<AppError>(&bytes)
        && let Ok(status) = StatusCode::from_u16(error.status_code())
    {
        parts.status = status;
    }
    Response::from_parts(parts, Body::from(bytes))
}
