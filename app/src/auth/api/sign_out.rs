use leptos::prelude::*;

use crate::error::AppError;

/// Ends this session on the server and clears the cookie.
#[server(prefix = "/api", endpoint = "sign_out")]
pub async fn sign_out() -> Result<(), AppError> {
    use crate::{
        audit::{AuditEvent, store as audit},
        auth::{policy, session},
        ctx::Ctx,
    };

    let ctx = Ctx::current()?;
    ctx.respond(
        async {
            let signed_in = policy::any_session(&ctx).await?;
            let db = ctx.db();
            session::delete(db, &signed_in.token).await?;
            ctx.clear_session_cookie();
            if let Some(id) = signed_in.therapist_id() {
                audit::record_therapist_event(&ctx, AuditEvent::SignOut, id).await?;
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
        auth::{policy, session},
        ctx::Ctx,
    };

    let ctx = Ctx::current()?;
    ctx.respond(
        async {
            let therapist = policy::therapist(&ctx).await?;
            let db = ctx.db();
            session::delete_all_of_therapist(db, &therapist.id).await?;
            ctx.clear_session_cookie();
            audit::record_therapist_event(&ctx, AuditEvent::SignOutEverywhere, &therapist.id)
                .await?;
            leptos_axum::redirect("/signed-out");
            Ok(())
        }
        .await,
    )
}
