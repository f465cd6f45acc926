//! Family and participant server functions (therapists, for their own families).

use leptos::prelude::*;

use crate::error::AppError;

/// The signed-in therapist's families, active first.
pub use super::model::{ExerciseSummary, FamilyDetail, FamilySummary, TemplateChoice};

#[server(prefix = "/api", endpoint = "list_families")]
pub async fn list_families() -> Result<Vec<FamilySummary>, AppError> {
    use crate::{auth::policy, ctx::Ctx};

    let ctx = Ctx::current()?;
    ctx.respond(
        async {
            let therapist = policy::therapist(&ctx).await?;
            super::service::list_families(&ctx, &therapist).await
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "create_family")]
pub async fn create_family(name: String) -> Result<(), AppError> {
    use crate::{auth::policy, ctx::Ctx};

    let ctx = Ctx::current()?;
    ctx.respond(
        async {
            let therapist = policy::therapist(&ctx).await?;
            let name = super::FamilyName::parse(&name).map_err(AppError::invalid)?;
            let family = super::store::create_family(ctx.db(), &therapist.id, &name).await?;
            leptos_axum::redirect(&format!("/families/{}", family.id));
            Ok(())
        }
        .await,
    )
}

/// Everything the family page shows.
#[server(prefix = "/api", endpoint = "get_family")]
pub async fn get_family(family_id: String) -> Result<FamilyDetail, AppError> {
    use crate::{auth::policy, ctx::Ctx};

    let ctx = Ctx::current()?;
    ctx.respond(
        async {
            let owned = policy::owned_family(&ctx, &family_id).await?;
            super::service::get_family(&ctx, &owned).await
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "rename_family")]
pub async fn rename_family(family_id: String, name: String) -> Result<(), AppError> {
    use crate::{auth::policy, ctx::Ctx};

    let ctx = Ctx::current()?;
    ctx.respond(
        async {
            policy::owned_family(&ctx, &family_id).await?;
            let name = super::FamilyName::parse(&name).map_err(AppError::invalid)?;
            super::store::rename_family(ctx.db(), &family_id, &name).await?;
            Ok(())
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "set_family_archived")]
pub async fn set_family_archived(family_id: String, archived: bool) -> Result<(), AppError> {
    use crate::{auth::policy, ctx::Ctx};

    let ctx = Ctx::current()?;
    ctx.respond(
        async {
            policy::owned_family(&ctx, &family_id).await?;
            super::store::set_family_archived(ctx.db(), &family_id, archived).await?;
            Ok(())
        }
        .await,
    )
}

/// Deletes the family with everything in it. The therapist types the family's name
/// to confirm, so a slip of the hand cannot do it.
#[server(prefix = "/api", endpoint = "delete_family")]
pub async fn delete_family(family_id: String, confirm_name: String) -> Result<(), AppError> {
    use crate::{auth::policy, ctx::Ctx};

    let ctx = Ctx::current()?;
    ctx.respond(
        async {
            let owned = policy::owned_family(&ctx, &family_id).await?;
            super::service::delete_family(&ctx, &owned, confirm_name).await
        }
        .await,
    )
}

#[cfg(feature = "ssr")]
fn participant_input(
    display_name: &str,
    role: &str,
    relationship: &str,
    age_band: &str,
    language: crate::i18n::Language,
) -> Result<super::store::NewParticipant, AppError> {
    use super::{AgeBand, ParticipantName, Relationship, Role};

    let display_name = ParticipantName::parse(display_name).map_err(AppError::invalid)?;
    let role = Role::parse(role).ok_or_else(|| AppError::invalid("Please choose a role."))?;
    let relationship = Relationship::parse(relationship)
        .ok_or_else(|| AppError::invalid("Please choose a relationship."))?;
    let age_band =
        AgeBand::parse(age_band).ok_or_else(|| AppError::invalid("Please choose an age group."))?;
    if (role == Role::PersonInRecovery) != (relationship == Relationship::Myself) {
        return Err(AppError::invalid(
            "The person in recovery's relationship is \"the person in recovery\"; a family member's is \
             how they are related to them.",
        ));
    }
    Ok(super::store::NewParticipant { display_name, role, relationship, age_band, language })
}

/// A language code from a form (`None` when the form left it out).
#[cfg(feature = "ssr")]
fn language_input(code: Option<&str>) -> Result<Option<crate::i18n::Language>, AppError> {
    code.map(|code| {
        crate::i18n::Language::from_code(code)
            .ok_or_else(|| AppError::invalid("Please choose a language."))
    })
    .transpose()
}

#[server(prefix = "/api", endpoint = "add_participant")]
pub async fn add_participant(
    family_id: String,
    display_name: String,
    role: String,
    relationship: String,
    age_band: String,
    /// Their language; left out, the therapist's own.
    #[server(default)]
    language: Option<String>,
) -> Result<(), AppError> {
    use crate::{auth::policy, ctx::Ctx};

    let ctx = Ctx::current()?;
    ctx.respond(
        async {
            let owned = policy::owned_family(&ctx, &family_id).await?;
            let language = match language_input(language.as_deref())? {
                Some(language) => language,
                None => {
                    crate::therapist::store::language_of(ctx.db(), &owned.therapist().id).await?
                }
            };
            let new = participant_input(&display_name, &role, &relationship, &age_band, language)?;
            super::store::add_participant(ctx.db(), &family_id, new).await?;
            Ok(())
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "update_participant")]
pub async fn update_participant(
    participant_id: String,
    display_name: String,
    role: String,
    relationship: String,
    age_band: String,
    /// Their language; left out, unchanged.
    #[server(default)]
    language: Option<String>,
) -> Result<(), AppError> {
    use crate::{auth::policy, ctx::Ctx};

    let ctx = Ctx::current()?;
    ctx.respond(
        async {
            let owned = policy::owned_participant(&ctx, &participant_id).await?;
            let language =
                language_input(language.as_deref())?.unwrap_or(owned.participant().language);
            let changes =
                participant_input(&display_name, &role, &relationship, &age_band, language)?;
            super::store::update_participant(ctx.db(), &participant_id, &changes).await?;
            Ok(())
        }
        .await,
    )
}

/// Removes a participant, with their invitations and answers.
#[server(prefix = "/api", endpoint = "remove_participant")]
pub async fn remove_participant(participant_id: String) -> Result<(), AppError> {
    use crate::{auth::policy, ctx::Ctx};

    let ctx = Ctx::current()?;
    ctx.respond(
        async {
            policy::owned_participant(&ctx, &participant_id).await?;
            super::store::remove_participant(ctx.db(), &participant_id).await?;
            Ok(())
        }
        .await,
    )
}
