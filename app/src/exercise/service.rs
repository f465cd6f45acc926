//! What the exercise server functions do, after the policy's check (server only).

use super::model::{ExerciseDetail, InvitationView};
use crate::family::Role;
use crate::{
    auth::policy::{OwnedExercise, OwnedFamily},
    ctx::Ctx,
    error::AppError,
    ids::ParticipantId,
};

pub async fn get_exercise(ctx: &Ctx, owned: &OwnedExercise) -> Result<ExerciseDetail, AppError> {
    use crate::{
        family::store::participants_of_family,
        invitation::{devices, store as invitations},
        template::store as templates,
    };

    let db = ctx.db();
    let (exercise, family) = (owned.exercise().clone(), owned.family().clone());
    let family_id = family.id.clone();
    let template = templates::find(db, &exercise.template_id)
        .await?
        .ok_or_else(|| AppError::internal("exercise without its template"))?;
    // People added to the family after the exercise began get their link too.
    let participants = participants_of_family(db, &family_id).await?;
    let ids: Vec<ParticipantId> = participants.iter().map(|p| p.id.clone()).collect();
    invitations::ensure_for_exercise(
        db,
        ctx.secret_key(),
        owned.id(),
        &ids,
        ctx.settings().invitation_lifetime,
    )
    .await?;
    let mut views = Vec::new();
    for invitation in invitations::of_exercise(db, owned.id()).await? {
        let Some(participant) = participants.iter().find(|p| p.id == invitation.participant_id)
        else {
            continue;
        };
        let revoked = invitation.revoked_at_ms.is_some();
        let seen = devices::summary(db, &invitation.id).await?;
        views.push(InvitationView {
            id: invitation.id.to_string(),
            participant_name: participant.display_name.as_str().to_owned(),
            role: participant.role,
            age_band: participant.age_band,
            expires_at_ms: invitation.expires_at_ms,
            revoked,
            expired: !revoked && !invitation.is_live(),
            locked: invitation.locked_at_ms.is_some(),
            passcode_chosen: invitation.passcode_hash.is_some(),
            carried_on: invitation.link_id.is_some(),
            moved_on: invitation.moved_to.is_some(),
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

pub async fn create_exercise(
    ctx: &Ctx,
    owned: &OwnedFamily,
    template_id: String,
    focus: String,
    due_date: String,
) -> Result<(), AppError> {
    use crate::{
        family::store::participants_of_family, invitation::store as invitations,
        template::store as templates,
    };

    let therapist = owned.therapist();
    let state = ctx.state();
    let db = ctx.db();
    let focus = super::Focus::parse(&focus).map_err(AppError::Invalid)?;
    let due_date = super::DueDate::parse(&due_date).map_err(AppError::Invalid)?;
    let template = templates::find(db, &template_id)
        .await?
        .filter(|t| t.owner_id.is_none() || t.owner_id.as_ref() == Some(&therapist.id));
    let Some(template) = template else {
        return Err(AppError::invalid("Please choose one of the templates in the list."));
    };
    let participants = participants_of_family(db, owned.id()).await?;
    check_people(&participants)?;
    let exercise =
        super::store::create(db, owned.id(), &template.id, focus.as_ref(), due_date.as_ref())
            .await?;
    let ids: Vec<ParticipantId> = participants.into_iter().map(|p| p.id).collect();
    invitations::ensure_for_exercise(
        db,
        &state.secret_key,
        &exercise.id,
        &ids,
        state.settings.invitation_lifetime,
    )
    .await?;
    leptos_axum::redirect(&format!("/exercises/{}", exercise.id));
    Ok(())
}

/// An exercise needs exactly one person in recovery and at least one family member.
pub fn check_people(participants: &[crate::family::Participant]) -> Result<(), AppError> {
    let in_recovery = participants.iter().filter(|p| p.role == Role::PersonInRecovery).count();
    let members = participants.iter().filter(|p| p.role == Role::FamilyMember).count();
    if in_recovery != 1 || members == 0 {
        return Err(AppError::invalid(format!(
            "An exercise needs exactly one person in recovery and at least one family member. \
             This family has {in_recovery} person(s) in recovery and {members} family member(s)."
        )));
    }
    Ok(())
}

pub async fn advance_exercise(ctx: &Ctx, exercise_id: String, to: String) -> Result<(), AppError> {
    let db = ctx.db();
    let exercise = super::store::find(db, &exercise_id).await?.ok_or(AppError::Forbidden)?;
    let to = super::ExerciseStatus::parse(&to).ok_or(AppError::BadRequest)?;
    if exercise.status.next() != Some(to) {
        return Err(AppError::invalid(format!(
            "An exercise that is \"{}\" cannot become \"{}\".",
            exercise.status.label(),
            to.label()
        )));
    }
    if !super::store::advance(db, &exercise_id, exercise.status, to).await? {
        return Err(AppError::invalid("The exercise changed meanwhile. Please reload the page."));
    }
    // Participants' boards say whether the session is on.
    let change = crate::live::Change::new(&exercise_id, crate::live::ChangeKind::Board);
    crate::live::hub::publish(ctx.db(), &ctx.state().live, change).await;
    Ok(())
}
