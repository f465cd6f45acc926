use leptos::prelude::*;

use crate::error::AppError;

/// Ends this session on the server and clears the cookie.
#[server(prefix = "/api", endpoint = "sign_out")]
pub async fn sign_out() -> Result<(), AppError> {
    use crate::{
        audit::{AuditEvent, store as audit},
        auth::{
            policy::require_any_session,
            request::{app_state, clear_session_cookie},
            session::{self, Holder},
        },
        error::respond,
    };

    respond(
        async {
            let signed_in = require_any_session().await?;
            let db = &app_state().db;
            session::delete(db, &signed_in.token).await?;
            clear_session_cookie();
            if let Holder::Therapist(id) = &signed_in.session.holder {
                audit::record_therapist_event(db, AuditEvent::SignOut, id).await?;
            }
            leptos_axum::redirect("/signed-out");
            Ok(())
        }
        .await,
    )
}

/// Ends every session of the signed-in therapist, on every device.
#[server(prefix = "/api", endpoint = "sign_out_everywhere")]
pub async fn sign_out_everywhere() -> Result<(), AppError> {
    use crate::{
        audit::{AuditEvent, store as audit},
        auth::{
            policy::require_therapist,
            request::{app_state, clear_session_cookie},
            session,
        },
        error::respond,
    };

    respond(
        async {
            let therapist = require_therapist().await?;
            let db = &app_state().db;
            session::delete_all_of_therapist(db, &therapist.id).await?;
            clear_session_cookie();
            audit::record_therapist_event(db, AuditEvent::SignOutEverywhere, &therapist.id).await?;
            leptos_axum::redirect("/signed-out");
            Ok(())
        }
        .await,
    )
}
