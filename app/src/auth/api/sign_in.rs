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
            password::{off_workers, verify_against_dummy, verify_password},
            policy::timeouts,
            session::{self, Holder, Stage},
            throttle::{self, Scope},
        },
        ctx::Ctx,
        therapist::store::{find_therapist_by_email, normalise_email},
    };

    let ctx = Ctx::current()?;
    ctx.respond(
        async {
            if super::too_long(&email, super::MAX_EMAIL_CHARS)
                || super::too_long(&password, crate::auth::password::MAX_CHARS)
            {
                return Err(AppError::SignInFailed);
            }
            let state = ctx.state();
            let db = ctx.db();
            let email_key = normalise_email(&email);
            let ip = ctx.client_ip().unwrap_or_default();

            // A try from the account's allowance and one from the address's, both
            // counted before the password is checked (see `throttle`).
            let account_try = match throttle::take(db, Scope::Email, &email_key).await? {
                Ok(taken) => taken,
                Err(wait) => return Err(AppError::wait_for(wait)),
            };
            let address_try = match throttle::take(db, Scope::ClientIp, &ip).await? {
                Ok(taken) => taken,
                Err(wait) => {
                    // Nothing was checked: the account's try is given back.
                    throttle::succeeded(db, account_try).await?;
                    return Err(AppError::wait_for(wait));
                }
            };

            let therapist = find_therapist_by_email(db, &email_key).await?;
            let stored = therapist.as_ref().map(|record| record.password_hash.clone());
            let matched = off_workers(move || match stored {
                Some(hash) => verify_password(&password, &hash),
                None => {
                    verify_against_dummy(&password);
                    false
                }
            })
            .await?;
            let therapist = match therapist {
                Some(record) if matched => record,
                unmatched => {
                    // Both tries stay counted.
                    let _ = (account_try, address_try);
                    // The same write for an unknown email as for a known one (with no
                    // account to name): the work done tells nothing.
                    let client_ip = ctx.client_ip();
                    let entry = audit::NewAuditEntry {
                        therapist_id: unmatched.as_ref().map(|record| record.id.as_str()),
                        subject_id: None,
                        client_ip: client_ip.as_deref(),
                    };
                    audit::record(db, AuditEvent::SignInFailed, entry).await?;
                    return Err(AppError::SignInFailed);
                }
            };
            drop(account_try);
            throttle::clear(db, Scope::Email, &email_key).await?;
            throttle::succeeded(db, address_try).await?;

            if let Some(old) = ctx.session_token() {
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
            let token = session::create(db, &holder, stage, timeouts(state)).await?;
            ctx.set_session_cookie(&token);
            if stage == Stage::Full {
                audit::record_therapist_event(&ctx, AuditEvent::SignIn, &therapist.id).await?;
            }
            leptos_axum::redirect(next);
            Ok(())
        }
        .await,
    )
}
