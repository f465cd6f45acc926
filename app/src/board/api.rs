//! Session board server functions. Each checks who is calling: the exercise's
//! therapist for everything; a participant only for their own board and for rating
//! guesses about themselves.

use leptos::prelude::*;

use super::model::{Board, DashboardFamily};
use crate::error::AppError;

#[cfg(feature = "ssr")]
mod server {
    use super::super::{
        model::{Audience, Board},
        view::SessionData,
    };
    use crate::{
        audit::{AuditEvent, store::record_about},
        auth::policy::{self, OwnedExercise},
        ctx::Ctx,
        error::AppError,
        live::{Change, ChangeKind, hub::publish},
    };

    /// The owner's session data, after the ownership check.
    pub async fn owned(
        ctx: &Ctx,
        exercise_id: &str,
    ) -> Result<(OwnedExercise, SessionData), AppError> {
        let owned = policy::owned_exercise(ctx, exercise_id).await?;
        let data = SessionData::of_owned(ctx.db(), &owned).await?;
        Ok((owned, data))
    }

    /// The therapist's full board, with the read recorded in the audit trail.
    pub async fn audited_board(
        ctx: &Ctx,
        exercise_id: &str,
        event: AuditEvent,
    ) -> Result<Board, AppError> {
        let (owned, data) = owned(ctx, exercise_id).await?;
        record_about(ctx, event, &owned.therapist().id, Some(owned.id())).await?;
        Ok(data.board(Audience::Therapist))
    }

    pub async fn changed(ctx: &Ctx, exercise_id: &str, kind: ChangeKind) {
        publish(ctx.db(), &ctx.state().live, Change::new(exercise_id, kind)).await;
    }
}

/// The therapist's board: every answer (for preparing and for the session). Each
/// call is recorded as a read in the audit trail.
#[server(prefix = "/api", endpoint = "therapist_board")]
pub async fn therapist_board(exercise_id: String) -> Result<Board, AppError> {
    use crate::{audit::AuditEvent, ctx::Ctx};
    let ctx = Ctx::current()?;
    ctx.respond(server::audited_board(&ctx, &exercise_id, AuditEvent::AnswersRead).await)
}

/// The printable summary's content (the therapist's board); recorded in the audit
/// trail.
#[server(prefix = "/api", endpoint = "exercise_summary")]
pub async fn exercise_summary(exercise_id: String) -> Result<Board, AppError> {
    use crate::{audit::AuditEvent, ctx::Ctx};
    let ctx = Ctx::current()?;
    ctx.respond(server::audited_board(&ctx, &exercise_id, AuditEvent::SummaryViewed).await)
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
            let (_, data) = server::owned(&ctx, &exercise_id).await?;
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
    use super::{build::flag_views, model::flags_block_reveal, store};
    use crate::{
        audit::{AuditEvent, store::record_about},
        ctx::Ctx,
        exercise::ExerciseStatus,
        live::ChangeKind,
    };
    let ctx = Ctx::current()?;
    ctx.respond(
        async {
            let (owned, data) = server::owned(&ctx, &exercise_id).await?;
            let therapist = owned.therapist();
            let section = data
                .template
                .sections
                .iter()
                .find(|s| s.key == section_key)
                .ok_or(AppError::BadRequest)?;
            if let Some(never) =
                super::build::never_shown(section, &data.people).filter(|_| revealed)
            {
                return Err(AppError::invalid(never.explanation()));
            }
            if data.exercise.status != ExerciseStatus::InSession {
                return Err(AppError::invalid(
                    "Start the session first. Starting it stops answers from changing.",
                ));
            }
            let flags = flag_views(&data.template, &data.people, &data.flags, None);
            if revealed && flags_block_reveal(&flags) {
                return Err(AppError::invalid(
                    "Someone said they may not feel safe at home. Please read their check-in \
                     and acknowledge it before revealing anything.",
                ));
            }
            let changed =
                store::set_revealed(ctx.db(), &exercise_id, &section_key, &therapist.id, revealed)
                    .await?;
            if changed {
                let event =
                    if revealed { AuditEvent::SectionRevealed } else { AuditEvent::SectionHidden };
                record_about(&ctx, event, &therapist.id, Some(&exercise_id)).await?;
                server::changed(&ctx, &exercise_id, ChangeKind::Board).await;
            }
            Ok(())
        }
        .await,
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
    use super::{model::Audience, store};
    use crate::{ctx::Ctx, live::ChangeKind};
    let ctx = Ctx::current()?;
    ctx.respond(
        async {
            let (_, data) = server::owned(&ctx, &exercise_id).await?;
            let board = data.board(Audience::Therapist);
            if find_row(&board, &pair_key, &subject_id).is_none() {
                return Err(AppError::BadRequest);
            }
            store::set_discussed(ctx.db(), &exercise_id, &pair_key, &subject_id, discussed).await?;
            server::changed(&ctx, &exercise_id, ChangeKind::Discussion).await;
            Ok(())
        }
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
    use super::{model::Audience, store, view::SessionData};
    use crate::{
        auth::policy::{self, Actor},
        ctx::Ctx,
        live::ChangeKind,
    };
    let ctx = Ctx::current()?;
    ctx.respond(
        async {
            let (audience, by_therapist) = match policy::caller(&ctx).await? {
                Actor::Participant(_) => {
                    let seat = policy::participant_seat(&ctx).await?;
                    if seat.exercise_id() != exercise_id {
                        return Err(AppError::Forbidden);
                    }
                    let participant_id = seat.participant_id().to_owned();
                    (Audience::Participant { participant_id }, false)
                }
                _ => {
                    policy::owned_exercise(&ctx, &exercise_id).await?;
                    (Audience::Therapist, true)
                }
            };
            if rating > 4 {
                return Err(AppError::BadRequest);
            }
            let data = SessionData::load(ctx.db(), &exercise_id).await?;
            let board = data.board(audience);
            let may_rate = find_row(&board, &pair_key, &subject_id).is_some_and(|row| row.may_rate);
            if !may_rate {
                return Err(AppError::invalid(
                    "This can be rated only during the session, once its part has been shown.",
                ));
            }
            store::set_closeness(
                ctx.db(),
                &exercise_id,
                &pair_key,
                &subject_id,
                rating,
                by_therapist,
            )
            .await?;
            server::changed(&ctx, &exercise_id, ChangeKind::Discussion).await;
            Ok(())
        }
        .await,
    )
}

/// Saves the therapist's private note on a section (`section:<key>`) or a pair row
/// (`pair:<pair key>:<participant id>`). An empty note is removed.
#[server(prefix = "/api", endpoint = "save_note")]
pub async fn save_note(exercise_id: String, target: String, body: String) -> Result<(), AppError> {
    use super::{
        model::{Audience, NOTE_MAX_CHARS, pair_note_target, section_note_target},
        store,
    };
    use crate::{answer::normalise_line_breaks, ctx::Ctx};
    let ctx = Ctx::current()?;
    ctx.respond(
        async {
            let (_, data) = server::owned(&ctx, &exercise_id).await?;
            let board = data.board(Audience::Therapist);
            let known = board.sections.iter().any(|section| {
                target == section_note_target(&section.key)
                    || section.perspectives.iter().any(|p| {
                        p.rows
                            .iter()
                            .any(|row| target == pair_note_target(&row.pair_key, &p.subject.id))
                    })
            });
            if !known {
                return Err(AppError::BadRequest);
            }
            let body = normalise_line_breaks(&body);
            let count = body.chars().count();
            if count > NOTE_MAX_CHARS {
                return Err(AppError::invalid(format!(
                    "This note is {count} characters; the limit is {NOTE_MAX_CHARS}. Nothing was \
                     saved; please shorten it."
                )));
            }
            store::save_note(ctx.db(), &exercise_id, &target, &body).await?;
            Ok(())
        }
        .await,
    )
}

/// Adds an agreed next step: who commits to what, by when (optional date).
#[server(prefix = "/api", endpoint = "add_next_step")]
pub async fn add_next_step(
    exercise_id: String,
    who_id: String,
    what: String,
    by_when: String,
) -> Result<(), AppError> {
    use super::{model::NEXT_STEP_MAX_CHARS, store};
    use crate::{ctx::Ctx, exercise::DueDate, live::ChangeKind};
    let ctx = Ctx::current()?;
    ctx.respond(
        async {
            let (_, data) = server::owned(&ctx, &exercise_id).await?;
            if !data.people.iter().any(|p| p.id == who_id) {
                return Err(AppError::invalid("Please choose who this step is for."));
            }
            let what = what.trim();
            if what.is_empty() {
                return Err(AppError::invalid("Please write what was agreed."));
            }
            if what.chars().count() > NEXT_STEP_MAX_CHARS {
                return Err(AppError::invalid(format!(
                    "Please keep a next step to {NEXT_STEP_MAX_CHARS} characters or fewer."
                )));
            }
            let by_when = DueDate::parse(&by_when).map_err(AppError::Invalid)?;
            store::add_next_step(
                ctx.db(),
                &exercise_id,
                &who_id,
                what,
                by_when.as_ref().map(DueDate::as_str),
            )
            .await?;
            server::changed(&ctx, &exercise_id, ChangeKind::Board).await;
            Ok(())
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "remove_next_step")]
pub async fn remove_next_step(exercise_id: String, step_id: String) -> Result<(), AppError> {
    use super::store;
    use crate::{ctx::Ctx, live::ChangeKind};
    let ctx = Ctx::current()?;
    ctx.respond(
        async {
            server::owned(&ctx, &exercise_id).await?;
            if store::remove_next_step(ctx.db(), &exercise_id, &step_id).await? {
                server::changed(&ctx, &exercise_id, ChangeKind::Board).await;
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
    use super::store;
    use crate::{
        audit::{AuditEvent, store::record_about},
        auth::policy,
        ctx::Ctx,
        live::ChangeKind,
    };
    let ctx = Ctx::current()?;
    ctx.respond(
        async {
            let Some(exercise_id) = store::flag_exercise(ctx.db(), &flag_id).await? else {
                policy::therapist(&ctx).await?;
                return Err(AppError::Forbidden);
            };
            let owned = policy::owned_exercise(&ctx, &exercise_id).await?;
            let therapist = owned.therapist();
            store::acknowledge_flag(ctx.db(), &flag_id, &therapist.id).await?;
            record_about(&ctx, AuditEvent::FlagAcknowledged, &therapist.id, Some(&exercise_id))
                .await?;
            server::changed(&ctx, &exercise_id, ChangeKind::Flags).await;
            Ok(())
        }
        .await,
    )
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

#[cfg(feature = "ssr")]
fn find_row<'b>(
    board: &'b Board,
    pair_key: &str,
    subject_id: &str,
) -> Option<&'b super::model::PairRow> {
    board
        .sections
        .iter()
        .flat_map(|section| &section.perspectives)
        .filter(|perspective| perspective.subject.id == subject_id)
        .flat_map(|perspective| &perspective.rows)
        .find(|row| row.pair_key == pair_key)
}
