use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

/// What a participant's welcome page shows: only about them and their exercise.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Welcome {
    pub participant_name: String,
    pub therapist_name: String,
    pub template_title: String,
    pub focus: Option<String>,
    pub due_date: Option<String>,
    pub access: crate::answer::AnswerAccess,
    /// Where "Continue" leads: the first section with an unanswered question, or
    /// the last page when all are answered.
    pub resume_path: String,
}

/// The signed-in participant's welcome. Participants only.
#[server(prefix = "/api", endpoint = "participant_welcome")]
pub async fn participant_welcome() -> Result<Welcome, AppError> {
    use crate::{
        answer::context::ParticipantContext,
        auth::policy,
        ctx::Ctx,
        exercise::{DueDate, Focus},
        family::store::find_family,
        therapist::store::find_therapist,
    };

    let ctx = Ctx::current()?;
    ctx.respond(
        async {
            let access = policy::participant_seat(&ctx).await?;
            let db = ctx.db();
            let context = ParticipantContext::load(db, access).await?;
            let missing = || AppError::internal("participant's exercise is incomplete");
            let family = find_family(db, &context.exercise.family_id).await?.ok_or_else(missing)?;
            let therapist = find_therapist(db, &family.therapist_id).await?.ok_or_else(missing)?;
            let answers = context.answers(db).await?;
            let resume_path = context
                .sections()
                .iter()
                .position(|(_, asked)| {
                    asked.iter().any(|asked| {
                        !context.item(asked, &answers).answer.is_some_and(|a| a.is_answered())
                    })
                })
                .map_or_else(|| "/answers/review".to_owned(), |i| format!("/answers/{}", i + 1));
            Ok(Welcome {
                participant_name: context.me.display_name.as_str().to_owned(),
                therapist_name: therapist.display_name,
                template_title: context.template.title.clone(),
                focus: context.exercise.focus.as_ref().map(Focus::as_str).map(str::to_owned),
                due_date: context
                    .exercise
                    .due_date
                    .as_ref()
                    .map(DueDate::as_str)
                    .map(str::to_owned),
                access: context.answer_access(),
                resume_path,
            })
        }
        .await,
    )
}

/// Stops an invitation link working (and ends its sessions).
#[server(prefix = "/api", endpoint = "revoke_invitation")]
pub async fn revoke_invitation(invitation_id: String) -> Result<(), AppError> {
    use crate::{
        audit::{AuditEvent, store as audit},
        auth::policy,
        ctx::Ctx,
    };

    let ctx = Ctx::current()?;
    ctx.respond(
        async {
            let owned = policy::owned_invitation(&ctx, &invitation_id).await?;
            let therapist = owned.therapist();
            let db = ctx.db();
            super::store::revoke(db, &invitation_id).await?;
            audit::record_about(
                &ctx,
                AuditEvent::InvitationRevoked,
                &therapist.id,
                Some(&invitation_id),
            )
            .await?;
            Ok(())
        }
        .await,
    )
}

/// A new link for the same person; the old link stops working.
#[server(prefix = "/api", endpoint = "reissue_invitation")]
pub async fn reissue_invitation(invitation_id: String) -> Result<(), AppError> {
    use crate::{
        audit::{AuditEvent, store as audit},
        auth::policy,
        ctx::Ctx,
    };

    let ctx = Ctx::current()?;
    ctx.respond(
        async {
            let owned = policy::owned_invitation(&ctx, &invitation_id).await?;
            let therapist = owned.therapist();
            let state = ctx.state();
            super::store::reissue(
                &state.db,
                &state.settings.secret_key,
                &invitation_id,
                state.settings.invitation_lifetime,
            )
            .await?;
            audit::record_about(
                &ctx,
                AuditEvent::InvitationIssued,
                &therapist.id,
                Some(&invitation_id),
            )
            .await?;
            Ok(())
        }
        .await,
    )
}
