//! The therapist's side of a link: shown only on request, one at a time, and its
//! devices signed out. The exercise page itself carries no link, so a photo of a
//! shared screen opens nobody's answers.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

/// One person's link, as shown when the therapist asks for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationLinkView {
    pub invitation_id: String,
    pub exercise_id: String,
    pub participant_name: String,
    pub link: String,
    pub qr_svg: String,
}

/// The link and QR code of one invitation (audited). The invitation's therapist only.
#[server(prefix = "/api", endpoint = "invitation_link")]
pub async fn invitation_link(invitation_id: String) -> Result<InvitationLinkView, AppError> {
    use crate::{
        audit::{AuditEvent, store as audit},
        auth::{policy, totp::qr_svg},
        ctx::Ctx,
        family::store::find_participant,
    };

    let ctx = Ctx::current()?;
    ctx.respond(
        async {
            let owned = policy::owned_invitation(&ctx, &invitation_id).await?;
            let therapist = owned.therapist();
            let state = ctx.state();
            let db = ctx.db();
            let invitation = owned.invitation().clone();
            if invitation.revoked_at_ms.is_some() {
                return Err(AppError::invalid(
                    "This link was stopped. Make a new link to give this person a way in.",
                ));
            }
            let participant = find_participant(db, &invitation.participant_id)
                .await?
                .ok_or(AppError::NotFound)?;
            let link = format!(
                "{}/j/{}",
                state.settings.public_url,
                invitation.token(&state.settings.secret_key)
            );
            let qr_svg = qr_svg(&link).ok_or_else(|| AppError::internal("QR code"))?;
            audit::record_about(
                &ctx,
                AuditEvent::InvitationShown,
                &therapist.id,
                Some(&invitation.id),
            )
            .await?;
            Ok(InvitationLinkView {
                invitation_id: invitation.id,
                exercise_id: invitation.exercise_id,
                participant_name: participant.display_name.as_str().to_owned(),
                link,
                qr_svg,
            })
        }
        .await,
    )
}

/// Ends every visit opened with the link and forgets its devices: each needs the
/// passcode again. The link and passcode stay as they are.
#[server(prefix = "/api", endpoint = "sign_out_devices")]
pub async fn sign_out_devices(invitation_id: String) -> Result<(), AppError> {
    use crate::{
        audit::{AuditEvent, store as audit},
        auth::{policy, session},
        ctx::Ctx,
    };

    let ctx = Ctx::current()?;
    ctx.respond(
        async {
            let owned = policy::owned_invitation(&ctx, &invitation_id).await?;
            let therapist = owned.therapist();
            let db = ctx.db();
            super::devices::forget_all(db, &invitation_id).await?;
            session::delete_all_of_invitation(db, &invitation_id).await?;
            audit::record_about(
                &ctx,
                AuditEvent::DevicesSignedOut,
                &therapist.id,
                Some(&invitation_id),
            )
            .await?;
            Ok(())
        }
        .await,
    )
}
