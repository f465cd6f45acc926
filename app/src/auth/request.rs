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

/// The client's address, for the request a server function answers.
pub fn client_ip() -> Option<String> {
    let parts = parts()?;
    let peer = parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|ConnectInfo(addr)| addr.ip());
    client_address(&parts.headers, peer, app_state().settings.trusted_proxies)
}

/// The client's address: the TCP peer, or, behind `trusted_proxies` proxies of the
/// operator's own, the address the outermost of them saw.
///
/// Each proxy *appends* the address it was reached from to `X-Forwarded-For`, so
/// only the last `trusted_proxies` entries were written by proxies we trust; the
/// entry they added first (counting from the right) is the client. Anything to its
/// left came from the client itself and may be made up: taking the leftmost entry
/// would let anyone pick the address their tries are counted under.
pub fn client_address(
    headers: &http::HeaderMap,
    peer: Option<std::net::IpAddr>,
    trusted_proxies: usize,
) -> Option<String> {
    if trusted_proxies > 0 {
        // Several headers count as one list, in order.
        let entries: Vec<&str> = headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|value| value.to_str().ok())
            .flat_map(|list| list.split(','))
            .map(str::trim)
            .filter(|entry| !entry.is_empty())
            .collect();
        if let Some(client) =
            entries.len().checked_sub(trusted_proxies).and_then(|i| entries.get(i))
        {
            return Some((*client).to_owned());
        }
    }
    peer.map(|ip| ip.to_string())
}

/// True when the browser says another site started this request
/// (`Sec-Fetch-Site: cross-site` or `same-site`). GET routes that change something
/// (`/exit` ends the visit, an export is audited) refuse those, so a link on another
/// site cannot make them happen. A typed or bookmarked address says `none`; old
/// browsers send nothing, and are let through as before.
pub fn is_cross_site(headers: &http::HeaderMap) -> bool {
    headers
        .get("sec-fetch-site")
        .and_then(|value| value.to_str().ok())
        .is_some_and(|site| !matches!(site, "same-origin" | "none"))
}

/// The answer to a refused cross-site request.
pub fn cross_site_refused() -> axum::response::Response {
    use axum::response::IntoResponse;
    (http::StatusCode::FORBIDDEN, "This address only works from Parallel's own pages.")
        .into_response()
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

#[cfg(test)]
mod tests {
    use std::net::{IpAddr, Ipv4Addr};

    use super::client_address;

    const PROXY: IpAddr = IpAddr::V4(Ipv4Addr::new(10, 0, 0, 2));

    fn forwarded(lists: &[&str]) -> http::HeaderMap {
        let mut headers = http::HeaderMap::new();
        for list in lists {
            headers.append("x-forwarded-for", list.parse().unwrap());
        }
        headers
    }

    #[test]
    fn the_entry_our_proxy_added_counts_not_the_one_the_client_wrote() {
        // The client sent "6.6.6.6" itself; our proxy appended the address it saw.
        let headers = forwarded(&["6.6.6.6, 203.0.113.7"]);
        assert_eq!(client_address(&headers, Some(PROXY), 1).as_deref(), Some("203.0.113.7"));
        // Two proxies of ours: the outer one saw the client, the inner one the outer.
        let headers = forwarded(&["6.6.6.6, 203.0.113.7", "10.0.0.1"]);
        assert_eq!(client_address(&headers, Some(PROXY), 2).as_deref(), Some("203.0.113.7"));
    }

    #[test]
    fn without_trusted_proxies_or_entries_the_peer_counts() {
        let headers = forwarded(&["6.6.6.6"]);
        assert_eq!(client_address(&headers, Some(PROXY), 0).as_deref(), Some("10.0.0.2"));
        assert_eq!(client_address(&headers, Some(PROXY), 2).as_deref(), Some("10.0.0.2"));
        assert_eq!(
            client_address(&http::HeaderMap::new(), Some(PROXY), 1).as_deref(),
            Some("10.0.0.2")
        );
    }
}
