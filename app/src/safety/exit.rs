//! `GET /exit`: the quick exit. It ends the visit (so the back button shows nothing
//! but "please use your link") and sends the browser to a neutral site. With
//! JavaScript the page calls it with `location.replace`, so this page also leaves
//! the history; without JavaScript it is a plain link.

use axum::{
    http::{HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};

use crate::{
    auth::session,
    ctx::{self, Ctx},
};

pub const PATH: &str = super::QUICK_EXIT_PATH;

pub async fn quick_exit(ctx: Ctx) -> Response {
    if ctx.is_cross_site() {
        return ctx::cross_site_refused();
    }
    if let Some(token) = ctx.session_token()
        && let Err(error) = session::delete(ctx.db(), &token).await
    {
        // Leaving must never fail; the session still ends at its idle timeout.
        tracing::warn!(%error, "quick exit could not end the session");
    }
    let mut response =
        (StatusCode::SEE_OTHER, [(header::LOCATION, ctx.settings().quick_exit_url.clone())])
            .into_response();
    if let Ok(value) = HeaderValue::from_str(&ctx::cleared_session_cookie(ctx.settings())) {
        response.headers_mut().insert(header::SET_COOKIE, value);
    }
    // Nothing typed stays in this browser (the page's script has removed its copies
    // already; this covers a visit without it). The device cookie stays: the
    // phone remains the person's own way in.
    response.headers_mut().insert(
        "clear-site-data",
        HeaderValue::from_static(crate::invitation::join::CLEAR_STORAGE),
    );
    response
}
