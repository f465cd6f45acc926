//! Settles each request's language before the app renders a page or answers a
//! server function (`app::i18n::request`): the app reads it from the request's
//! extensions, synchronously, while the page renders.

use app::{i18n::request::resolve_language, state::AppState};
use axum::{
    extract::{Request, State},
    middleware::Next,
    response::Response,
};

pub async fn settle_language(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> Response {
    // The bundle's files have no words (and need no database lookup).
    if !request.uri().path().starts_with("/pkg/") {
        let language = resolve_language(&state, request.headers()).await;
        request.extensions_mut().insert(language);
    }
    next.run(request).await
}
