use leptos::prelude::*;

use crate::error::AppError;

/// Changes the signed-in therapist's password. Needs the current one. Every other
/// session of the account ends, and this one gets a new id.
#[server(prefix = "/api", endpoint = "change_password")]
pub async fn change_password(
    current_password: String,
    new_password: String,
    confirm_password: String,
) -> Result<(), AppError> {
    use crate::{
        audit::{AuditEvent, store as audit},
        auth::{
            password::{
                PasswordProblem, check_new_password, hash_password_off_workers,
                verify_password_off_workers,
            },
            policy::{self, timeouts},
            session::{self, Holder, Stage},
            throttle::{self, Scope},
        },
        ctx::Ctx,
        therapist::store::{find_therapist, set_password_hash},
    };

    let ctx = Ctx::current()?;
    ctx.respond(
        async {
            let signed_in = policy::therapist(&ctx).await?;
            let state = ctx.state();
            let db = ctx.db();
            let Some(therapist) = find_therapist(db, &signed_in.id).await? else {
                return Err(AppError::Unauthenticated);
            };
            // Re-checking the password is rate-limited like signing in: a session
            // left open must not become a way to guess it.
            let recheck =
                match throttle::take(db, Scope::Email, &recheck_key(&therapist.id)).await? {
                    Ok(taken) => taken,
                    Err(wait) => {
                        return Err(AppError::wait_for(wait));
                    }
                };
            if !verify_password_off_workers(&current_password, &therapist.password_hash).await? {
                return Err(AppError::invalid("Your current password is not right."));
            }
            throttle::succeeded(db, recheck).await?;
            if new_password != confirm_password {
                return Err(AppError::invalid(PasswordProblem::Mismatch));
            }
            check_new_password(&new_password, &[&therapist.email, &therapist.display_name])
                .map_err(AppError::invalid)?;
            let hash = hash_password_off_workers(&new_password).await?;
            set_password_hash(db, &therapist.id, &hash).await?;

            session::delete_all_of_therapist(db, &therapist.id).await?;
            let holder = Holder::Therapist(therapist.id.clone());
            let token = session::create(db, &holder, Stage::Full, timeouts(state)).await?;
            ctx.set_session_cookie(&token);
            audit::record_therapist_event(&ctx, AuditEvent::PasswordChanged, &therapist.id).await?;
            leptos_axum::redirect("/account?changed=password");
            Ok(())
        }
        .await,
    )
}

/// The throttle key for re-checking a signed-in therapist's password (changing it,
/// turning two-step off): its own count, apart from signing in.
#[cfg(feature = "ssr")]
pub(crate) fn recheck_key(therapist_id: &str) -> String {
    format!("recheck:{therapist_id}")
}
