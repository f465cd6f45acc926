use leptos::prelude::*;

use crate::error::AppError;

/// Checks an email and password. Public. On success it starts a new session (any
/// session the browser had is ended first, so a planted id is worthless) and sends
/// the browser on: to the account, to the code step, or to two-step set-up.
///
/// Unknown email and wrong password give the same answer after the same work.
#[server(prefix = "/api", endpoint = "sign_in")]
pub async fn sign_in(email: String, password: String) -> Result<(), AppError> {
    use crate::{
        audit::{AuditEvent, store as audit},
        auth::{
            password::{verify_against_dummy, verify_password},
            policy::timeouts,
            request::{app_state, client_ip, session_token, set_session_cookie},
            session::{self, Holder, Stage},
            throttle::{self, Scope},
        },
        error::respond,
        therapist::store::{find_therapist_by_email, normalise_email},
    };

    respond(
        async {
            if super::too_long(&email, super::MAX_EMAIL_CHARS)
                || super::too_long(&password, crate::auth::password::MAX_CHARS)
            {
                return Err(AppError::SignInFailed);
            }
            let state = app_state();
            let db = &state.db;
            let email_key = normalise_email(&email);
            let ip = client_ip().unwrap_or_default();

            for (scope, key) in [(Scope::Email, email_key.as_str()), (Scope::ClientIp, ip.as_str())]
            {
                if let Some(wait) = throttle::blocked_for(db, scope, key).await? {
                    return Err(AppError::TooManyAttempts { minutes: wait.as_secs().div_ceil(60) });
                }
            }

            let therapist = find_therapist_by_email(db, &email_key).await?;
            let matched = match &therapist {
                Some(record) => verify_password(&password, &record.password_hash),
                None => {
                    verify_against_dummy(&password);
                    false
                }
            };
            let therapist = match therapist {
                Some(record) if matched => record,
                unmatched => {
                    throttle::record_failure(db, Scope::Email, &email_key).await?;
                    throttle::record_failure(db, Scope::ClientIp, &ip).await?;
                    if let Some(record) = unmatched {
                        audit::record_therapist_event(db, AuditEvent::SignInFailed, &record.id)
                            .await?;
                    }
                    return Err(AppError::SignInFailed);
                }
            };
            throttle::clear(db, Scope::Email, &email_key).await?;

            if let Some(old) = session_token() {
                session::delete(db, &old).await?;
            }
            let (stage, next) = if therapist.totp_secret.is_some() {
                (Stage::SecondFactor, "/sign-in/code")
            } else if state.settings.require_two_factor {
                (Stage::EnrolSecondFactor, "/account/two-step")
            } else {
                (Stage::Full, "/families")
            };
            let holder = Holder::Therapist(therapist.id.clone());
            let token = session::create(db, &holder, stage, timeouts(&state)).await?;
            set_session_cookie(&token);
            if stage == Stage::Full {
                audit::record_therapist_event(db, AuditEvent::SignIn, &therapist.id).await?;
            }
            leptos_axum::redirect(next);
            Ok(())
        }
        .await,
    )
}
