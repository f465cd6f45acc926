//! Settling a request's language before its page renders (server only).

use http::{HeaderMap, header::ACCEPT_LANGUAGE};

use super::{LANGUAGE_COOKIE, Language};
use crate::{
    auth::{request::cookie_in, secrets::hash_secret},
    ctx::session_cookie_name,
    state::AppState,
};

/// The request's language: the signed-in person's own (a participant's, or a
/// therapist's interface language), else the device's cookie, else the browser's
/// wish, else English. The server puts it in the request's extensions, where pages
/// (`page_language`) and server functions (`Ctx::language`) find it.
pub async fn resolve_language(state: &AppState, headers: &HeaderMap) -> Language {
    if let Some(token) = cookie_in(headers, session_cookie_name(&state.settings)) {
        match stored_language(state, &token).await {
            Ok(Some((language, true))) => return language,
            // Part-way in (a passcode still due): their language until they choose
            // one on this device, which is all they can change before they are in.
            Ok(Some((language, false))) => {
                return chosen_on_device(headers).unwrap_or(language);
            }
            Ok(None) => {}
            // The page still renders; the person's language is only a preference.
            Err(error) => tracing::warn!(%error, "could not read the signed-in person's language"),
        }
    }
    device_language(headers)
}

fn chosen_on_device(headers: &HeaderMap) -> Option<Language> {
    cookie_in(headers, LANGUAGE_COOKIE).and_then(|code| Language::from_code(&code))
}

/// The device's choice (cookie), else the browser's.
pub fn device_language(headers: &HeaderMap) -> Language {
    chosen_on_device(headers)
        .or_else(|| {
            headers
                .get(ACCEPT_LANGUAGE)
                .and_then(|value| value.to_str().ok())
                .and_then(Language::from_accept_language)
        })
        .unwrap_or_default()
}

/// The language kept with whoever holds this session (ended or not: it is only a
/// preference, and the page will say if the visit has ended), and whether they
/// are fully in.
async fn stored_language(
    state: &AppState,
    token: &str,
) -> Result<Option<(Language, bool)>, sqlx::Error> {
    let row: Option<(Option<String>, String)> = sqlx::query_as(
        "SELECT COALESCE(p.language, t.language), s.stage FROM sessions s \
         LEFT JOIN participants p ON p.id = s.participant_id \
         LEFT JOIN therapists t ON t.id = s.therapist_id \
         WHERE s.id_hash = $1",
    )
    .bind(hash_secret(token))
    .fetch_optional(state.db.pool())
    .await?;
    Ok(row.and_then(|(code, stage)| Some((Language::from_code(&code?)?, stage == "full"))))
}
