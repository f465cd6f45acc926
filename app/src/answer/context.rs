//! Everything a participant's request needs about their exercise, loaded once
//! (server only). Only ever built from the caller's own `ParticipantSeat`, so it
//! holds nothing of anyone else but their names.

use super::{
    AnswerAccess, AnswerKey, AnswerToSave, AskedItem, Saved,
    flags::flag_for,
    journey::{Asked, Asker, LastStep, OtherPerson, asked_sections},
    store::{self, Journey, SaveOutcome, StoredAnswer},
};
use crate::{
    auth::policy::ParticipantSeat,
    db::Db,
    error::AppError,
    exercise::{Exercise, store as exercises},
    family::{Participant, Role, store as families},
    ids::ParticipantId,
    invitation::store as invitations,
    live::{Change, ChangeKind},
    state::AppState,
    template::{Section, Template, store as templates},
};

pub struct ParticipantContext {
    pub seat: ParticipantSeat,
    pub exercise: Exercise,
    pub me: Participant,
    pub others: Vec<OtherPerson>,
    pub recovery_name: String,
    pub template: Template,
    pub journey: Option<Journey>,
    /// The next steps of the exercise this one follows (its follow-ups).
    pub last_steps: Vec<LastStep>,
}

impl ParticipantContext {
    pub async fn load(db: &Db, seat: ParticipantSeat) -> Result<Self, AppError> {
        let missing = || AppError::internal("participant's exercise is incomplete");
        let exercise = exercises::find(db, seat.exercise_id()).await?.ok_or_else(missing)?;
        let in_exercise: Vec<ParticipantId> = invitations::of_exercise(db, &exercise.id)
            .await?
            .into_iter()
            .map(|invitation| invitation.participant_id)
            .collect();
        let people: Vec<Participant> = families::participants_of_family(db, &exercise.family_id)
            .await?
            .into_iter()
            .filter(|p| in_exercise.contains(&p.id))
            .collect();
        let me =
            people.iter().find(|p| &p.id == seat.participant_id()).cloned().ok_or_else(missing)?;
        let recovery_name = people
            .iter()
            .find(|p| p.role == Role::PersonInRecovery)
            .map(|p| p.display_name.as_str().to_owned())
            .unwrap_or_default();
        let others = people
            .iter()
            .filter(|p| p.id != me.id)
            .map(|p| OtherPerson { id: p.id.to_string(), name: p.display_name.as_str().to_owned() })
            .collect();
        // The questions in the participant's own language, where the template has it.
        let stored = templates::find(db, &exercise.template_id).await?.ok_or_else(missing)?;
        let template = stored.in_language(me.language).clone();
        let journey = store::journey(db, &exercise.id, &me.id).await?;
        let last_steps = crate::board::store::last_steps(db, &exercise, &people).await?;
        Ok(ParticipantContext {
            seat,
            exercise,
            me,
            others,
            recovery_name,
            template,
            journey,
            last_steps,
        })
    }

    pub fn answer_access(&self) -> AnswerAccess {
        store::access(self.exercise.status, self.journey.as_ref())
    }

    /// The participant's sections, each with its questions.
    pub fn sections(&self) -> Vec<(&Section, Vec<Asked<'_>>)> {
        let asker = Asker {
            me_id: self.me.id.as_str(),
            role: self.me.role,
            age_band: self.me.age_band,
            others: &self.others,
            recovery_name: &self.recovery_name,
            last_steps: &self.last_steps,
        };
        asked_sections(&self.template, &asker)
    }

    /// The question behind `key`, if this participant is asked it.
    fn asked(&self, key: &AnswerKey) -> Option<Asked<'_>> {
        self.sections().into_iter().flat_map(|(_, asked)| asked).find(|asked| {
            asked.prompt.key == key.prompt_key
                && asked.about.as_ref().map(|p| &p.id) == key.about.as_ref()
        })
    }

    pub async fn answers(&self, db: &Db) -> Result<Vec<StoredAnswer>, AppError> {
        Ok(store::answers_of(db, &self.exercise.id, &self.me.id).await?)
    }

    /// `items` with what was held back for them (sent without JavaScript and
    /// refused) in place of the saved answer, and the reason.
    pub async fn with_held(
        &self,
        db: &Db,
        mut items: Vec<AskedItem>,
    ) -> Result<Vec<AskedItem>, AppError> {
        let held = super::held::held_of(db, &self.exercise.id, &self.me.id).await?;
        for item in &mut items {
            let Some((_, value)) = held.iter().find(|(key, _)| *key == item.key) else { continue };
            if let Err(message) = value.clone().checked(&item.kind) {
                item.held = Some(super::HeldBack { value: value.clone(), message });
            }
        }
        Ok(items)
    }

    /// A question with the participant's answer so far.
    pub fn item(&self, asked: &Asked<'_>, answers: &[StoredAnswer]) -> AskedItem {
        let key = AnswerKey {
            prompt_key: asked.prompt.key.clone(),
            about: asked.about.as_ref().map(|p| p.id.clone()),
        };
        let stored = answers.iter().find(|a| a.key == key);
        AskedItem {
            // "About Sam" heads the questions about a person; a follow-up names its
            // next step in the question itself.
            about_name: asked
                .about
                .as_ref()
                .filter(|_| asked.prompt.about == crate::template::About::EachOtherParticipant)
                .map(|p| p.name.clone()),
            text: asked.text.clone(),
            help: asked.prompt.help.clone(),
            kind: asked.prompt.kind.clone(),
            optional: asked.prompt.optional,
            can_share: asked.can_share(),
            visibility: stored
                .map(|a| a.visibility)
                .unwrap_or_else(|| asked.default_visibility(self.me.age_band)),
            answer: stored.map(|a| a.value.clone()),
            version: stored.map_or(0, |a| a.version),
            replaced: stored.and_then(|a| a.replaced.clone()),
            held: None,
            key,
        }
    }

    /// Checks and saves one answer. Refused (with a message the participant can act
    /// on) for a question they are not asked, a value that does not fit, or when
    /// answers cannot change now.
    pub async fn save(&self, state: &AppState, mut save: AnswerToSave) -> Result<Saved, AppError> {
        let db = &state.db;
        let access = self.answer_access();
        if let Some(why) = access.explanation(self.me.language) {
            return Err(AppError::invalid(why));
        }
        let asked = self.asked(&save.key).ok_or(AppError::BadRequest)?;
        save.value = save.value.checked(&asked.prompt.kind).map_err(AppError::Invalid)?;
        if !asked.can_share() {
            save.visibility = crate::template::Visibility::TherapistOnly;
        }
        if save.writer.len() > 64 {
            return Err(AppError::BadRequest);
        }
        let flag = asked
            .prompt
            .flag
            .as_ref()
            .and_then(|rule| flag_for(rule, &asked.prompt.kind, &save.value));
        let language = self.me.language;
        match store::save(db, &self.exercise.id, &self.me.id, &save, language, flag.as_ref())
            .await?
        {
            SaveOutcome::Saved(saved) => {
                super::held::release(db, &self.exercise.id, &self.me.id, &save.key).await?;
                if asked.prompt.flag.is_some() {
                    // A check-in answer: the therapist's dashboard shows its flags.
                    let change = Change::new(&self.exercise.id, ChangeKind::Flags);
                    crate::live::hub::publish(&state.db, &state.live, change).await;
                }
                Ok(saved)
            }
            SaveOutcome::Locked(access) => {
                // Locked between the check above and the write: whatever changed
                // (the session started, most likely), answers stay as they are.
                let language = self.me.language;
                let why = access
                    .explanation(language)
                    .or_else(|| AnswerAccess::SessionStarted.explanation(language));
                Err(AppError::invalid(why.unwrap_or_default()))
            }
        }
    }
}
