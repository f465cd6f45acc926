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
        auth::{
            policy::{SignedIn, require_exercise_owner},
            request::app_state,
        },
        error::AppError,
        live::{Change, ChangeKind, hub::publish},
        state::AppState,
    };

    /// The owner's session data, after the ownership check.
    pub async fn owned(exercise_id: &str) -> Result<(SignedIn, AppState, SessionData), AppError> {
        let (therapist, _) = require_exercise_owner(exercise_id).await?;
        let state = app_state();
        let data = SessionData::load(&state.db, exercise_id).await?;
        Ok((therapist, state, data))
    }

    /// The therapist's full board, with the read recorded in the audit trail.
    pub async fn audited_board(exercise_id: &str, event: AuditEvent) -> Result<Board, AppError> {
        let (therapist, state, data) = owned(exercise_id).await?;
        record_about(&state.db, event, &therapist.id, Some(exercise_id)).await?;
        Ok(data.board(Audience::Therapist))
    }

    pub async fn changed(state: &AppState, exercise_id: &str, kind: ChangeKind) {
        publish(state, Change::new(exercise_id, kind)).await;
    }
}

/// The therapist's board: every answer (for preparing and for the session). Each
/// call is recorded as a read in the audit trail.
#[server(prefix = "/api", endpoint = "therapist_board")]
pub async fn therapist_board(exercise_id: String) -> Result<Board, AppError> {
    use crate::{audit::AuditEvent, error::respond};
    respond(server::audited_board(&exercise_id, AuditEvent::AnswersRead).await)
}

/// The printable summary's content (the therapist's board); recorded in the audit
/// trail.
#[server(prefix = "/api", endpoint = "exercise_summary")]
pub async fn exercise_summary(exercise_id: String) -> Result<Board, AppError> {
    use crate::{audit::AuditEvent, error::respond};
    respond(server::audited_board(&exercise_id, AuditEvent::SummaryViewed).await)
}

/// Presenter mode: only revealed sections and shared answers; never notes, flags or
/// therapist-only answers.
#[server(prefix = "/api", endpoint = "presenter_board")]
pub async fn presenter_board(exercise_id: String) -> Result<Board, AppError> {
    use super::model::Audience;
    use crate::error::respond;
    respond(
        async {
            let (_, _, data) = server::owned(&exercise_id).await?;
            Ok(data.board(Audience::Presenter))
        }
        .await,
    )
}

/// A participant's board: what the therapist has revealed of their exercise.
#[server(prefix = "/api", endpoint = "participant_board")]
pub async fn participant_board() -> Result<Board, AppError> {
    use crate::{
        auth::{policy::require_participant, request::app_state},
        error::respond,
    };
    respond(
        async {
            let access = require_participant().await?;
            super::view::participant_board(&app_state(), &access).await
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
        error::respond,
        exercise::ExerciseStatus,
        live::ChangeKind,
    };
    respond(
        async {
            let (therapist, state, data) = server::owned(&exercise_id).await?;
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
                store::set_revealed(&state.db, &exercise_id, &section_key, &therapist.id, revealed)
                    .await?;
            if changed {
                let event =
                    if revealed { AuditEvent::SectionRevealed } else { AuditEvent::SectionHidden };
                record_about(&state.db, event, &therapist.id, Some(&exercise_id)).await?;
                server::changed(&state, &exercise_id, ChangeKind::Board).await;
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
    use crate::{error::respond, live::ChangeKind};
    respond(
        async {
            let (_, state, data) = server::owned(&exercise_id).await?;
            let board = data.board(Audience::Therapist);
            if find_row(&board, &pair_key, &subject_id).is_none() {
                return Err(AppError::BadRequest);
            }
            store::set_discussed(&state.db, &exercise_id, &pair_key, &subject_id, discussed)
                .await?;
            server::changed(&state, &exercise_id, ChangeKind::Discussion).await;
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
        auth::{
            policy::{Actor, current_actor, require_exercise_owner, require_participant},
            request::app_state,
        },
        error::respond,
        live::ChangeKind,
    };
    respond(
        async {
            let (audience, by_therapist) = match current_actor().await? {
                Actor::Participant(_) => {
                    let access = require_participant().await?;
                    if access.exercise_id != exercise_id {
                        return Err(AppError::Forbidden);
                    }
                    (Audience::Participant { participant_id: access.participant_id }, false)
                }
                _ => {
                    require_exercise_owner(&exercise_id).await?;
                    (Audience::Therapist, true)
                }
            };
            if rating > 4 {
                return Err(AppError::BadRequest);
            }
            let state = app_state();
            let data = SessionData::load(&state.db, &exercise_id).await?;
            let board = data.board(audience);
            let may_rate = find_row(&board, &pair_key, &subject_id).is_some_and(|row| row.may_rate);
            if !may_rate {
                return Err(AppError::invalid(
                    "This can be rated only during the session, once its part has been shown.",
                ));
            }
            store::set_closeness(
                &state.db,
                &exercise_id,
                &pair_key,
                &subject_id,
                rating,
                by_therapist,
            )
            .await?;
            server::changed(&state, &exercise_id, ChangeKind::Discussion).await;
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
    use crate::{answer::normalise_line_breaks, error::respond};
    respond(
        async {
            let (_, state, data) = server::owned(&exercise_id).await?;
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
            store::save_note(&state.db, &exercise_id, &target, &body).await?;
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
    use crate::{error::respond, exercise::DueDate, live::ChangeKind};
    respond(
        async {
            let (_, state, data) = server::owned(&exercise_id).await?;
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
                &state.db,
                &exercise_id,
                &who_id,
                what,
                by_when.as_ref().map(DueDate::as_str),
            )
            .await?;
            server::changed(&state, &exercise_id, ChangeKind::Board).await;
            Ok(())
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "remove_next_step")]
pub async fn remove_next_step(exercise_id: String, step_id: String) -> Result<(), AppError> {
    use super::store;
    use crate::{error::respond, live::ChangeKind};
    respond(
        async {
            let (_, state, _) = server::owned(&exercise_id).await?;
            if store::remove_next_step(&state.db, &exercise_id, &step_id).await? {
                server::changed(&state, &exercise_id, ChangeKind::Board).await;
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
        auth::{
            policy::{require_exercise_owner, require_therapist},
            request::app_state,
        },
        error::respond,
        live::ChangeKind,
    };
    respond(
        async {
            let state = app_state();
            let Some(exercise_id) = store::flag_exercise(&state.db, &flag_id).await? else {
                require_therapist().await?;
                return Err(AppError::Forbidden);
            };
            let (therapist, _) = require_exercise_owner(&exercise_id).await?;
            store::acknowledge_flag(&state.db, &flag_id, &therapist.id).await?;
            record_about(
                &state.db,
                AuditEvent::FlagAcknowledged,
                &therapist.id,
                Some(&exercise_id),
            )
            .await?;
            server::changed(&state, &exercise_id, ChangeKind::Flags).await;
            Ok(())
        }
        .await,
    )
}

/// The therapist's dashboard: every family, each exercise with each participant's
/// progress and the check-in flags.
#[server(prefix = "/api", endpoint = "dashboard")]
pub async fn dashboard() -> Result<Vec<DashboardFamily>, AppError> {
    use crate::{
        auth::{policy::require_therapist, request::app_state},
        error::respond,
    };
    respond(
        async {
            let therapist = require_therapist().await?;
            super::dashboard::load(&app_state().db, &therapist.id).await
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
