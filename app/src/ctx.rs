//! The request context (server only): everything a server function or a plain
//! handler knows about the request it answers, made once at its top.
//!
//! A server function starts with `let ctx = Ctx::current()?;` *before its first
//! await*, asks the policy for a capability with it (`policy::owned_family(&ctx, …)`),
//! and hands both to its domain. A plain axum handler takes `ctx: Ctx` as an
//! extractor. Nothing after that reads Leptos's context again: a resource re-run
//! while a page renders on the server disposes the first run's reactive owner, and
//! a future still running in it would find nothing there.

use std::net::{IpAddr, SocketAddr};

use axum::extract::{ConnectInfo, FromRequestParts};
use http::{HeaderMap, HeaderName, HeaderValue, header, request::Parts};
use leptos::prelude::use_context;
use leptos_axum::ResponseOptions;

use crate::{
    auth::request::{client_address, cookie_in},
    db::Db,
    error::AppError,
    i18n::Language,
    state::{AppState, SecretKey, Settings},
};

#[derive(Clone)]
pub struct Ctx {
    state: AppState,
    headers: HeaderMap,
    peer: Option<IpAddr>,
    /// The response being built, for server functions and pages (plain handlers
    /// build their own).
    response: Option<ResponseOptions>,
    /// The request's language, settled by the server before the app ran
    /// (`i18n::request::resolve_language`).
    language: Language,
}

impl std::fmt::Debug for Ctx {
    // Headers carry the session cookie: never printed.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Ctx").field("peer", &self.peer).finish_non_exhaustive()
    }
}

impl Ctx {
    /// The context of the server function or page being answered. The router
    /// provides the app state to every server function and page; a request
    /// without it is a bug in the router, answered with an internal error.
    pub fn current() -> Result<Ctx, AppError> {
        let state = use_context::<AppState>()
            .ok_or_else(|| AppError::internal("the router did not provide the app state"))?;
        let parts = use_context::<Parts>();
        let (headers, peer, language) = match &parts {
            Some(parts) => (parts.headers.clone(), peer_of(parts), language_of(parts)),
            None => (HeaderMap::new(), None, Language::default()),
        };
        Ok(Ctx { state, headers, peer, response: use_context::<ResponseOptions>(), language })
    }

    pub fn state(&self) -> &AppState {
        &self.state
    }

    pub fn db(&self) -> &Db {
        &self.state.db
    }

    pub fn settings(&self) -> &Settings {
        &self.state.settings
    }

    pub fn secret_key(&self) -> &SecretKey {
        &self.state.secret_key
    }

    /// The language to answer in (messages, exported words).
    pub fn language(&self) -> Language {
        self.language
    }

    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The client's address (see `auth::request::client_address`).
    pub fn client_ip(&self) -> Option<String> {
        client_address(&self.headers, self.peer, self.state.settings.trusted_proxies)
    }

    /// The session token from the request's cookie, if any.
    pub fn session_token(&self) -> Option<String> {
        self.cookie(session_cookie_name(self.settings()))
    }

    /// A cookie of the request, if present and not empty.
    pub fn cookie(&self, name: &str) -> Option<String> {
        cookie_in(&self.headers, name)
    }

    /// True for a plain HTML form post (no JavaScript): it is answered with a
    /// redirect back to its page, and cannot read a server function's return value.
    pub fn is_plain_form_post(&self) -> bool {
        self.headers
            .get(header::ACCEPT)
            .and_then(|value| value.to_str().ok())
            .is_some_and(|accept| accept.contains("text/html"))
    }

    /// True when the browser says another site started this request
    /// (`Sec-Fetch-Site: cross-site` or `same-site`). GET routes that change
    /// something refuse those, so a link on another site cannot make them happen. A
    /// typed or bookmarked address says `none`; old browsers send nothing, and are
    /// let through.
    pub fn is_cross_site(&self) -> bool {
        self.headers
            .get("sec-fetch-site")
            .and_then(|value| value.to_str().ok())
            .is_some_and(|site| !matches!(site, "same-origin" | "none"))
    }

    /// Adds a header to the response (for a plain handler, nothing: it builds its own).
    pub fn append_response_header(&self, name: HeaderName, value: HeaderValue) {
        if let Some(response) = &self.response {
            response.append_header(name, value);
        }
    }

    /// Adds a `Set-Cookie` header to the response.
    pub fn set_cookie(&self, cookie: &str) {
        if let Ok(value) = HeaderValue::from_str(cookie) {
            self.append_response_header(header::SET_COOKIE, value);
        }
    }

    /// Sets the session cookie (see `session_cookie`).
    pub fn set_session_cookie(&self, token: &str) {
        self.set_cookie(&session_cookie(self.settings(), token));
    }

    pub fn clear_session_cookie(&self) {
        self.set_cookie(&cleared_session_cookie(self.settings()));
    }

    /// `; Secure` when served over https.
    pub fn secure_attribute(&self) -> &'static str {
        if self.settings().is_https() { "; Secure" } else { "" }
    }

    /// Gives the response the status of `result`'s error, once, in one place. A
    /// plain form post keeps its redirect back to the page (the error travels in
    /// the address), so its status stays as the redirect set it.
    pub fn respond<T>(&self, result: Result<T, AppError>) -> Result<T, AppError> {
        if let Err(error) = &result
            && !self.is_plain_form_post()
            && let Some(response) = &self.response
            && let Ok(status) = http::StatusCode::from_u16(error.status_code())
        {
            response.set_status(status);
        }
        result
    }
}

/// For plain handlers (`/j/…`, `POST /answers/save`, `/exit`, `/live`,
/// `export.json`): the same context, from the request's parts.
impl FromRequestParts<AppState> for Ctx {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        Ok(Ctx {
            state: state.clone(),
            headers: parts.headers.clone(),
            peer: peer_of(parts),
            response: None,
            language: language_of(parts),
        })
    }
}

fn language_of(parts: &Parts) -> Language {
    parts.extensions.get::<Language>().copied().unwrap_or_default()
}

fn peer_of(parts: &Parts) -> Option<IpAddr> {
    parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|ConnectInfo(addr)| addr.ip())
}

/// `__Host-` binds the cookie to this exact origin over https (no Domain, Path=/).
pub fn session_cookie_name(settings: &Settings) -> &'static str {
    if settings.is_https() { "__Host-parallel_session" } else { "parallel_session" }
}

/// The `Set-Cookie` value for a session token: HttpOnly, SameSite=Lax, Path=/, and
/// Secure with the `__Host-` prefix over https. No Max-Age: it ends with the
/// browser, which suits shared computers; the server ends it sooner on idle or
/// absolute timeout.
pub fn session_cookie(settings: &Settings, token: &str) -> String {
    let secure = if settings.is_https() { "; Secure" } else { "" };
    format!("{}={token}; Path=/; HttpOnly; SameSite=Lax{secure}", session_cookie_name(settings))
}

/// The `Set-Cookie` value that removes the session cookie.
pub fn cleared_session_cookie(settings: &Settings) -> String {
    let secure = if settings.is_https() { "; Secure" } else { "" };
    format!("{}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax{secure}", session_cookie_name(settings))
}

/// The answer to a refused cross-site request.
pub fn cross_site_refused() -> axum::response::Response {
    use axum::response::IntoResponse;
    (http::StatusCode::FORBIDDEN, "This address only works from Parallel's own pages.")
        .into_response()
}
