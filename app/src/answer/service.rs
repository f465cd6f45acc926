//! What the participant's server functions do once the policy has handed them the
//! caller's seat and it has been loaded into a `ParticipantContext` (server only).
//! Everything here reaches only that participant's own answers.

use super::{
    AnswerAccess, AnswerKey, Review, ReviewSection, SectionPage, context::ParticipantContext,
};
use crate::{
    ctx::Ctx,
    error::AppError,
    family::AgeBand,
    live::{Change, ChangeKind},
    template::Visibility,
};

/// The caller's seat, checked by the policy, with their exercise, template and people.
pub async fn participant_context(ctx: &Ctx) -> Result<ParticipantContext, AppError> {
    let seat = crate::auth::policy::participant_seat(ctx).await?;
    ParticipantContext::load(ctx.db(), seat).await
}

/// Section `number` (1-based) with the answers so far; an unknown number is 404.
pub async fn section_page(
    ctx: &Ctx,
    context: &ParticipantContext,
    number: usize,
) -> Result<SectionPage, AppError> {
    let answers = context.answers(ctx.db()).await?;
    let sections = context.sections();
    let count = sections.len();
    let index = number.checked_sub(1).filter(|i| *i < count).ok_or(AppError::NotFound)?;
    let (section, asked) = &sections[index];
    let items = asked.iter().map(|asked| context.item(asked, &answers)).collect();
    let items = context.with_held(ctx.db(), items).await?;
    // Teens get "therapist only" as the default visibility (DESIGN.md, age bands).
    let teen_starts_private = context.me.age_band == AgeBand::Teen
        && items.iter().any(|item| {
            item.can_share && item.answer.is_none() && item.visibility == Visibility::TherapistOnly
        });
    Ok(SectionPage {
        teen_starts_private,
        number,
        count,
        title: section.title.clone(),
        why: section.why.clone(),
        items,
        access: context.answer_access(),
        draft_scope: format!("{}.{}", context.exercise.id, context.me.id),
        writer: crate::db::ids::new_id(),
    })
}

/// How much is answered, and which questions are still open, section by section.
pub async fn review(ctx: &Ctx, context: &ParticipantContext) -> Result<Review, AppError> {
    let answers = context.answers(ctx.db()).await?;
    let mut total = 0;
    let mut answered = 0;
    let sections = context
        .sections()
        .iter()
        .enumerate()
        .map(|(index, (section, asked))| {
            let unanswered: Vec<String> = asked
                .iter()
                .map(|asked| context.item(asked, &answers))
                .filter(|item| !item.answer.as_ref().is_some_and(|a| a.is_answered()))
                .map(|item| item.text)
                .collect();
            total += asked.len();
            answered += asked.len() - unanswered.len();
            ReviewSection { number: index + 1, title: section.title.clone(), unanswered }
        })
        .collect();
    Ok(Review { sections, answered, total, access: context.answer_access() })
}

/// Records that the participant read who sees what; the therapist's board hears of it
/// only when it changes what they see.
pub async fn start(ctx: &Ctx, context: &ParticipantContext) -> Result<(), AppError> {
    let state = ctx.state();
    if super::store::consent(&state.db, &context.exercise.id, &context.me.id).await? {
        publish_progress(ctx, context).await;
    }
    Ok(())
}

/// "I'm done" or "reopen": allowed only while answers are open (or done, to reopen).
/// Pressing "done" twice is not an error; reopening a closed exercise is.
pub async fn set_done(ctx: &Ctx, context: &ParticipantContext, done: bool) -> Result<(), AppError> {
    let access = context.answer_access();
    let allowed =
        matches!((access, done), (AnswerAccess::Open, true) | (AnswerAccess::Done, false));
    if allowed {
        if super::store::set_done(ctx.db(), &context.exercise.id, &context.me.id, done).await? {
            publish_progress(ctx, context).await;
        }
    } else if let (Some(why), false) =
        (access.explanation(context.me.language), access == AnswerAccess::Done)
    {
        return Err(AppError::invalid(why));
    }
    Ok(())
}

/// Forgets the text an answer replaced (`field` is the answer's form field name).
pub async fn dismiss_replaced(
    ctx: &Ctx,
    context: &ParticipantContext,
    field: &str,
) -> Result<(), AppError> {
    let key = AnswerKey::from_field_name(field).ok_or(AppError::BadRequest)?;
    super::store::dismiss_replaced(ctx.db(), &context.exercise.id, &context.me.id, &key).await?;
    Ok(())
}

async fn publish_progress(ctx: &Ctx, context: &ParticipantContext) {
    let state = ctx.state();
    let change = Change::new(&context.exercise.id, ChangeKind::Progress);
    crate::live::hub::publish(&state.db, &state.live, change).await;
}
