//! Session board server functions. Each checks who is calling: the exercise's
//! therapist for everything; a participant only for their own board and for rating
//! guesses about themselves.

use leptos::prelude::*;

use super::model::{Board, DashboardFamily};
use crate::error::AppError;

/// The therapist's board: every answer (for preparing and for the session). Each
/// call is recorded as a read in the audit trail.
#[server(prefix = "/api", endpoint = "therapist_board")]
pub async fn therapist_board(exercise_id: String) -> Result<Board, AppError> {
    use crate::{audit::AuditEvent, ctx::Ctx};
    let ctx = Ctx::current()?;
    ctx.respond(super::service::audited_board(&ctx, &exercise_id, AuditEvent::AnswersRead).await)
}

/// The printable summary's content (the therapist's board); recorded in the audit
/// trail.
#[server(prefix = "/api", endpoint = "exercise_summary")]
pub async fn exercise_summary(exercise_id: String) -> Result<Board, AppError> {
    use crate::{audit::AuditEvent, ctx::Ctx};
    let ctx = Ctx::current()?;
    ctx.respond(super::service::audited_board(&ctx, &exercise_id, AuditEvent::SummaryViewed).await)
}

/// Presenter mode: only revealed sections and shared answers; never notes, flags or
/// therapist-only answers.
#[server(prefix = "/api", endpoint = "presenter_board")]
pub async fn presenter_board(exercise_id: String) -> Result<Board, AppError> {
    use super::model::Audience;
    use crate::ctx::Ctx;
    let ctx = Ctx::current()?;
    ctx.respond(
        async {
            let (_, data) = super::service::owned(&ctx, &exercise_id).await?;
            Ok(data.board(Audience::Presenter))
        }
        .await,
    )
}

/// A participant's board: what the therapist has revealed of their exercise.
#[server(prefix = "/api", endpoint = "participant_board")]
pub async fn participant_board() -> Result<Board, AppError> {
    use crate::{auth::policy, ctx::Ctx};
    let ctx = Ctx::current()?;
    ctx.respond(
        async {
            let seat = policy::participant_seat(&ctx).await?;
            super::view::participant_board(ctx.db(), &seat).await
        }
        .await,
    )
}

/// Reveals (`revealed = true`) or hides a section, during the session only. A
/// reveal is refused while someone's "Do you feel safe at home?" flag waits for the
/// therapist's acknowledgement.
#[server(prefix = "/api", endpoint = "set_section_revealed")]
pub async fn set_section_revealed(
    exercise_id: String,
    section_key: String,
    revealed: bool,
) -> Result<(), AppError> {
    let ctx = crate::ctx::Ctx::current()?;
    ctx.respond(
        super::service::set_section_revealed(&ctx, exercise_id, section_key, revealed).await,
    )
}

/// Marks a pair row as discussed, or not.
#[server(prefix = "/api", endpoint = "set_pair_discussed")]
pub async fn set_pair_discussed(
    exercise_id: String,
    pair_key: String,
    subject_id: String,
    discussed: bool,
) -> Result<(), AppError> {
    let ctx = crate::ctx::Ctx::current()?;
    ctx.respond(
        super::service::set_pair_discussed(&ctx, exercise_id, pair_key, subject_id, discussed)
            .await,
    )
}

/// How close the guesses about `subject_id` were, 0 "not close" to 4 "spot on":
/// given by that person on their own device (once the section is revealed) or
/// entered by the therapist.
#[server(prefix = "/api", endpoint = "rate_guess")]
pub async fn rate_guess(
    exercise_id: String,
    pair_key: String,
    subject_id: String,
    rating: u8,
) -> Result<(), AppError> {
    let ctx = crate::ctx::Ctx::current()?;
    ctx.respond(super::service::rate_guess(&ctx, exercise_id, pair_key, subject_id, rating).await)
}

/// Saves the therapist's private note on a section (`section:<key>`) or a pair row
/// (`pair:<pair key>:<participant id>`). An empty note is removed.
#[server(prefix = "/api", endpoint = "save_note")]
pub async fn save_note(exercise_id: String, target: String, body: String) -> Result<(), AppError> {
    let ctx = crate::ctx::Ctx::current()?;
    ctx.respond(super::service::save_note(&ctx, exercise_id, target, body).await)
}

/// Adds an agreed next step: who commits to what, by when (optional date).
#[server(prefix = "/api", endpoint = "add_next_step")]
pub async fn add_next_step(
    exercise_id: String,
    who_id: String,
    /// Whom the step is for; empty or left out: nobody in particular.
    #[server(default)]
    for_id: Option<String>,
    what: String,
    by_when: String,
) -> Result<(), AppError> {
    let ctx = crate::ctx::Ctx::current()?;
    let step = super::service::NewStep { who_id, for_id, what, by_when };
    ctx.respond(super::service::add_next_step(&ctx, exercise_id, step).await)
}

#[server(prefix = "/api", endpoint = "remove_next_step")]
pub async fn remove_next_step(exercise_id: String, step_id: String) -> Result<(), AppError> {
    use super::store;
    use crate::{ctx::Ctx, live::ChangeKind};
    let ctx = Ctx::current()?;
    ctx.respond(
        async {
            let (owned, _) = super::service::owned(&ctx, &exercise_id).await?;
            if store::remove_next_step(ctx.db(), owned.id(), &step_id).await? {
                super::service::publish_change(&ctx, &exercise_id, ChangeKind::Board).await;
            }
            Ok(())
        }
        .await,
    )
}

/// The therapist has read a check-in flag. Acknowledging a "not safe at home" flag
/// is what lets sections be revealed again.
#[server(prefix = "/api", endpoint = "acknowledge_flag")]
pub async fn acknowledge_flag(flag_id: String) -> Result<(), AppError> {
    let ctx = crate::ctx::Ctx::current()?;
    ctx.respond(super::service::acknowledge_flag(&ctx, flag_id).await)
}

/// The therapist's dashboard: every family, each exercise with each participant's
/// progress and the check-in flags.
#[server(prefix = "/api", endpoint = "dashboard")]
pub async fn dashboard() -> Result<Vec<DashboardFamily>, AppError> {
    use crate::{auth::policy, ctx::Ctx};
    let ctx = Ctx::current()?;
    ctx.respond(
        async {
            let therapist = policy::therapist(&ctx).await?;
            super::dashboard::load(ctx.db(), &therapist.id).await
        }
        .await,
    )
}
