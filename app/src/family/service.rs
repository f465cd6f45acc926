//! What the family server functions do, after the policy's check (server only).

use super::model::{ExerciseSummary, FamilyDetail, FamilySummary, TemplateChoice};
use crate::{
    auth::policy::{OwnedFamily, SignedIn},
    ctx::Ctx,
    error::AppError,
    ids::TherapistId,
};

pub async fn list_families(
    ctx: &Ctx,
    therapist: &SignedIn<TherapistId>,
) -> Result<Vec<FamilySummary>, AppError> {
    let db = ctx.db();
    let mut summaries = Vec::new();
    for family in super::store::families_of_therapist(db, &therapist.id).await? {
        let participants = super::store::participants_of_family(db, &family.id).await?.len();
        summaries.push(FamilySummary {
            id: family.id.into(),
            name: family.name.as_str().to_owned(),
            archived: family.archived_at_ms.is_some(),
            participants,
        });
    }
    summaries.sort_by_key(|f| f.archived);
    Ok(summaries)
}

pub async fn get_family(ctx: &Ctx, owned: &OwnedFamily) -> Result<FamilyDetail, AppError> {
    use crate::{exercise::store as exercises, template::store as templates};

    let (therapist, family) = (owned.therapist(), owned.family().clone());
    let db = ctx.db();
    let participants = super::store::participants_of_family(db, owned.id()).await?;
    let mut summaries = Vec::new();
    let series = exercises::of_family(db, owned.id()).await?;
    let next = crate::series::service::next_offer(ctx, &series).await?;
    for exercise in series {
        let template = templates::find(db, &exercise.template_id).await?;
        summaries.push(ExerciseSummary {
            id: exercise.id.into(),
            template_title: template.as_ref().map(|t| t.template.title.clone()).unwrap_or_default(),
            template_version: template.map_or(0, |t| t.template.version),
            status: exercise.status,
            focus: exercise.focus.map(|f| f.as_str().to_owned()),
            due_date: exercise.due_date.map(|d| d.as_str().to_owned()),
            created_ms: exercise.created_at_ms,
            opened_ms: exercise.opened_at_ms,
            session_ms: exercise.session_at_ms,
            closed_ms: exercise.closed_at_ms,
        });
    }
    let choices = templates::available_to(db, &therapist.id)
        .await?
        .into_iter()
        .map(|t| TemplateChoice {
            id: t.id.into(),
            label: format!(
                "{} (version {}{})",
                t.title,
                t.version,
                if t.builtin { ", built in" } else { "" }
            ),
        })
        .collect();
    Ok(FamilyDetail { family, participants, exercises: summaries, templates: choices, next })
}

pub async fn delete_family(
    ctx: &Ctx,
    owned: &OwnedFamily,
    confirm_name: String,
) -> Result<(), AppError> {
    use crate::audit::{AuditEvent, store as audit};

    let (therapist, family) = (owned.therapist(), owned.family().clone());
    let db = ctx.db();
    if confirm_name.trim() != family.name.as_str() {
        return Err(AppError::invalid("To delete, type the family's name exactly as it is shown."));
    }
    super::store::delete_family(db, owned.id()).await?;
    audit::record_about(ctx, AuditEvent::FamilyDeleted, &therapist.id, Some(owned.id())).await?;
    leptos_axum::redirect("/families?deleted=1");
    Ok(())
}
