//! `GET /j/<token>`: the invitation link. It exchanges the token for a participant
//! session and redirects to a clean URL, so the token does not stay in the address
//! bar, the history or a `Referer`. Unknown, expired and revoked links all land on
//! the same friendly page; guessing from one address is rate-limited.
//!
//! A GET that starts a session is the one exception to "only POST changes state": a
//! link is what a family member receives. It changes nothing but the caller's own
//! session, and opening it twice is harmless.

use std::net::SocketAddr;

use axum::{
    extract::{ConnectInfo, Path, State},
    http::{HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};

use super::{store, token::is_well_formed};
use crate::{
    auth::{
        request::session_cookie,
        session::{self, Holder, Stage, Timeouts},
        throttle::{self, Scope},
    },
    state::AppState,
};

/// Where a working link leads.
pub const WELCOME_PATH: &str = "/welcome";
/// Where every other link leads.
pub const NOT_VALID_PATH: &str = "/link-not-valid";

pub async fn join(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Path(token): Path<String>,
) -> Response {
    match exchange(&state, &peer.ip().to_string(), &token).await {
        Ok(Some(session_token)) => {
            let mut response = redirect(WELCOME_PATH);
            let cookie = session_cookie(&state.settings, &session_token);
            if let Ok(value) = HeaderValue::from_str(&cookie) {
                response.headers_mut().insert(header::SET_COOKIE, value);
            }
            response
        }
        Ok(None) => redirect(NOT_VALID_PATH),
        Err(error) => {
            tracing::error!(%error, "joining by invitation failed");
            (StatusCode::INTERNAL_SERVER_ERROR, "Something went wrong. Please try the link again.")
                .into_response()
        }
    }
}

/// The new session's token, or `None` for a link that does not work.
async fn exchange(
    state: &AppState,
    client_ip: &str,
    token: &str,
) -> Result<Option<String>, sqlx::Error> {
    let db = &state.db;
    if throttle::blocked_for(db, Scope::JoinAddress, client_ip).await?.is_some() {
        return Ok(None);
    }
    let invitation =
        if is_well_formed(token) { store::find_by_token(db, token).await? } else { None };
    let Some(invitation) = invitation.filter(store::Invitation::is_live) else {
        throttle::record_failure(db, Scope::JoinAddress, client_ip).await?;
        return Ok(None);
    };
    let holder = Holder::Participant {
        participant_id: invitation.participant_id.clone(),
        invitation_id: invitation.id.clone(),
    };
    let timeouts = Timeouts {
        idle: state.settings.session_idle_timeout,
        absolute: state.settings.session_absolute_timeout,
    };
    session::create(db, &holder, Stage::Full, timeouts).await.map(Some)
}

/// 303 See Other: the browser follows with a GET and keeps only the new address.
fn redirect(path: &'static str) -> Response {
    (StatusCode::SEE_OTHER, [(header::LOCATION, path)]).into_response()
}
