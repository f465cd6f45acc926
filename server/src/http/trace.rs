//! The span each request is logged in. It holds the method, a path safe to log, the
//! request id and, once known, the status and latency; never a body, query string or
//! header value that could carry a secret.

use std::time::Duration;

use axum::http::{Request, Response};
use tracing::Span;

pub fn make_span<B>(request: &Request<B>) -> Span {
    let request_id =
        request.headers().get("x-request-id").and_then(|value| value.to_str().ok()).unwrap_or("-");
    tracing::info_span!(
        "request",
        id = %request_id,
        method = %request.method(),
        path = %loggable_path(request.uri().path()),
        status = tracing::field::Empty,
        latency_ms = tracing::field::Empty,
    )
}

pub fn on_response<B>(response: &Response<B>, latency: Duration, span: &Span) {
    span.record("status", response.status().as_u16());
    span.record("latency_ms", u64::try_from(latency.as_millis()).unwrap_or(u64::MAX));
    tracing::info!("served");
}

/// Paths that carry a secret in a segment (invitation links, one-time set-up
/// links) are cut down to their prefix before they are logged.
pub fn loggable_path(path: &str) -> String {
    const SECRET_PREFIXES: &[&str] = &["/j/", "/setup/", "/invite/", "/reset/"];
    for prefix in SECRET_PREFIXES {
        if path.starts_with(prefix) {
            return format!("{prefix}…");
        }
    }
    path.chars().take(200).collect()
}

#[cfg(test)]
mod tests {
    use super::loggable_path;

    #[test]
    fn tokens_in_paths_are_not_logged() {
        assert_eq!(loggable_path("/j/4f9c2a71e0b34d8c9a5e"), "/j/…");
        assert_eq!(loggable_path("/setup/abc"), "/setup/…");
        assert_eq!(loggable_path("/crisis"), "/crisis");
    }
}
