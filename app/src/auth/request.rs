//! What a server function knows about the HTTP request it is answering.

use std::net::SocketAddr;

use axum::extract::ConnectInfo;
use http::{HeaderValue, header, request::Parts};
use leptos::prelude::use_context;
use leptos_axum::ResponseOptions;

use crate::state::AppState;

pub fn app_state() -> AppState {
    AppState::current().expect("the server installs its AppState before serving")
}

fn parts() -> Option<Parts> {
    use_context::<Parts>()
}

/// The request's headers (empty outside a request).
pub fn request_headers() -> http::HeaderMap {
    parts().map(|parts| parts.headers).unwrap_or_default()
}

/// Adds a header to the response (outside a request, nothing).
pub fn append_response_header(name: http::HeaderName, value: HeaderValue) {
    if let Some(response) = use_context::<ResponseOptions>() {
        response.append_header(name, value);
    }
}

/// The client's address: the TCP peer, or the first `X-Forwarded-For` entry when
/// the operator says a trusted proxy sets it.
pub fn client_ip() -> Option<String> {
    let parts = parts()?;
    if app_state().settings.trust_forwarded_for {
        let forwarded = parts
            .headers
            .get("x-forwarded-for")
            .and_then(|value| value.to_str().ok())
            .and_then(|list| list.split(',').next())
            .map(|first| first.trim().to_owned());
        if forwarded.is_some() {
            return forwarded;
        }
    }
    parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|ConnectInfo(addr)| addr.ip().to_string())
}

/// True for a plain HTML form post (no JavaScript): it is answered with a redirect
/// back to its page, and cannot read a server function's return value.
pub fn is_plain_form_post() -> bool {
    parts()
        .and_then(|parts| {
            parts.headers.get(header::ACCEPT).and_then(|v| v.to_str().ok()).map(str::to_owned)
        })
        .is_some_and(|accept| accept.contains("text/html"))
}

pub fn session_cookie_name() -> &'static str {
    cookie_name_for(&app_state().settings)
}

/// `__Host-` binds the cookie to this exact origin over https (no Domain, Path=/).
fn cookie_name_for(settings: &crate::state::Settings) -> &'static str {
    if settings.is_https() { "__Host-parallel_session" } else { "parallel_session" }
}

/// The session token from the request's cookie, if any.
pub fn session_token() -> Option<String> {
    read_cookie(session_cookie_name())
}

/// A cookie of the request, if present and not empty.
pub fn read_cookie(name: &str) -> Option<String> {
    cookie_in(&parts()?.headers, name)
}

/// A cookie among `headers`, if present and not empty.
pub fn cookie_in(headers: &http::HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|cookies| cookies.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value.to_owned())
        .filter(|value| !value.is_empty())
}

/// The session token among `headers` (for handlers outside server functions).
pub fn session_token_in(
    settings: &crate::state::Settings,
    headers: &http::HeaderMap,
) -> Option<String> {
    cookie_in(headers, cookie_name_for(settings))
}

/// The `Set-Cookie` value that removes the session cookie.
pub fn cleared_session_cookie(settings: &crate::state::Settings) -> String {
    let secure = if settings.is_https() { "; Secure" } else { "" };
    format!("{}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax{secure}", cookie_name_for(settings))
}

/// Sets the session cookie: HttpOnly, SameSite=Lax, Path=/, and Secure with the
/// `__Host-` prefix over https. No Max-Age: it ends with the browser, which suits
/// shared computers; the server ends it sooner on idle or absolute timeout.
pub fn set_session_cookie(token: &str) {
    append_set_cookie(&session_cookie(&app_state().settings, token));
}

/// The `Set-Cookie` value for a session token (also used outside server functions).
pub fn session_cookie(settings: &crate::state::Settings, token: &str) -> String {
    let secure = if settings.is_https() { "; Secure" } else { "" };
    format!("{}={token}; Path=/; HttpOnly; SameSite=Lax{secure}", cookie_name_for(settings))
}

pub fn clear_session_cookie() {
    append_set_cookie(&cleared_session_cookie(&app_state().settings));
}

/// Adds a `Set-Cookie` header to the response.
pub fn append_set_cookie(cookie: &str) {
    if let (Some(response), Ok(value)) =
        (use_context::<ResponseOptions>(), HeaderValue::from_str(cookie))
    {
        response.append_header(header::SET_COOKIE, value);
    }
}

/// `; Secure` when served over https.
pub fn secure_attribute() -> &'static str {
    if app_state().settings.is_https() { "; Secure" } else { "" }
}
