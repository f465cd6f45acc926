//! The participant's server functions. Each one starts with the caller's seat from
//! `policy::participant_seat` (via `service::participant_context`) and reaches only
//! the caller's own answers in the one exercise their invitation belongs to: nothing
//! here reads another participant's answers or progress.

use leptos::{prelude::*, server_fn::codec::Json};

use super::{AnswerToSave, Review, Saved, SectionPage};
use crate::error::AppError;

/// Section `number` (1-based) of the caller's questions, with their answers so far.
#[server(prefix = "/api", endpoint = "answer_section")]
pub async fn answer_section(number: usize) -> Result<SectionPage, AppError> {
    use super::service;

    let ctx = crate::ctx::Ctx::current()?;
    ctx.respond(
        async {
            service::section_page(&ctx, &service::participant_context(&ctx).await?, number).await
        }
        .await,
    )
}

/// Saves one answer (autosave). JSON in, so the answer's shape stays typed.
#[server(prefix = "/api", endpoint = "save_answer", input = Json)]
pub async fn save_answer(answer: AnswerToSave) -> Result<Saved, AppError> {
    let ctx = crate::ctx::Ctx::current()?;
    ctx.respond(
        async { super::service::participant_context(&ctx).await?.save(ctx.state(), answer).await }
            .await,
    )
}

/// The last page: how much is answered and which questions are still open.
#[server(prefix = "/api", endpoint = "answers_review")]
pub async fn answers_review() -> Result<Review, AppError> {
    use super::service;

    let ctx = crate::ctx::Ctx::current()?;
    ctx.respond(
        async { service::review(&ctx, &service::participant_context(&ctx).await?).await }.await,
    )
}

/// "Start": the participant has read who sees what, and begins.
#[server(prefix = "/api", endpoint = "start_answering")]
pub async fn start_answering() -> Result<(), AppError> {
    use super::service;

    let ctx = crate::ctx::Ctx::current()?;
    let started = async { service::start(&ctx, &service::participant_context(&ctx).await?).await };
    ctx.respond(started.await.map(|()| leptos_axum::redirect("/answers/1")))
}

/// "I'm done" (`done = true`) or "reopen my answers" (`done = false`); both only
/// while the exercise is open for answers.
#[server(prefix = "/api", endpoint = "set_answers_done")]
pub async fn set_answers_done(done: bool) -> Result<(), AppError> {
    use super::service;

    let ctx = crate::ctx::Ctx::current()?;
    let set =
        async { service::set_done(&ctx, &service::participant_context(&ctx).await?, done).await };
    ctx.respond(set.await.map(|()| leptos_axum::redirect("/answers/review")))
}

/// Forgets the text an answer replaced, once its author has copied what they need.
#[server(prefix = "/api", endpoint = "dismiss_replaced")]
pub async fn dismiss_replaced(field: String) -> Result<(), AppError> {
    use super::service;

    let ctx = crate::ctx::Ctx::current()?;
    ctx.respond(
        async {
            let context = service::participant_context(&ctx).await?;
            service::dismiss_replaced(&ctx, &context, &field).await
        }
        .await,
    )
}
