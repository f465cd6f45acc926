//! Family and participant server functions (therapists, for their own families).

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::{Family, Participant};
use crate::{error::AppError, exercise::ExerciseStatus};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FamilySummary {
    pub id: String,
    pub name: String,
    pub archived: bool,
    pub participants: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExerciseSummary {
    pub id: String,
    pub template_title: String,
    pub template_version: u32,
    pub status: ExerciseStatus,
    pub focus: Option<String>,
    pub due_date: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateChoice {
    pub id: String,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FamilyDetail {
    pub family: Family,
    pub participants: Vec<Participant>,
    pub exercises: Vec<ExerciseSummary>,
    pub templates: Vec<TemplateChoice>,
}

/// The signed-in therapist's families, active first.
#[server(prefix = "/api", endpoint = "list_families")]
pub async fn list_families() -> Result<Vec<FamilySummary>, AppError> {
    use crate::{auth::policy, ctx::Ctx};

    let ctx = Ctx::current()?;
    ctx.respond(
        async {
            let therapist = policy::therapist(&ctx).await?;
            let db = ctx.db();
            let mut summaries = Vec::new();
            for family in super::store::families_of_therapist(db, &therapist.id).await? {
                let participants =
                    super::store::participants_of_family(db, &family.id).await?.len();
                summaries.push(FamilySummary {
                    id: family.id,
                    name: family.name.as_str().to_owned(),
                    archived: family.archived_at_ms.is_some(),
                    participants,
                });
            }
            summaries.sort_by_key(|f| f.archived);
            Ok(summaries)
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
    use crate::{
        auth::policy, ctx::Ctx, exercise::store as exercises, template::store as templates,
    };

    let ctx = Ctx::current()?;
    ctx.respond(
        async {
            let owned = policy::owned_family(&ctx, &family_id).await?;
            let (therapist, family) = (owned.therapist(), owned.family().clone());
            let db = ctx.db();
            let participants = super::store::participants_of_family(db, &family_id).await?;
            let mut summaries = Vec::new();
            for exercise in exercises::of_family(db, &family_id).await? {
                let template = templates::find(db, &exercise.template_id).await?;
                summaries.push(ExerciseSummary {
                    id: exercise.id,
                    template_title: template
                        .as_ref()
                        .map(|t| t.template.title.clone())
                        .unwrap_or_default(),
                    template_version: template.map_or(0, |t| t.template.version),
                    status: exercise.status,
                    focus: exercise.focus.map(|f| f.as_str().to_owned()),
                    due_date: exercise.due_date.map(|d| d.as_str().to_owned()),
                });
            }
            let choices = templates::available_to(db, &therapist.id)
                .await?
                .into_iter()
                .map(|t| TemplateChoice {
                    id: t.id,
                    label: format!(
                        "{} (version {}{})",
                        t.title,
                        t.version,
                        if t.builtin { ", built in" } else { "" }
                    ),
                })
                .collect();
            Ok(FamilyDetail { family, participants, exercises: summaries, templates: choices })
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
    use crate::{
        audit::{AuditEvent, store as audit},
        auth::policy,
        ctx::Ctx,
    };

    let ctx = Ctx::current()?;
    ctx.respond(
        async {
            let owned = policy::owned_family(&ctx, &family_id).await?;
            let (therapist, family) = (owned.therapist(), owned.family().clone());
            let db = ctx.db();
            if confirm_name.trim() != family.name.as_str() {
                return Err(AppError::invalid(
                    "To delete, type the family's name exactly as it is shown.",
                ));
            }
            super::store::delete_family(db, &family_id).await?;
            audit::record_about(&ctx, AuditEvent::FamilyDeleted, &therapist.id, Some(&family_id))
                .await?;
            leptos_axum::redirect("/families?deleted=1");
            Ok(())
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
    Ok(super::store::NewParticipant { display_name, role, relationship, age_band })
}

#[server(prefix = "/api", endpoint = "add_participant")]
pub async fn add_participant(
    family_id: String,
    display_name: String,
    role: String,
    relationship: String,
    age_band: String,
) -> Result<(), AppError> {
    use crate::{auth::policy, ctx::Ctx};

    let ctx = Ctx::current()?;
    ctx.respond(
        async {
            policy::owned_family(&ctx, &family_id).await?;
            let new = participant_input(&display_name, &role, &relationship, &age_band)?;
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
) -> Result<(), AppError> {
    use crate::{auth::policy, ctx::Ctx};

    let ctx = Ctx::current()?;
    ctx.respond(
        async {
            policy::owned_participant(&ctx, &participant_id).await?;
            let changes = participant_input(&display_name, &role, &relationship, &age_band)?;
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
