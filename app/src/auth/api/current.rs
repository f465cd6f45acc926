use leptos::prelude::*;

use crate::{auth::Viewer, error::AppError};

/// Who the caller is. Public: anyone may ask who they are.
#[server(prefix = "/api", endpoint = "current_viewer")]
pub async fn current_viewer() -> Result<Viewer, AppError> {
    use crate::{
        auth::policy::{self, Actor},
        ctx::Ctx,
    };

    let ctx = Ctx::current()?;
    ctx.respond(
        async {
            Ok(match policy::caller(&ctx).await? {
                Actor::Anonymous => Viewer::Anonymous,
                Actor::Participant(_) | Actor::ParticipantPending(_) => Viewer::Participant,
                Actor::Therapist(signed_in) => match therapist_view(&ctx, &signed_in.id).await? {
                    Some(therapist) => Viewer::Therapist(therapist),
                    None => Viewer::Anonymous,
                },
                Actor::TherapistPending(pending) => {
                    use crate::auth::session::Stage;
                    match (pending.stage(), therapist_view(&ctx, &pending.id).await?) {
                        (Stage::EnrolSecondFactor, Some(therapist)) => {
                            Viewer::MustEnrolSecondFactor(therapist)
                        }
                        (_, _) => Viewer::AwaitingSecondFactor,
                    }
                }
            })
        }
        .await,
    )
}

#[cfg(feature = "ssr")]
async fn therapist_view(
    ctx: &crate::ctx::Ctx,
    id: &str,
) -> Result<Option<crate::auth::TherapistView>, AppError> {
    let record = crate::therapist::store::find_therapist(ctx.db(), id).await?;
    Ok(record.map(|r| crate::auth::TherapistView {
        display_name: r.display_name,
        email: r.email,
        two_factor_enabled: r.totp_secret.is_some(),
    }))
}
