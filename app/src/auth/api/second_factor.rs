use leptos::prelude::*;

use crate::error::AppError;

/// The second step of signing in: a code from the authenticator app, or one of the
/// recovery codes. Only for a session whose password step has passed.
#[server(prefix = "/api", endpoint = "verify_second_factor")]
pub async fn verify_second_factor(code: String) -> Result<(), AppError> {
    use std::time::{SystemTime, UNIX_EPOCH};

    use crate::{
        audit::{AuditEvent, store as audit},
        auth::{
            policy::{self, timeouts},
            secrets::{hash_secret, normalise_recovery_code},
            session::{self, Stage},
            throttle::{self, Scope},
            totp,
        },
        ctx::Ctx,
        therapist::store::{claim_totp_step, find_therapist, use_recovery_code},
    };

    let ctx = Ctx::current()?;
    ctx.respond(
        async {
            let pending = policy::second_factor_due(&ctx).await?;
            let state = ctx.state();
            let db = ctx.db();
            let therapist_key = format!("2fa:{}", pending.id);
            if code.chars().count() > 32 {
                return Err(AppError::CodeRejected);
            }
            // Counted before the code is checked, so parallel guesses cannot all
            // slip past the limit (see `throttle`); a right code clears the count.
            if let Err(wait) = throttle::take(db, Scope::Email, &therapist_key).await? {
                return Err(AppError::wait_for(wait));
            }
            let Some(secret) = find_therapist(db, &pending.id).await?.and_then(|t| t.totp_secret)
            else {
                return Err(AppError::Unauthenticated);
            };

            let now =
                SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
            let mut used_recovery_code = false;
            let accepted = match totp::verify(&secret, &code, now) {
                Some(step) => claim_totp_step(db, &pending.id, step).await?,
                None => {
                    let hash = hash_secret(&normalise_recovery_code(&code));
                    used_recovery_code = use_recovery_code(db, &pending.id, &hash).await?;
                    used_recovery_code
                }
            };
            if !accepted {
                audit::record_therapist_event(&ctx, AuditEvent::SecondFactorFailed, &pending.id)
                    .await?;
                return Err(AppError::CodeRejected);
            }
            throttle::clear(db, Scope::Email, &therapist_key).await?;

            let token =
                session::rotate(db, &pending.token, &pending.session, Stage::Full, timeouts(state))
                    .await?;
            ctx.set_session_cookie(&token);
            if used_recovery_code {
                audit::record_therapist_event(&ctx, AuditEvent::RecoveryCodeUsed, &pending.id)
                    .await?;
            }
            audit::record_therapist_event(&ctx, AuditEvent::SignIn, &pending.id).await?;
            leptos_axum::redirect("/families");
            Ok(())
        }
        .await,
    )
}
