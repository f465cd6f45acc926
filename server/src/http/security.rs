//! Request and response rules that protect every route: cross-site request refusal,
//! security headers, and the return path of plain HTML form posts.

use axum::{
    body::{Body, to_bytes},
    extract::{Request, State},
    http::{HeaderMap, HeaderValue, Method, StatusCode, header},
    middleware::Next,
    response::{IntoResponse, Response},
};

use super::limits::MAX_REQUEST_BODY_BYTES;

/// What the security middleware needs to know.
#[derive(Clone, Debug)]
pub struct SecurityConfig {
    /// `scheme://host[:port]` of the public URL.
    pub public_origin: String,
    pub https: bool,
}

impl SecurityConfig {
    pub fn from_public_url(public_url: &str) -> Self {
        let https = public_url.starts_with("https://");
        let scheme_end = public_url.find("://").map_or(0, |i| i + 3);
        let origin_end =
            public_url[scheme_end..].find('/').map_or(public_url.len(), |i| scheme_end + i);
        SecurityConfig { public_origin: public_url[..origin_end].to_owned(), https }
    }
}

/// Only GET and HEAD read, only POST changes state; a POST must come from this site.
///
/// Browsers say where a request comes from in `Sec-Fetch-Site` (all current ones)
/// or `Origin`. A request that carries neither is not from a browser page, so it
/// cannot be a cross-site forgery riding on someone's cookies.
pub async fn refuse_cross_site(
    State(config): State<SecurityConfig>,
    request: Request,
    next: Next,
) -> Response {
    match *request.method() {
        Method::GET | Method::HEAD => return next.run(request).await,
        Method::POST => {}
        _ => return (StatusCode::METHOD_NOT_ALLOWED, "Method not allowed").into_response(),
    }
    if !is_same_site(request.headers(), &config) {
        tracing::warn!("refused a cross-site POST");
        return (StatusCode::FORBIDDEN, "Cross-site requests are not accepted.").into_response();
    }
    next.run(request).await
}

fn is_same_site(headers: &HeaderMap, config: &SecurityConfig) -> bool {
    let text = |name: &str| headers.get(name).and_then(|value| value.to_str().ok());
    if let Some(site) = text("sec-fetch-site") {
        return matches!(site, "same-origin" | "none");
    }
    match text("origin") {
        None => true,
        Some(origin) => {
            let host_origin = text("host").map(|host| {
                let scheme = if config.https { "https" } else { "http" };
                format!("{scheme}://{host}")
            });
            origin == config.public_origin || Some(origin) == host_origin.as_deref()
        }
    }
}

/// Pages send no `Referer` (`Referrer-Policy: no-referrer`), yet a plain form post to a
/// server function is answered by a redirect back to its page. Forms say where that
/// is in a hidden `__return_to` field (`components::form::ReturnHere`); this turns it
/// into the `Referer` Leptos uses. Only paths on this site are accepted.
pub async fn form_return_path(
    State(config): State<SecurityConfig>,
    request: Request,
    next: Next,
) -> Response {
    let is_plain_form_post = request.method() == Method::POST
        && request.uri().path().starts_with("/api/")
        && !request.headers().contains_key(header::REFERER)
        && header_contains(request.headers(), header::ACCEPT, "text/html")
        && header_contains(
            request.headers(),
            header::CONTENT_TYPE,
            "application/x-www-form-urlencoded",
        );
    if !is_plain_form_post {
        return next.run(request).await;
    }
    let (mut parts, body) = request.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_REQUEST_BODY_BYTES).await else {
        return (StatusCode::PAYLOAD_TOO_LARGE, "Request too large").into_response();
    };
    let return_to = form_urlencoded::parse(&bytes)
        .find(|(key, _)| key == "__return_to")
        .map(|(_, value)| value.into_owned())
        .filter(|path| is_local_path(path));
    if let Some(path) = return_to
        && let Ok(referer) = HeaderValue::from_str(&format!("{}{path}", config.public_origin))
    {
        parts.headers.insert(header::REFERER, referer);
    }
    next.run(Request::from_parts(parts, Body::from(bytes))).await
}

/// `/account`, not `//evil.example`, `https://…` or `/\evil`.
fn is_local_path(path: &str) -> bool {
    path.starts_with('/')
        && !path.starts_with("//")
        && !path.contains('\\')
        && path.len() <= 512
        && path.chars().all(|c| !c.is_control())
}

fn header_contains(headers: &HeaderMap, name: header::HeaderName, needle: &str) -> bool {
    headers.get(name).and_then(|v| v.to_str().ok()).is_some_and(|v| v.contains(needle))
}

/// Headers on every response, and the Content-Security-Policy: HTML pages get the
/// policy for the app, with the nonce Leptos gave this response's inline scripts;
/// everything else gets one that allows nothing.
pub async fn security_headers(
    State(config): State<SecurityConfig>,
    request: Request,
    next: Next,
) -> Response {
    let is_static_asset = is_static_asset(request.uri().path());
    let response = next.run(request).await;
    let (mut parts, body) = response.into_parts();
    let is_html = parts
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    let (policy, body) = if is_html && !is_static_asset {
        // Pages render whole (SsrMode::Async), so reading the body costs nothing but
        // memory for one small document.
        let Ok(bytes) = to_bytes(body, MAX_PAGE_BYTES).await else {
            return (StatusCode::INTERNAL_SERVER_ERROR, "The page could not be sent.")
                .into_response();
        };
        (page_policy(script_nonce(&bytes)), Body::from(bytes))
    } else {
        (NOTHING_POLICY.to_owned(), body)
    };
    let headers = &mut parts.headers;
    let mut set = |name: &'static str, value: &'static str| {
        headers.insert(name, HeaderValue::from_static(value));
    };
    set("x-content-type-options", "nosniff");
    set("referrer-policy", "no-referrer");
    set("x-frame-options", "DENY");
    set("cross-origin-opener-policy", "same-origin");
    set("cross-origin-resource-policy", "same-origin");
    set("permissions-policy", "camera=(), microphone=(), geolocation=(), payment=()");
    if config.https {
        set("strict-transport-security", "max-age=63072000; includeSubDomains");
    }
    if is_static_asset {
        // The bundle's file names do not change between releases: a browser keeps
        // its copy but asks each time whether it is still current (a 304 costs a
        // few hundred bytes), so a new release never meets an old bundle.
        set("cache-control", "no-cache");
        // Some browsers get the brotli file, others the plain one (see Makefile,
        // --precompress): a shared cache must not hand one to the other.
        set("vary", "accept-encoding");
    } else {
        set("cache-control", "no-store");
    }
    if let Ok(value) = HeaderValue::from_str(&policy) {
        headers.insert(header::CONTENT_SECURITY_POLICY, value);
    }
    Response::from_parts(parts, body)
}

/// The largest page the middleware reads to find its nonce.
const MAX_PAGE_BYTES: usize = 4 * 1024 * 1024;

const NOTHING_POLICY: &str =
    "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/// Only this site's own scripts (and the inline hydration script, by its nonce),
/// styles, images and connections; WASM may compile; nothing may frame the page.
fn page_policy(nonce: Option<&str>) -> String {
    let nonce = nonce.map(|n| format!(" 'nonce-{n}'")).unwrap_or_default();
    format!(
        "default-src 'self'; script-src 'self'{nonce} 'wasm-unsafe-eval'; style-src 'self'; \
         img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; \
         base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
    )
}

/// The nonce of the page's first `<script nonce="…">` (Leptos gives every inline
/// script of a response the same one). Only base64 characters are accepted.
fn script_nonce(html: &[u8]) -> Option<&str> {
    const MARK: &[u8] = b"<script type=\"module\" nonce=\"";
    let start = html.windows(MARK.len()).position(|w| w == MARK)? + MARK.len();
    let length = html[start..].iter().position(|b| *b == b'"')?;
    let nonce = std::str::from_utf8(&html[start..start + length]).ok()?;
    let valid = !nonce.is_empty()
        && nonce.len() <= 64
        && nonce
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'=' | b'-' | b'_'));
    valid.then_some(nonce)
}

/// The compiled CSS, JS and WASM, and the favicon: the same for everyone, no data.
fn is_static_asset(path: &str) -> bool {
    path.starts_with("/pkg/") || path == "/favicon.svg"
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        pairs
            .iter()
            .map(|(k, v)| (header::HeaderName::from_static(k), HeaderValue::from_static(v)))
            .collect()
    }

    #[test]
    fn same_site_is_judged_by_fetch_metadata_then_origin() {
        let config = SecurityConfig::from_public_url("https://parallel.example.org/");
        assert_eq!(config.public_origin, "https://parallel.example.org");
        let ok = |pairs| is_same_site(&headers(pairs), &config);
        assert!(ok(&[("sec-fetch-site", "same-origin")]));
        assert!(!ok(&[("sec-fetch-site", "cross-site")]));
        assert!(!ok(&[("sec-fetch-site", "same-site")]));
        assert!(ok(&[("origin", "https://parallel.example.org")]));
        assert!(!ok(&[("origin", "https://evil.example")]));
        assert!(!ok(&[("origin", "null")]));
        assert!(ok(&[]));
    }

    #[test]
    fn the_page_policy_carries_the_pages_nonce() {
        let html = br#"<head><script type="module" nonce="AbC-12_x">go()</script>"#;
        assert_eq!(script_nonce(html), Some("AbC-12_x"));
        assert!(
            page_policy(Some("AbC-12_x"))
                .contains("script-src 'self' 'nonce-AbC-12_x' 'wasm-unsafe-eval'")
        );
        assert_eq!(script_nonce(br#"<script type="module" nonce="x'; script-src *">"#), None);
        assert!(!page_policy(None).contains("nonce"));
    }

    #[test]
    fn return_paths_stay_on_this_site() {
        assert!(is_local_path("/account"));
        assert!(is_local_path("/sign-in?x=1"));
        assert!(!is_local_path("//evil.example/x"));
        assert!(!is_local_path("https://evil.example"));
        assert!(!is_local_path("/\\evil.example"));
        assert!(!is_local_path("account"));
    }
}
