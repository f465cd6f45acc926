//! Refuses text with NUL characters (U+0000) before it reaches a handler.
//! PostgreSQL cannot store NUL in text, so such input would fail deep in a query
//! as a server error; browsers never send it from a form field, so it can only be
//! a mistake or a probe: 400 at the door, on both backends alike.

use axum::{
    body::{Body, to_bytes},
    extract::Request,
    http::{Method, StatusCode, header},
    middleware::Next,
    response::{IntoResponse, Response},
};

use super::limits::MAX_REQUEST_BODY_BYTES;

pub async fn refuse_nul(request: Request, next: Next) -> Response {
    let path = request.uri().path();
    if path.contains("%00") || path.contains('\0') {
        return refused();
    }
    if request.method() != Method::POST {
        return next.run(request).await;
    }
    let (parts, body) = request.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_REQUEST_BODY_BYTES).await else {
        return (StatusCode::PAYLOAD_TOO_LARGE, "Request too large").into_response();
    };
    let content_type =
        parts.headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
    if has_nul(content_type, &bytes) {
        return refused();
    }
    next.run(Request::from_parts(parts, Body::from(bytes))).await
}

fn has_nul(content_type: &str, body: &[u8]) -> bool {
    if body.contains(&0) {
        return true;
    }
    if content_type.starts_with("application/x-www-form-urlencoded") {
        return form_urlencoded::parse(body).any(|(k, v)| k.contains('\0') || v.contains('\0'));
    }
    if content_type.starts_with("application/json") {
        return serde_json::from_slice::<serde_json::Value>(body)
            .is_ok_and(|value| value_has_nul(&value));
    }
    false
}

fn value_has_nul(value: &serde_json::Value) -> bool {
    match value {
        serde_json::Value::String(text) => text.contains('\0'),
        serde_json::Value::Array(items) => items.iter().any(value_has_nul),
        serde_json::Value::Object(map) => {
            map.iter().any(|(k, v)| k.contains('\0') || value_has_nul(v))
        }
        _ => false,
    }
}

/// Shaped like a server function's own "request not understood" answer.
fn refused() -> Response {
    (StatusCode::BAD_REQUEST, [(header::CONTENT_TYPE, "application/json")], "\"BadRequest\"")
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::has_nul;

    #[test]
    fn nul_is_found_however_it_is_encoded() {
        let form = "application/x-www-form-urlencoded";
        assert!(has_nul(form, b"name=a%00b"));
        assert!(has_nul(form, b"name=a\0b"));
        assert!(!has_nul(form, b"name=a%2500b"), "a typed \"%00\" is text, not NUL");
        assert!(has_nul("application/json", br#"{"a":["x\u0000"]}"#));
        assert!(!has_nul("application/json", br#"{"a":"\\u0000"}"#), "a typed \\u0000 is text");
    }
}
