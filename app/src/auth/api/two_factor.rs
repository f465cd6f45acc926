use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

/// What the enrolment page shows: the QR code to scan and the same secret as text
/// for typing in by hand.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TwoFactorEnrolment {
    pub already_enabled: bool,
    pub secret: String,
    pub qr_svg: String,
}

/// Starts setting up two-step verification: makes (or reuses) a secret that is not
/// yet in force. A read that creates state, so a POST like every server function.
#[server(prefix = "/api", endpoint = "begin_two_factor")]
pub async fn begin_two_factor() -> Result<TwoFactorEnrolment, AppError> {
    use crate::{
        auth::{policy, totp},
        ctx::Ctx,
        therapist::store::{find_therapist, set_pending_totp_secret},
    };

    let ctx = Ctx::current()?;
    ctx.respond(
        async {
            let signed_in = policy::therapist_enrolling(&ctx).await?;
            let db = ctx.db();
            let therapist =
                find_therapist(db, &signed_in.id).await?.ok_or(AppError::Unauthenticated)?;
            let secret = match therapist.totp_pending_secret {
                Some(secret) => secret,
                None => {
                    let secret = totp::new_secret();
                    set_pending_totp_secret(db, &therapist.id, &secret).await?;
                    secret
                }
            };
            let uri = totp::provisioning_uri(&secret, &therapist.email);
            let qr_svg = totp::qr_svg(&uri).ok_or_else(|| AppError::internal("QR code"))?;
            Ok(TwoFactorEnrolment {
                already_enabled: therapist.totp_secret.is_some(),
                secret,
                qr_svg,
            })
        }
        .await,
    )
}

/// Confirms enrolment with a code from the new secret. Turns two-step verification
/// on, gives the session a new id, and returns ten recovery codes, shown once.
#[server(prefix = "/api", endpoint = "confirm_two_factor")]
pub async fn confirm_two_factor(code: String) -> Result<Vec<String>, AppError> {
    use std::time::{SystemTime, UNIX_EPOCH};

    use crate::{
        audit::{AuditEvent, store as audit},
        auth::{
            policy::{self, timeouts},
            secrets::{hash_secret, new_recovery_code, normalise_recovery_code},
            session::{self, Stage},
            totp,
        },
        ctx::Ctx,
        flash::{RECOVERY_CODES, ssr::set_flash},
        therapist::store::{enable_totp, find_therapist, replace_recovery_codes},
    };

    let ctx = Ctx::current()?;
    ctx.respond(
        async {
            let signed_in = policy::therapist_enrolling(&ctx).await?;
            let state = ctx.state();
            let db = ctx.db();
            let therapist =
                find_therapist(db, &signed_in.id).await?.ok_or(AppError::Unauthenticated)?;
            let Some(secret) = therapist.totp_pending_secret else {
                return Err(AppError::invalid(
                    "Please start again: reload this page to get a new QR code.",
                ));
            };
            let now =
                SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
            let step = totp::verify(&secret, &code, now).ok_or(AppError::CodeRejected)?;
            enable_totp(db, &therapist.id, &secret, step).await?;

            let codes: Vec<String> = (0..10).map(|_| new_recovery_code()).collect();
            let hashes: Vec<String> =
                codes.iter().map(|code| hash_secret(&normalise_recovery_code(code))).collect();
            replace_recovery_codes(db, &therapist.id, &hashes).await?;

            let token = session::rotate(
                db,
                &signed_in.token,
                &signed_in.session,
                Stage::Full,
                timeouts(state),
            )
            .await?;
            ctx.set_session_cookie(&token);
            audit::record_therapist_event(&ctx, AuditEvent::TwoFactorEnabled, &therapist.id)
                .await?;
            if ctx.is_plain_form_post() {
                set_flash(&ctx, RECOVERY_CODES, &codes.join("."));
                leptos_axum::redirect("/account/two-step");
            }
            Ok(codes)
        }
        .await,
    )
}

/// Turns two-step verification off (needs the password). Refused when the operator
/// requires it for everyone.
#[server(prefix = "/api", endpoint = "disable_two_factor")]
pub async fn disable_two_factor(password: String) -> Result<(), AppError> {
    use crate::{
        audit::{AuditEvent, store as audit},
        auth::{
            password::verify_password_off_workers,
            policy,
            throttle::{self, Scope},
        },
        ctx::Ctx,
        therapist::store::{disable_totp, find_therapist},
    };

    let ctx = Ctx::current()?;
    ctx.respond(
        async {
            let signed_in = policy::therapist(&ctx).await?;
            let state = ctx.state();
            if state.settings.require_two_factor {
                return Err(AppError::invalid(
                    "Two-step verification is required on this server and cannot be turned off.",
                ));
            }
            let db = &state.db;
            let therapist =
                find_therapist(db, &signed_in.id).await?.ok_or(AppError::Unauthenticated)?;
            let recheck_key = super::password::recheck_key(&therapist.id);
            let recheck = match throttle::take(db, Scope::Email, &recheck_key).await? {
                Ok(taken) => taken,
                Err(wait) => {
                    return Err(AppError::wait_for(wait));
                }
            };
            if !verify_password_off_workers(&password, &therapist.password_hash).await? {
                return Err(AppError::invalid("Your password is not right."));
            }
            throttle::succeeded(db, recheck).await?;
            disable_totp(db, &therapist.id).await?;
            audit::record_therapist_event(&ctx, AuditEvent::TwoFactorDisabled, &therapist.id)
                .await?;
            leptos_axum::redirect("/account?changed=two-step-off");
            Ok(())
        }
        .await,
    )
}
