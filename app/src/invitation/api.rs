use leptos::prelude::*;

use crate::error::AppError;

/// The signed-in participant's welcome. Participants only.
pub use super::model::Welcome;

#[server(prefix = "/api", endpoint = "participant_welcome")]
pub async fn participant_welcome() -> Result<Welcome, AppError> {
    use crate::{auth::policy, ctx::Ctx};

    let ctx = Ctx::current()?;
    ctx.respond(
        async {
            let access = policy::participant_seat(&ctx).await?;
            super::service::participant_welcome(&ctx, &access).await
        }
        .await,
    )
}

/// Stops an invitation link working (and ends its sessions).
#[server(prefix = "/api", endpoint = "revoke_invitation")]
pub async fn revoke_invitation(invitation_id: String) -> Result<(), AppError> {
    use crate::{auth::policy, ctx::Ctx};

    let ctx = Ctx::current()?;
    ctx.respond(
        async {
            let owned = policy::owned_invitation(&ctx, &invitation_id).await?;
            super::service::revoke_invitation(&ctx, &owned).await
        }
        .await,
    )
}

/// A new link for the same person; the old link stops working.
#[server(prefix = "/api", endpoint = "reissue_invitation")]
pub async fn reissue_invitation(invitation_id: String) -> Result<(), AppError> {
    use crate::{auth::policy, ctx::Ctx};

    let ctx = Ctx::current()?;
    ctx.respond(
        async {
            let owned = policy::owned_invitation(&ctx, &invitation_id).await?;
            super::service::reissue_invitation(&ctx, &owned).await
        }
        .await,
    )
}
