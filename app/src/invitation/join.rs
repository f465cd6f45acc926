//! `GET /j/<token>`: the invitation link. It exchanges the token for a participant
//! session and redirects to a clean URL, so the token does not stay in the address
//! bar, the history or a `Referer`. Unknown, expired and revoked links all land on
//! the same friendly page. Links that do not work are counted per client address;
//! past the limit such links hear "wait N minutes" instead. A working link is never
//! held back by that count: a flood of bad links from a clinic's shared Wi-Fi must
//! not lock a family out.
//!
//! A link belongs to one person's devices (docs/security.md):
//! - a device the link knows (its device cookie) goes straight in;
//! - the first device to open an adult's or teen's link is asked to choose a
//!   passcode (and becomes the link's device once they have);
//! - any other device is asked for that passcode;
//! - a child's link (used with the therapist) needs no passcode: every device
//!   that opens it goes in and is counted;
//! - a link locked by wrong passcodes opens nowhere.
//!
//! A GET that starts a session is the one exception to "only POST changes state": a
//! link is what a family member receives. It changes nothing but the caller's own
//! session, and opening it twice is harmless.

use axum::{
    extract::Path,
    http::{HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};

use super::{devices, store, token::is_well_formed};
use crate::{
    auth::{
        policy,
        session::{self, Holder, Stage},
        throttle::{self, Scope},
    },
    ctx::{Ctx, cleared_session_cookie, session_cookie},
    family::{AgeBand, store::find_participant},
    state::AppState,
};

/// Where a working link leads.
pub const WELCOME_PATH: &str = "/welcome";
/// Where a link leads on a device that must choose or give the passcode first.
pub const PASSCODE_PATH: &str = "/passcode";
/// Where a link locked by wrong passcodes leads.
pub const LOCKED_PATH: &str = "/link-locked";
/// Where every other link leads.
pub const NOT_VALID_PATH: &str = "/link-not-valid";
/// Where a link that does not work leads once its address sent too many of them.
pub const WAIT_PATH: &str = "/link-wait";
/// Sessions one link may have at once. A family member uses one or two devices; a
/// child's link, used with the therapist, a few. Opening it once more ends the
/// oldest.
pub const MAX_SESSIONS_PER_INVITATION: i64 = 10;
/// Sent where a participant's visit ends for good on this device: no draft stays.
pub const CLEAR_STORAGE: &str = "\"storage\"";

enum Joined {
    /// In, or half-way in (a passcode to choose or give): the new session's token.
    Session {
        token: String,
        stage: Stage,
    },
    Locked,
    NotValid,
    /// A link that does not work, from an address that sent too many of them.
    TooManyTries {
        minutes: u64,
    },
}

pub async fn join(ctx: Ctx, Path(token): Path<String>) -> Response {
    let state = ctx.state();
    let (device, new_device) = devices::device_or_new(&state.settings, ctx.headers());
    if let Some(old) = ctx.session_token() {
        // Whatever session this browser had is replaced, never extended.
        if let Err(error) = session::delete(&state.db, &old).await {
            tracing::warn!(%error, "joining: could not end the browser's earlier session");
        }
    }
    let client = ctx.client_ip().unwrap_or_default();
    let joined = match exchange(state, &client, &token, &device).await {
        Ok(joined) => joined,
        Err(error) => {
            tracing::error!(%error, "joining by invitation failed");
            return (
                StatusCode::INTERNAL_SERVER_ERROR,
                "Something went wrong. Please try the link again.",
            )
                .into_response();
        }
    };
    let mut response = match joined {
        Joined::Session { token, stage } => {
            let path = if stage == Stage::Full { WELCOME_PATH } else { PASSCODE_PATH };
            let mut response = redirect(path);
            append_cookie(&mut response, &session_cookie(&state.settings, &token));
            if new_device {
                append_cookie(&mut response, &devices::device_cookie(&state.settings, &device));
            }
            response
        }
        Joined::Locked => {
            let mut response = redirect(LOCKED_PATH);
            append_cookie(&mut response, &cleared_session_cookie(&state.settings));
            response
                .headers_mut()
                .insert("clear-site-data", HeaderValue::from_static(CLEAR_STORAGE));
            response
        }
        Joined::NotValid => redirect(NOT_VALID_PATH),
        Joined::TooManyTries { minutes } => {
            (StatusCode::SEE_OTHER, [(header::LOCATION, format!("{WAIT_PATH}?minutes={minutes}"))])
                .into_response()
        }
    };
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

async fn exchange(
    state: &AppState,
    client_ip: &str,
    token: &str,
    device: &str,
) -> Result<Joined, sqlx::Error> {
    let db = &state.db;
    let invitation =
        if is_well_formed(token) { store::find_by_token(db, token).await? } else { None };
    let Some(invitation) = invitation.filter(store::Invitation::is_live) else {
        throttle::record_failure(db, Scope::JoinAddress, client_ip).await?;
        if let Some(wait) = throttle::blocked_for(db, Scope::JoinAddress, client_ip).await? {
            return Ok(Joined::TooManyTries { minutes: wait.as_secs().div_ceil(60) });
        }
        return Ok(Joined::NotValid);
    };
    if invitation.locked_at_ms.is_some() {
        return Ok(Joined::Locked);
    }
    let is_child = find_participant(db, &invitation.participant_id)
        .await?
        .is_some_and(|p| p.age_band == AgeBand::Child);
    let stage = if is_child {
        devices::claim(db, &invitation.id, device).await?;
        Stage::Full
    } else if devices::knows(db, &invitation.id, device).await? {
        Stage::Full
    } else if invitation.passcode_hash.is_none() {
        Stage::ChoosePasscode
    } else {
        Stage::PasscodeDue
    };
    let holder = Holder::Participant {
        participant_id: invitation.participant_id.clone(),
        invitation_id: invitation.id.clone(),
    };
    let token = session::create(db, &holder, stage, policy::timeouts(state)).await?;
    session::keep_newest_of_invitation(db, &invitation.id, MAX_SESSIONS_PER_INVITATION).await?;
    Ok(Joined::Session { token, stage })
}

fn append_cookie(response: &mut Response, cookie: &str) {
    if let Ok(value) = HeaderValue::from_str(cookie) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
}

/// 303 See Other: the browser follows with a GET and keeps only the new address.
fn redirect(path: &'static str) -> Response {
    (StatusCode::SEE_OTHER, [(header::LOCATION, path)]).into_response()
}
