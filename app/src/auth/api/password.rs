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
            password::{PasswordProblem, check_new_password, hash_password, verify_password},
            policy::{require_therapist, timeouts},
            request::{app_state, set_session_cookie},
            session::{self, Holder, Stage},
        },
        error::respond,
        therapist::store::{find_therapist, set_password_hash},
    };

    respond(
        async {
            let signed_in = require_therapist().await?;
            let state = app_state();
            let db = &state.db;
            let Some(therapist) = find_therapist(db, &signed_in.id).await? else {
                return Err(AppError::Unauthenticated);
            };
            if !verify_password(&current_password, &therapist.password_hash) {
                return Err(AppError::invalid("Your current password is not right."));
            }
            if new_password != confirm_password {
                return Err(AppError::invalid(PasswordProblem::Mismatch));
            }
            check_new_password(&new_password, &[&therapist.email, &therapist.display_name])
                .map_err(AppError::invalid)?;
            let hash = hash_password(&new_password).map_err(AppError::internal)?;
            set_password_hash(db, &therapist.id, &hash).await?;

            session::delete_all_of_therapist(db, &therapist.id).await?;
            let holder = Holder::Therapist(therapist.id.clone());
            let token = session::create(db, &holder, Stage::Full, timeouts(&state)).await?;
            set_session_cookie(&token);
            audit::record_therapist_event(db, AuditEvent::PasswordChanged, &therapist.id).await?;
            leptos_axum::redirect("/account?changed=password");
            Ok(())
        }
        .await,
    )
}
