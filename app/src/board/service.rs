//! What the session board's server functions do, after the policy's check (server
//! only).

use super::{
    model::{Audience, Board},
    view::SessionData,
};
use crate::ids::ParticipantId;
use crate::{
    audit::{AuditEvent, store::record_about},
    auth::policy::{self, OwnedExercise},
    ctx::Ctx,
    error::AppError,
    live::{Change, ChangeKind, hub::publish},
};

/// The owner's session data, after the ownership check.
pub async fn owned(ctx: &Ctx, exercise_id: &str) -> Result<(OwnedExercise, SessionData), AppError> {
    let owned = policy::owned_exercise(ctx, exercise_id).await?;
    // The prompts in the therapist's language (the request's: their own).
    let data = SessionData::of_owned(ctx.db(), &owned).await?.in_language(ctx.language());
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

pub async fn publish_change(ctx: &Ctx, exercise_id: &str, kind: ChangeKind) {
    publish(ctx.db(), &ctx.state().live, Change::new(exercise_id, kind)).await;
}

pub async fn set_section_revealed(
    ctx: &Ctx,
    exercise_id: String,
    section_key: String,
    revealed: bool,
) -> Result<(), AppError> {
    use super::{build::flag_views, model::flags_block_reveal, store};
    use crate::{
        audit::{AuditEvent, store::record_about},
        exercise::ExerciseStatus,
        live::ChangeKind,
    };

    let (owned, data) = owned(ctx, &exercise_id).await?;
    let exercise_id = data.exercise.id.clone();
    let therapist = owned.therapist();
    let section =
        data.template.sections.iter().find(|s| s.key == section_key).ok_or(AppError::BadRequest)?;
    if let Some(never) = super::build::never_shown(section, &data.people).filter(|_| revealed) {
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
        store::set_revealed(ctx.db(), &exercise_id, &section_key, &therapist.id, revealed).await?;
    if changed {
        let event = if revealed { AuditEvent::SectionRevealed } else { AuditEvent::SectionHidden };
        record_about(ctx, event, &therapist.id, Some(&exercise_id)).await?;
        publish_change(ctx, &exercise_id, ChangeKind::Board).await;
    }
    Ok(())
}

pub async fn rate_guess(
    ctx: &Ctx,
    exercise_id: String,
    pair_key: String,
    subject_id: String,
    rating: u8,
) -> Result<(), AppError> {
    use super::{model::Audience, store, view::SessionData};
    use crate::{
        auth::policy::{self, Actor},
        live::ChangeKind,
    };

    let (audience, by_therapist) = match policy::caller(ctx).await? {
        Actor::Participant(_) => {
            let seat = policy::participant_seat(ctx).await?;
            if *seat.exercise_id() != exercise_id {
                return Err(AppError::Forbidden);
            }
            let participant_id = seat.participant_id().to_string();
            (Audience::Participant { participant_id }, false)
        }
        _ => {
            policy::owned_exercise(ctx, &exercise_id).await?;
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
    let (exercise_id, subject_id) = (data.exercise.id.clone(), ParticipantId::from(subject_id));
    store::set_closeness(ctx.db(), &exercise_id, &pair_key, &subject_id, rating, by_therapist)
        .await?;
    publish_change(ctx, &exercise_id, ChangeKind::Discussion).await;
    Ok(())
}

pub async fn save_note(
    ctx: &Ctx,
    exercise_id: String,
    target: String,
    body: String,
) -> Result<(), AppError> {
    use super::{
        model::{Audience, NOTE_MAX_CHARS, pair_note_target, section_note_target},
        store,
    };
    use crate::answer::normalise_line_breaks;

    let (_, data) = owned(ctx, &exercise_id).await?;
    let exercise_id = data.exercise.id.clone();
    let board = data.board(Audience::Therapist);
    let known = board.sections.iter().any(|section| {
        target == section_note_target(&section.key)
            || section.perspectives.iter().any(|p| {
                p.rows.iter().any(|row| target == pair_note_target(&row.pair_key, &p.subject.id))
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

/// A next step as the form sends it.
pub struct NewStep {
    pub who_id: String,
    pub for_id: Option<String>,
    pub what: String,
    pub by_when: String,
}

pub async fn add_next_step(ctx: &Ctx, exercise_id: String, step: NewStep) -> Result<(), AppError> {
    use super::{model::NEXT_STEP_MAX_CHARS, store};
    use crate::{exercise::DueDate, live::ChangeKind};

    let (_, data) = owned(ctx, &exercise_id).await?;
    let exercise_id = data.exercise.id.clone();
    let person = |id: &str| data.people.iter().find(|p| p.id == id).map(|p| p.id.clone());
    let Some(who_id) = person(&step.who_id) else {
        return Err(AppError::invalid("Please choose who this step is for."));
    };
    let for_id = match step.for_id.as_deref().map(str::trim).filter(|id| !id.is_empty()) {
        None => None,
        Some(id) if id == who_id.as_str() => {
            return Err(AppError::invalid(
                "A step is for someone else in the family, or for nobody in particular.",
            ));
        }
        Some(id) => Some(person(id).ok_or(AppError::BadRequest)?),
    };
    let what = step.what.trim();
    if what.is_empty() {
        return Err(AppError::invalid("Please write what was agreed."));
    }
    if what.chars().count() > NEXT_STEP_MAX_CHARS {
        return Err(AppError::invalid(format!(
            "Please keep a next step to {NEXT_STEP_MAX_CHARS} characters or fewer."
        )));
    }
    let by_when = DueDate::parse(&step.by_when).map_err(AppError::Invalid)?;
    store::add_next_step(
        ctx.db(),
        &exercise_id,
        &who_id,
        for_id.as_ref(),
        what,
        by_when.as_ref().map(DueDate::as_str),
    )
    .await?;
    publish_change(ctx, &exercise_id, ChangeKind::Board).await;
    Ok(())
}

pub async fn acknowledge_flag(ctx: &Ctx, flag_id: String) -> Result<(), AppError> {
    use super::store;
    use crate::{
        audit::{AuditEvent, store::record_about},
        auth::policy,
        live::ChangeKind,
    };

    let Some(exercise_id) = store::flag_exercise(ctx.db(), &flag_id).await? else {
        policy::therapist(ctx).await?;
        return Err(AppError::Forbidden);
    };
    let owned = policy::owned_exercise(ctx, &exercise_id).await?;
    let exercise_id = owned.id();
    let therapist = owned.therapist();
    store::acknowledge_flag(ctx.db(), &flag_id, &therapist.id).await?;
    record_about(ctx, AuditEvent::FlagAcknowledged, &therapist.id, Some(exercise_id)).await?;
    publish_change(ctx, exercise_id, ChangeKind::Flags).await;
    Ok(())
}

pub async fn set_pair_discussed(
    ctx: &Ctx,
    exercise_id: String,
    pair_key: String,
    subject_id: String,
    discussed: bool,
) -> Result<(), AppError> {
    use super::{model::Audience, store};
    use crate::live::ChangeKind;

    let (_, data) = owned(ctx, &exercise_id).await?;
    let board = data.board(Audience::Therapist);
    if find_row(&board, &pair_key, &subject_id).is_none() {
        return Err(AppError::BadRequest);
    }
    let (exercise_id, subject_id) = (data.exercise.id.clone(), ParticipantId::from(subject_id));
    store::set_discussed(ctx.db(), &exercise_id, &pair_key, &subject_id, discussed).await?;
    publish_change(ctx, &exercise_id, ChangeKind::Discussion).await;
    Ok(())
}

pub(super) fn find_row<'b>(
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
