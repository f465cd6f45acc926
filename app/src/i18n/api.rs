use leptos::prelude::*;

use crate::error::AppError;

/// Changes the language of this device and of whoever is signed in on it (a
/// participant's language, a therapist's interface language). Public: a visitor
/// who is not signed in chooses for this device only. Nothing else changes, so
/// nothing written is lost; the page comes back in the new language.
#[server(prefix = "/api", endpoint = "set_language")]
pub async fn set_language(language: String) -> Result<(), AppError> {
    use crate::{
        auth::policy::{self, Actor},
        ctx::Ctx,
        i18n::{Language, language_cookie},
    };

    let ctx = Ctx::current()?;
    let done = async {
        let language = Language::from_code(&language)
            .ok_or_else(|| AppError::invalid("Please choose a language."))?;
        match policy::caller(&ctx).await? {
            Actor::Participant(signed_in) => {
                crate::family::store::set_participant_language(ctx.db(), &signed_in.id, language)
                    .await?;
            }
            Actor::Therapist(signed_in) => {
                crate::therapist::store::set_language(ctx.db(), &signed_in.id, language).await?;
            }
            // Someone part-way in (a passcode or a code still due) has not shown
            // they are that person yet: the choice stays with this device.
            Actor::ParticipantPending(_) | Actor::TherapistPending(_) | Actor::Anonymous => {}
        }
        ctx.set_cookie(&language_cookie(language, ctx.secure_attribute()));
        Ok(())
    };
    ctx.respond(done.await)
}
