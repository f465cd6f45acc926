//! The participant's server functions. Each one starts with `policy::participant_seat`
//! and reaches only the caller's own answers in the one exercise their invitation
//! belongs to: nothing here reads another participant's answers or progress.

use leptos::{prelude::*, server_fn::codec::Json};

use super::{AnswerToSave, Review, Saved, SectionPage};
use crate::error::AppError;

#[cfg(feature = "ssr")]
async fn participant_context(
    ctx: &crate::ctx::Ctx,
) -> Result<super::context::ParticipantContext, AppError> {
    let seat = crate::auth::policy::participant_seat(ctx).await?;
    super::context::ParticipantContext::load(ctx.db(), seat).await
}

/// Section `number` (1-based) of the caller's questions, with their answers so far.
#[server(prefix = "/api", endpoint = "answer_section")]
pub async fn answer_section(number: usize) -> Result<SectionPage, AppError> {
    use crate::{ctx::Ctx, db::ids::new_id};

    let ctx = Ctx::current()?;
    ctx.respond(
        async {
            let context = participant_context(&ctx).await?;
            let answers = context.answers(ctx.db()).await?;
            let sections = context.sections();
            let count = sections.len();
            let index = number.checked_sub(1).filter(|i| *i < count).ok_or(AppError::NotFound)?;
            let (section, asked) = &sections[index];
            let items = asked.iter().map(|asked| context.item(asked, &answers)).collect();
            let items = context.with_held(ctx.db(), items).await?;
            let teen_starts_private = context.me.age_band == crate::family::AgeBand::Teen
                && items.iter().any(|item| {
                    item.can_share
                        && item.answer.is_none()
                        && item.visibility == crate::template::Visibility::TherapistOnly
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
                writer: new_id(),
            })
        }
        .await,
    )
}

/// Saves one answer (autosave). JSON in, so the answer's shape stays typed.
#[server(prefix = "/api", endpoint = "save_answer", input = Json)]
pub async fn save_answer(answer: AnswerToSave) -> Result<Saved, AppError> {
    use crate::ctx::Ctx;

    let ctx = Ctx::current()?;
    ctx.respond(
        async {
            let context = participant_context(&ctx).await?;
            context.save(ctx.state(), answer).await
        }
        .await,
    )
}

/// The last page: how much is answered and which questions are still open.
#[server(prefix = "/api", endpoint = "answers_review")]
pub async fn answers_review() -> Result<Review, AppError> {
    use super::ReviewSection;
    use crate::ctx::Ctx;

    let ctx = Ctx::current()?;
    ctx.respond(
        async {
            let context = participant_context(&ctx).await?;
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
        .await,
    )
}

/// "Start": the participant has read who sees what, and begins.
#[server(prefix = "/api", endpoint = "start_answering")]
pub async fn start_answering() -> Result<(), AppError> {
    use crate::ctx::Ctx;

    let ctx = Ctx::current()?;
    ctx.respond(
        async {
            let context = participant_context(&ctx).await?;
            let state = ctx.state();
            // Published only when it changes what the therapist sees.
            if super::store::consent(&state.db, &context.exercise.id, &context.me.id).await? {
                let change = crate::live::Change::new(
                    &context.exercise.id,
                    crate::live::ChangeKind::Progress,
                );
                crate::live::hub::publish(&state.db, &state.live, change).await;
            }
            leptos_axum::redirect("/answers/1");
            Ok(())
        }
        .await,
    )
}

/// "I'm done" (`done = true`) or "reopen my answers" (`done = false`); both only
/// while the exercise is open for answers.
#[server(prefix = "/api", endpoint = "set_answers_done")]
pub async fn set_answers_done(done: bool) -> Result<(), AppError> {
    use super::AnswerAccess;
    use crate::ctx::Ctx;

    let ctx = Ctx::current()?;
    ctx.respond(
        async {
            let context = participant_context(&ctx).await?;
            let access = context.answer_access();
            let allowed =
                matches!((access, done), (AnswerAccess::Open, true) | (AnswerAccess::Done, false));
            if allowed {
                let state = ctx.state();
                if super::store::set_done(&state.db, &context.exercise.id, &context.me.id, done)
                    .await?
                {
                    let change = crate::live::Change::new(
                        &context.exercise.id,
                        crate::live::ChangeKind::Progress,
                    );
                    crate::live::hub::publish(&state.db, &state.live, change).await;
                }
            } else if let (Some(why), false) = (access.explanation(), access == AnswerAccess::Done)
            {
                return Err(AppError::invalid(why));
            }
            leptos_axum::redirect("/answers/review");
            Ok(())
        }
        .await,
    )
}

/// Forgets the text an answer replaced, once its author has copied what they need.
#[server(prefix = "/api", endpoint = "dismiss_replaced")]
pub async fn dismiss_replaced(field: String) -> Result<(), AppError> {
    use super::AnswerKey;
    use crate::ctx::Ctx;

    let ctx = Ctx::current()?;
    ctx.respond(
        async {
            let context = participant_context(&ctx).await?;
            let key = AnswerKey::from_field_name(&field).ok_or(AppError::BadRequest)?;
            super::store::dismiss_replaced(ctx.db(), &context.exercise.id, &context.me.id, &key)
                .await?;
            Ok(())
        }
        .await,
    )
}
