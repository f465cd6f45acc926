use leptos::prelude::*;

use crate::{auth::Viewer, error::AppError};

/// Who the caller is. Public: anyone may ask who they are.
#[server(prefix = "/api", endpoint = "current_viewer")]
pub async fn current_viewer() -> Result<Viewer, AppError> {
    use crate::{
        auth::policy::{Actor, current_actor},
        error::respond,
    };

    respond(
        async {
            Ok(match current_actor().await? {
                Actor::Anonymous => Viewer::Anonymous,
                Actor::Participant(_) | Actor::ParticipantPending(_) => Viewer::Participant,
                Actor::Therapist(signed_in) => match therapist_view(&signed_in.id).await? {
                    Some(therapist) => Viewer::Therapist(therapist),
                    None => Viewer::Anonymous,
                },
                Actor::TherapistPending(pending) => {
                    use crate::auth::session::Stage;
                    match (pending.session.stage, therapist_view(&pending.id).await?) {
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
async fn therapist_view(id: &str) -> Result<Option<crate::auth::TherapistView>, AppError> {
    let record =
        crate::therapist::store::find_therapist(&crate::auth::request::app_state().db, id).await?;
    Ok(record.map(|r| crate::auth::TherapistView {
        display_name: r.display_name,
        email: r.email,
        two_factor_enabled: r.totp_secret.is_some(),
    }))
}
