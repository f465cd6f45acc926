//! Loads what a board is built from (server only).

use std::sync::Arc;

use super::{
    build::{BoardInputs, Mark, StoredNextStep, build},
    model::{Audience, Board},
    store,
};
use crate::{
    answer::store::{StoredAnswer, StoredFlag, flags_of_exercise},
    auth::policy::{OwnedExercise, ParticipantSeat},
    db::Db,
    error::AppError,
    exercise::{Exercise, store as exercises},
    family::{Family, Participant, store as families},
    ids::{ExerciseId, ParticipantId},
    invitation::store as invitations,
    template::{Template, store as templates},
};

/// Everything stored about one exercise's session.
pub struct SessionData {
    pub exercise: Exercise,
    pub family_name: String,
    /// In the reader's language once `in_language` chose it (else the template's own).
    pub template: Template,
    /// The template in its other languages.
    pub translations: Vec<Template>,
    pub people: Vec<Participant>,
    pub answers: Vec<(String, StoredAnswer)>,
    pub revealed: Vec<String>,
    pub marks: Vec<Mark>,
    pub notes: Vec<(String, String)>,
    pub next_steps: Vec<StoredNextStep>,
    /// The next steps of the exercise this one follows (its follow-ups).
    pub last_steps: Vec<crate::answer::journey::LastStep>,
    pub flags: Vec<StoredFlag>,
}

impl SessionData {
    pub async fn load(db: &Db, exercise_id: &str) -> Result<Self, AppError> {
        let exercise = exercises::find(db, exercise_id).await?.ok_or(AppError::NotFound)?;
        let family =
            families::find_family(db, &exercise.family_id).await?.ok_or(AppError::NotFound)?;
        Self::of(db, exercise, &family).await
    }

    /// The therapist's session data, from the exercise and family the policy
    /// already loaded.
    pub async fn of_owned(db: &Db, owned: &OwnedExercise) -> Result<Self, AppError> {
        Self::of(db, owned.exercise().clone(), owned.family()).await
    }

    /// The session data of one of `family`'s exercises (the caller checked both).
    pub async fn of_family(db: &Db, exercise: Exercise, family: &Family) -> Result<Self, AppError> {
        Self::of(db, exercise, family).await
    }

    async fn of(db: &Db, exercise: Exercise, family: &Family) -> Result<Self, AppError> {
        let exercise_id = &exercise.id.clone();
        let stored = templates::find(db, &exercise.template_id)
            .await?
            .ok_or_else(|| AppError::internal("exercise without its template"))?;
        let people = people_in_exercise(db, &exercise).await?;
        Ok(SessionData {
            answers: store_answers(db, exercise_id).await?,
            revealed: store::revealed_sections(db, exercise_id).await?,
            marks: store::marks(db, exercise_id).await?,
            notes: store::notes(db, exercise_id).await?,
            next_steps: store::next_steps(db, exercise_id).await?,
            last_steps: store::last_steps(db, &exercise, &people).await?,
            flags: flags_of_exercise(db, exercise_id).await?,
            family_name: family.name.as_str().to_owned(),
            exercise,
            template: stored.template,
            translations: stored.translations,
            people,
        })
    }

    /// The same session read in `language`: the template's texts in it where the
    /// template has them (answers stay as written).
    pub fn in_language(mut self, language: crate::i18n::Language) -> Self {
        if self.template.language != language
            && let Some(at) = self.translations.iter().position(|t| t.language == language)
        {
            std::mem::swap(&mut self.template, &mut self.translations[at]);
        }
        self
    }

    pub fn board(&self, audience: Audience) -> Board {
        let inputs = BoardInputs {
            exercise: &self.exercise,
            family_name: &self.family_name,
            template: &self.template,
            people: &self.people,
            answers: &self.answers,
            revealed: &self.revealed,
            marks: &self.marks,
            notes: &self.notes,
            next_steps: &self.next_steps,
            last_steps: &self.last_steps,
            flags: &self.flags,
            as_of_ms: crate::db::time::now_ms(),
        };
        build(&inputs, audience)
    }
}

async fn store_answers(
    db: &Db,
    exercise_id: &ExerciseId,
) -> Result<Vec<(String, StoredAnswer)>, AppError> {
    Ok(crate::answer::store::answers_of_exercise(db, exercise_id).await?)
}

/// The family's participants who have an invitation to the exercise, in the
/// family's order.
pub async fn people_in_exercise(
    db: &Db,
    exercise: &Exercise,
) -> Result<Vec<Participant>, AppError> {
    let invited: Vec<ParticipantId> = invitations::of_exercise(db, &exercise.id)
        .await?
        .into_iter()
        .map(|invitation| invitation.participant_id)
        .collect();
    Ok(families::participants_of_family(db, &exercise.family_id)
        .await?
        .into_iter()
        .filter(|p| invited.contains(&p.id))
        .collect())
}

/// A participant's board: their exercise, as they may see it.
pub async fn participant_board(db: &Db, seat: &ParticipantSeat) -> Result<Board, AppError> {
    let data = SessionData::load(db, seat.exercise_id()).await?;
    let language = data.people.iter().find(|p| &p.id == seat.participant_id()).map(|p| p.language);
    let data = data.in_language(language.unwrap_or_default());
    Ok(data.board(Audience::Participant { participant_id: seat.participant_id().to_string() }))
}

/// A participant's board as their live stream sends it (JSON); `None` if it could
/// not be built (logged: the page catches up on its next change or reload).
pub async fn participant_board_json(db: &Db, seat: &ParticipantSeat) -> Option<Arc<str>> {
    match participant_board(db, seat).await {
        Ok(board) => serde_json::to_string(&board).ok().map(Arc::from),
        Err(error) => {
            tracing::warn!(%error, "could not build a participant's board");
            None
        }
    }
}
