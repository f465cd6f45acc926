//! Exercise server functions (therapists, for their own families' exercises).

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::Exercise;
use crate::{error::AppError, family::Role};

/// One participant's invitation as the therapist sees it. Never the link itself:
/// that is shown only on request (`invitation::link_api`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationView {
    pub id: String,
    pub participant_name: String,
    pub role: Role,
    pub age_band: crate::family::AgeBand,
    pub expires_at_ms: i64,
    pub revoked: bool,
    pub expired: bool,
    /// Locked after too many wrong passcodes.
    pub locked: bool,
    pub passcode_chosen: bool,
    /// Devices that opened the link and may open it again without the passcode.
    pub devices: i64,
    pub last_opened_ms: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExerciseDetail {
    pub exercise: Exercise,
    pub family_name: String,
    pub template_title: String,
    pub template_version: u32,
    pub invitations: Vec<InvitationView>,
}

/// Starts an exercise for a family from a template version. The family must have
/// exactly one person in recovery and at least one family member. Everyone gets an
/// invitation.
#[server(prefix = "/api", endpoint = "create_exercise")]
pub async fn create_exercise(
    family_id: String,
    template_id: String,
    focus: String,
    due_date: String,
) -> Result<(), AppError> {
    use crate::{
        auth::policy, ctx::Ctx, family::store::participants_of_family,
        invitation::store as invitations, template::store as templates,
    };

    let ctx = Ctx::current()?;
    ctx.respond(
        async {
            let owned = policy::owned_family(&ctx, &family_id).await?;
            let therapist = owned.therapist();
            let state = ctx.state();
            let db = ctx.db();
            let focus = super::Focus::parse(&focus).map_err(AppError::Invalid)?;
            let due_date = super::DueDate::parse(&due_date).map_err(AppError::Invalid)?;
            let template = templates::find(db, &template_id).await?;
            let usable = template
                .as_ref()
                .is_some_and(|t| t.owner_id.is_none() || t.owner_id.as_deref() == Some(therapist.id.as_str()));
            if !usable {
                return Err(AppError::invalid("Please choose one of the templates in the list."));
            }
            let participants = participants_of_family(db, &family_id).await?;
            let in_recovery = participants.iter().filter(|p| p.role == Role::PersonInRecovery).count();
            let members = participants.iter().filter(|p| p.role == Role::FamilyMember).count();
            if in_recovery != 1 || members == 0 {
                return Err(AppError::invalid(format!(
                    "An exercise needs exactly one person in recovery and at least one family member. \
                     This family has {in_recovery} person(s) in recovery and {members} family member(s)."
                )));
            }
            let exercise =
                super::store::create(db, &family_id, &template_id, focus.as_ref(), due_date.as_ref()).await?;
            let ids: Vec<String> = participants.into_iter().map(|p| p.id).collect();
            invitations::ensure_for_exercise(
                db,
                &state.settings.secret_key,
                &exercise.id,
                &ids,
                state.settings.invitation_lifetime,
            )
            .await?;
            leptos_axum::redirect(&format!("/exercises/{}", exercise.id));
            Ok(())
        }
        .await,
    )
}

/// The exercise page: status, and each participant's invitation link and QR code.
#[server(prefix = "/api", endpoint = "get_exercise")]
pub async fn get_exercise(exercise_id: String) -> Result<ExerciseDetail, AppError> {
    use crate::{
        auth::policy,
        ctx::Ctx,
        family::store::participants_of_family,
        invitation::{devices, store as invitations},
        template::store as templates,
    };

    let ctx = Ctx::current()?;
    ctx.respond(
        async {
            let owned = policy::owned_exercise(&ctx, &exercise_id).await?;
            let db = ctx.db();
            let (exercise, family) = (owned.exercise().clone(), owned.family().clone());
            let family_id = family.id.clone();
            let template = templates::find(db, &exercise.template_id)
                .await?
                .ok_or_else(|| AppError::internal("exercise without its template"))?;
            // People added to the family after the exercise began get their link too.
            let participants = participants_of_family(db, &family_id).await?;
            let ids: Vec<String> = participants.iter().map(|p| p.id.clone()).collect();
            invitations::ensure_for_exercise(
                db,
                &ctx.settings().secret_key,
                &exercise_id,
                &ids,
                ctx.settings().invitation_lifetime,
            )
            .await?;
            let mut views = Vec::new();
            for invitation in invitations::of_exercise(db, &exercise_id).await? {
                let Some(participant) =
                    participants.iter().find(|p| p.id == invitation.participant_id)
                else {
                    continue;
                };
                let revoked = invitation.revoked_at_ms.is_some();
                let seen = devices::summary(db, &invitation.id).await?;
                views.push(InvitationView {
                    id: invitation.id.clone(),
                    participant_name: participant.display_name.as_str().to_owned(),
                    role: participant.role,
                    age_band: participant.age_band,
                    expires_at_ms: invitation.expires_at_ms,
                    revoked,
                    expired: !revoked && !invitation.is_live(),
                    locked: invitation.locked_at_ms.is_some(),
                    passcode_chosen: invitation.passcode_hash.is_some(),
                    devices: seen.count,
                    last_opened_ms: seen.last_opened_ms,
                });
            }
            Ok(ExerciseDetail {
                exercise,
                family_name: family.name.as_str().to_owned(),
                template_title: template.template.title,
                template_version: template.template.version,
                invitations: views,
            })
        }
        .await,
    )
}

/// Moves the exercise one step on: draft → open → in session → closed.
#[server(prefix = "/api", endpoint = "advance_exercise")]
pub async fn advance_exercise(exercise_id: String, to: String) -> Result<(), AppError> {
    use crate::{auth::policy, ctx::Ctx};

    let ctx = Ctx::current()?;
    ctx.respond(
        async {
            policy::owned_exercise(&ctx, &exercise_id).await?;
            let db = ctx.db();
            let exercise =
                super::store::find(db, &exercise_id).await?.ok_or(AppError::Forbidden)?;
            let to = super::ExerciseStatus::parse(&to).ok_or(AppError::BadRequest)?;
            if exercise.status.next() != Some(to) {
                return Err(AppError::invalid(format!(
                    "An exercise that is \"{}\" cannot become \"{}\".",
                    exercise.status.label(),
                    to.label()
                )));
            }
            if !super::store::advance(db, &exercise_id, exercise.status, to).await? {
                return Err(AppError::invalid(
                    "The exercise changed meanwhile. Please reload the page.",
                ));
            }
            // Participants' boards say whether the session is on.
            let change = crate::live::Change::new(&exercise_id, crate::live::ChangeKind::Board);
            crate::live::hub::publish(ctx.db(), &ctx.state().live, change).await;
            Ok(())
        }
        .await,
    )
}
