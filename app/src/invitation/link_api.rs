//! The therapist's side of a link: shown only on request, one at a time, and its
//! devices signed out. The exercise page itself carries no link, so a photo of a
//! shared screen opens nobody's answers.

use leptos::prelude::*;

use crate::error::AppError;

/// The link and QR code of one invitation (audited). The invitation's therapist only.
pub use super::model::InvitationLinkView;

#[server(prefix = "/api", endpoint = "invitation_link")]
pub async fn invitation_link(invitation_id: String) -> Result<InvitationLinkView, AppError> {
    use crate::{auth::policy, ctx::Ctx};

    let ctx = Ctx::current()?;
    ctx.respond(
        async {
            let owned = policy::owned_invitation(&ctx, &invitation_id).await?;
            super::service::invitation_link(&ctx, &owned).await
        }
        .await,
    )
}

/// Ends every visit opened with the link and forgets its devices: each needs the
/// passcode again. The link and passcode stay as they are.
#[server(prefix = "/api", endpoint = "sign_out_devices")]
pub async fn sign_out_devices(invitation_id: String) -> Result<(), AppError> {
    use crate::{auth::policy, ctx::Ctx};

    let ctx = Ctx::current()?;
    ctx.respond(
        async {
            let owned = policy::owned_invitation(&ctx, &invitation_id).await?;
            super::service::sign_out_devices(&ctx, &owned).await
        }
        .await,
    )
}
