//! What the series server functions do, after the policy's check (server only).

use super::{LinkPlan, NextExerciseOffer, VersionPlan};
use crate::{
    auth::policy::OwnedFamily,
    ctx::Ctx,
    error::AppError,
    exercise::{DueDate, Exercise, ExerciseStatus, Focus},
    template::store::StoredTemplate,
};

/// The form's fields as sent.
pub struct NextRequest {
    pub template: String,
    pub links: String,
    pub focus: String,
    pub due_date: String,
}

pub async fn start_next_exercise(
    ctx: &Ctx,
    owned: &OwnedFamily,
    request: NextRequest,
) -> Result<(), AppError> {
    use crate::{
        audit::{AuditEvent, store as audit},
        exercise::{service::check_people, store as exercises},
        family::store::participants_of_family,
    };

    let db = ctx.db();
    let version = VersionPlan::parse(&request.template).ok_or(AppError::BadRequest)?;
    let links = LinkPlan::parse(&request.links).ok_or(AppError::BadRequest)?;
    let focus = Focus::parse(&request.focus).map_err(AppError::Invalid)?;
    let due_date = DueDate::parse(&request.due_date).map_err(AppError::Invalid)?;
    let Some(last) = exercises::of_family(db, owned.id()).await?.pop() else {
        return Err(AppError::invalid(
            "This family has no exercise yet. Please start the first one with \"Start an \
             exercise\".",
        ));
    };
    if last.status == ExerciseStatus::Draft && last.follows.is_some() {
        // The usual way here is a second click on the button.
        return Err(AppError::invalid(
            "The next exercise has already been started (perhaps in another tab): it is the \
             last one in the list, waiting as a draft. Please reload the family page.",
        ));
    }
    if last.status != ExerciseStatus::Closed {
        return Err(AppError::invalid(
            "Please close the last exercise first (on its page). Its links then move on to \
             the next one, so nobody is in the middle of two.",
        ));
    }
    let template = match version {
        VersionPlan::Same => last.template_id.clone(),
        VersionPlan::Newest => newest_version(ctx, &last).await?.id,
    };
    let participants = participants_of_family(db, owned.id()).await?;
    check_people(&participants)?;
    let next = exercises::new_draft(
        owned.id(),
        &template,
        focus.as_ref(),
        due_date.as_ref(),
        Some(&last.id),
    );
    let people: Vec<_> = participants.into_iter().map(|p| p.id).collect();
    let plan = super::store::NextPlan {
        key: ctx.secret_key(),
        lifetime: ctx.settings().invitation_lifetime,
        links,
    };
    let Some(stopped) = super::store::start_next(db, &plan, &next, &people).await? else {
        return Err(AppError::invalid(
            "The next exercise has already been started (perhaps in another tab). Please \
             reload the family page to see it.",
        ));
    };
    let therapist = owned.therapist();
    for invitation in &stopped {
        audit::record_about(ctx, AuditEvent::InvitationRevoked, &therapist.id, Some(invitation))
            .await?;
    }
    leptos_axum::redirect(&format!("/exercises/{}", next.id));
    Ok(())
}

/// The newest stored version of `exercise`'s template that its therapist may use.
async fn newest_version(ctx: &Ctx, exercise: &Exercise) -> Result<StoredTemplate, AppError> {
    use crate::template::store as templates;

    let db = ctx.db();
    let missing = || AppError::internal("exercise without its template");
    let current = templates::find(db, &exercise.template_id).await?.ok_or_else(missing)?;
    let newest = templates::newest_version_of(db, &current).await?;
    Ok(match newest {
        Some(id) => templates::find(db, &id).await?.ok_or_else(missing)?,
        None => current,
    })
}

/// What the family page offers for the next exercise, given the family's exercises
/// in order (`None` before the first one).
pub async fn next_offer(
    ctx: &Ctx,
    exercises: &[Exercise],
) -> Result<Option<NextExerciseOffer>, AppError> {
    use crate::template::store as templates;

    let Some(last) = exercises.last() else { return Ok(None) };
    let db = ctx.db();
    let Some(current) = templates::find(db, &last.template_id).await? else { return Ok(None) };
    let newest = newest_version(ctx, last).await?;
    let same_version = current.template.version;
    Ok(Some(NextExerciseOffer {
        last_id: last.id.to_string(),
        last_label: format!("{} (version {same_version})", current.template.title),
        last_closed: last.status == ExerciseStatus::Closed,
        same_version,
        newer_version: (newest.template.version > same_version).then_some(newest.template.version),
    }))
}

/// The family's Over time page: every guessing pair across its exercises (a read of
/// answers, recorded in the audit trail).
pub async fn over_time(ctx: &Ctx, owned: &OwnedFamily) -> Result<super::OverTime, AppError> {
    use crate::audit::{AuditEvent, store as audit};

    let therapist = owned.therapist();
    let over_time = over_time_of(ctx.db(), owned.family(), None).await?;
    audit::record_about(ctx, AuditEvent::AnswersRead, &therapist.id, Some(owned.id())).await?;
    Ok(over_time)
}

/// The series up to `owned`'s exercise (audited as a read of answers).
pub async fn exercise_over_time(
    ctx: &Ctx,
    owned: &crate::auth::policy::OwnedExercise,
) -> Result<super::OverTime, AppError> {
    use crate::audit::{AuditEvent, store as audit};

    let therapist = owned.therapist();
    let over_time = over_time_of(ctx.db(), owned.family(), Some(owned.id())).await?;
    audit::record_about(ctx, AuditEvent::AnswersRead, &therapist.id, Some(owned.id())).await?;
    Ok(over_time)
}

/// The measures of `family`'s exercises, oldest first, up to and including `upto`
/// when given (a printed summary shows the series as it stood at that exercise).
pub async fn over_time_of(
    db: &crate::db::Db,
    family: &crate::family::Family,
    upto: Option<&crate::ids::ExerciseId>,
) -> Result<super::OverTime, AppError> {
    use super::{SeriesExercise, measures::pair_trends};
    use crate::{
        board::{model::Audience, view::SessionData},
        exercise::store as exercises,
        family::store::participants_of_family,
    };

    let mut series = Vec::new();
    let mut boards = Vec::new();
    for (index, exercise) in exercises::of_family(db, &family.id).await?.into_iter().enumerate() {
        let last = upto == Some(&exercise.id);
        let data = SessionData::of_family(db, exercise, family).await?;
        series.push(SeriesExercise {
            id: data.exercise.id.to_string(),
            number: index + 1,
            started_ms: data.exercise.created_at_ms,
            title: data.template.title.clone(),
        });
        boards.push(data.board(Audience::Therapist));
        if last {
            break;
        }
    }
    let people = participants_of_family(db, &family.id).await?;
    Ok(super::OverTime {
        family_id: family.id.to_string(),
        family_name: family.name.as_str().to_owned(),
        pairs: pair_trends(&series, &boards, &people),
        exercises: series,
    })
}
