//! Builds a board for one audience from what is stored (server only). Pure: every
//! rule about who sees what on a board lives here, and the tests below pin it.
//!
//! How a section lays out: for each person whose perspective its pairs compare (the
//! *subject*), one row per pair key: the subject's own answers to the pair's
//! questions asked of them, next to the answers others gave about them to the
//! pair's questions asked "about each other participant". Questions about the
//! subject outside any pair (the person in recovery's "How sure are you?") go
//! under the rows. Questions everyone answers on their own, unpaired (check-in,
//! closing), are listed per question.

use std::collections::HashMap;

use super::model::{
    Audience, Board, BoardSection, Closeness, ExerciseDates, FlagView, FollowUp, NeverShown,
    NextStep, PairRow, Person, Perspective, QuestionAnswers, Shown, pair_note_target,
    section_note_target,
};
use crate::{
    answer::{
        AnswerValue,
        flags::SAFETY_RULE,
        journey::{LastStep, fill_names, fill_step},
        store::{StoredAnswer, StoredFlag},
    },
    exercise::{Exercise, ExerciseStatus},
    family::{Participant, Role},
    template::{About, Prompt, PromptKind, Section, Template, Visibility},
};

/// A pair row's marks as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mark {
    pub pair_key: String,
    pub subject_id: String,
    pub discussed: bool,
    pub closeness: Option<u8>,
    pub closeness_by_therapist: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredNextStep {
    pub id: String,
    pub who_id: String,
    /// Whom it is for, if anyone in particular.
    pub for_id: Option<String>,
    pub what: String,
    pub by_when: Option<String>,
}

/// Everything stored about an exercise's session.
pub struct BoardInputs<'a> {
    pub exercise: &'a Exercise,
    pub family_name: &'a str,
    pub template: &'a Template,
    /// The exercise's participants, in the family's order.
    pub people: &'a [Participant],
    /// Every answer, with its author's participant id.
    pub answers: &'a [(String, StoredAnswer)],
    pub revealed: &'a [String],
    pub marks: &'a [Mark],
    /// `(target, body)`; see the migration for targets.
    pub notes: &'a [(String, String)],
    pub next_steps: &'a [StoredNextStep],
    /// The next steps of the exercise this one follows (its follow-ups).
    pub last_steps: &'a [LastStep],
    pub flags: &'a [StoredFlag],
    /// When the board is built (the printed record's date).
    pub as_of_ms: i64,
}

pub fn build(inputs: &BoardInputs<'_>, audience: Audience) -> Board {
    let mut by_author: HashMap<&str, Vec<&StoredAnswer>> = HashMap::new();
    for (author, answer) in inputs.answers {
        by_author.entry(author.as_str()).or_default().push(answer);
    }
    let builder = Builder {
        inputs,
        audience: &audience,
        recovery_name: recovery_name(inputs.people),
        prompts: inputs
            .template
            .sections
            .iter()
            .flat_map(|s| &s.prompts)
            .map(|p| (p.key.as_str(), p))
            .collect(),
        by_author,
    };
    let dates = builder.is_therapist().then_some(ExerciseDates {
        created_ms: inputs.exercise.created_at_ms,
        opened_ms: inputs.exercise.opened_at_ms,
        session_ms: inputs.exercise.session_at_ms,
        closed_ms: inputs.exercise.closed_at_ms,
        as_of_ms: inputs.as_of_ms,
    });
    Board {
        dates,
        exercise_id: inputs.exercise.id.to_string(),
        // The family's label is the therapist's name for a case: it never reaches a
        // participant's board or live events.
        family_name: if matches!(audience, Audience::Participant { .. }) {
            String::new()
        } else {
            inputs.family_name.to_owned()
        },
        focus: inputs.exercise.focus.as_ref().map(|f| f.as_str().to_owned()),
        status: inputs.exercise.status,
        people: inputs.people.iter().map(person).collect(),
        // A part the family can never see is not on their boards at all.
        sections: inputs
            .template
            .sections
            .iter()
            .filter(|s| builder.is_therapist() || never_shown(s, inputs.people).is_none())
            // A follow-up part with no next steps from last time has nothing to ask.
            .filter(|s| {
                !inputs.last_steps.is_empty() || !s.prompts.iter().all(|p| p.about.is_next_step())
            })
            .map(|s| builder.section(s))
            .collect(),
        next_steps: inputs
            .next_steps
            .iter()
            .filter_map(|step| {
                let who = inputs.people.iter().find(|p| p.id == step.who_id)?;
                Some(NextStep {
                    id: step.id.clone(),
                    who_id: step.who_id.clone(),
                    who_name: who.display_name.as_str().to_owned(),
                    for_id: step.for_id.clone(),
                    for_name: step.for_id.as_deref().and_then(|id| {
                        let person = inputs.people.iter().find(|p| p.id == id)?;
                        Some(person.display_name.as_str().to_owned())
                    }),
                    what: step.what.clone(),
                    by_when: step.by_when.clone(),
                })
            })
            .collect(),
        flags: if builder.is_therapist() {
            flag_views(inputs.template, inputs.people, inputs.flags, Some(inputs.answers))
        } else {
            Vec::new()
        },
        audience,
    }
}

fn recovery_name(people: &[Participant]) -> String {
    people
        .iter()
        .find(|p| p.role == Role::PersonInRecovery)
        .map(|p| p.display_name.as_str().to_owned())
        .unwrap_or_default()
}

/// Why the family could never see anything of `section`, if so.
pub fn never_shown(section: &Section, people: &[Participant]) -> Option<NeverShown> {
    let asked: Vec<&Prompt> = section
        .prompts
        .iter()
        .filter(|p| people.iter().any(|person| asked_of(p, person)))
        .collect();
    if asked.is_empty() {
        Some(NeverShown::NobodyAsked)
    } else if asked.iter().all(|p| p.visibility == Visibility::TherapistOnly) {
        Some(NeverShown::TherapistOnly)
    } else {
        None
    }
}

fn person(participant: &Participant) -> Person {
    Person {
        id: participant.id.to_string(),
        name: participant.display_name.as_str().to_owned(),
        role: participant.role,
    }
}

fn asked_of(prompt: &Prompt, participant: &Participant) -> bool {
    prompt.roles.contains(&participant.role) && prompt.age_bands.contains(&participant.age_band)
}

struct Builder<'a> {
    inputs: &'a BoardInputs<'a>,
    audience: &'a Audience,
    recovery_name: String,
    /// Lookups built once: a board asks them thousands of times.
    prompts: HashMap<&'a str, &'a Prompt>,
    by_author: HashMap<&'a str, Vec<&'a StoredAnswer>>,
}

impl<'a> Builder<'a> {
    fn is_therapist(&self) -> bool {
        *self.audience == Audience::Therapist
    }

    fn viewer_id(&self) -> Option<&str> {
        match self.audience {
            Audience::Participant { participant_id } => Some(participant_id),
            _ => None,
        }
    }

    fn section(&self, section: &Section) -> BoardSection {
        let revealed = self.inputs.revealed.contains(&section.key);
        // Outside the therapist's board, a hidden section carries nothing at all.
        let show = self.is_therapist() || revealed;
        BoardSection {
            key: section.key.clone(),
            title: section.title.clone(),
            why: section.why.clone(),
            revealed,
            perspectives: if show { self.perspectives(section, revealed) } else { Vec::new() },
            everyone: if show { self.everyone(section, revealed) } else { Vec::new() },
            follow_ups: if show { self.follow_ups(section, revealed) } else { Vec::new() },
            note: self.note(&section_note_target(&section.key)),
            never_shown: never_shown(section, self.inputs.people),
        }
    }

    fn perspectives(&self, section: &Section, revealed: bool) -> Vec<Perspective> {
        let people = self.inputs.people;
        people
            .iter()
            .filter_map(|subject| {
                let rows: Vec<PairRow> = section
                    .pairs
                    .iter()
                    .filter_map(|pair| self.pair_row(section, pair, subject, revealed))
                    .collect();
                if rows.is_empty() {
                    return None;
                }
                let also = self.shown_where(revealed, |author, prompt, answer| {
                    section.prompts.iter().any(|p| p.key == prompt.key)
                        && prompt.pair.is_none()
                        && prompt.about == About::EachOtherParticipant
                        && answer.key.about.as_deref() == Some(subject.id.as_str())
                        && author.id != subject.id
                });
                Some(Perspective { subject: person(subject), rows, also })
            })
            .collect()
    }

    fn pair_row(
        &self,
        section: &Section,
        pair: &str,
        subject: &Participant,
        revealed: bool,
    ) -> Option<PairRow> {
        let in_pair = |prompt: &&Prompt| prompt.pair.as_deref() == Some(pair);
        let own_prompts: Vec<&Prompt> = section
            .prompts
            .iter()
            .filter(in_pair)
            .filter(|p| p.about == About::Nobody && asked_of(p, subject))
            .collect();
        let imagined_prompts: Vec<&Prompt> = section
            .prompts
            .iter()
            .filter(in_pair)
            .filter(|p| {
                p.about == About::EachOtherParticipant
                    && self
                        .inputs
                        .people
                        .iter()
                        .any(|other| other.id != subject.id && asked_of(p, other))
            })
            .collect();
        if own_prompts.is_empty() && imagined_prompts.is_empty() {
            return None;
        }
        let own = self.shown_where(revealed, |author, prompt, answer| {
            author.id == subject.id
                && answer.key.about.is_none()
                && own_prompts.iter().any(|p| p.key == prompt.key)
        });
        let imagined = self.shown_where(revealed, |author, prompt, answer| {
            author.id != subject.id
                && answer.key.about.as_deref() == Some(subject.id.as_str())
                && imagined_prompts.iter().any(|p| p.key == prompt.key)
        });
        // Outside the therapist's board a pair nobody shared is left out, so no row
        // announces who kept what for the therapist (the page shows a shared side
        // alone, without a gap where the other would be).
        if !self.is_therapist() && own.is_empty() && imagined.is_empty() {
            return None;
        }
        let mark =
            self.inputs.marks.iter().find(|m| m.pair_key == pair && m.subject_id == subject.id);
        let about_viewer = self.viewer_id() == Some(subject.id.as_str());
        let closeness = mark
            .and_then(|m| {
                m.closeness
                    .map(|rating| Closeness { rating, by_therapist: m.closeness_by_therapist })
            })
            .filter(|_| !matches!(self.audience, Audience::Participant { .. }) || about_viewer);
        let in_session = self.inputs.exercise.status == ExerciseStatus::InSession;
        let may_rate = in_session
            && !imagined_prompts.is_empty()
            && (self.is_therapist() || (about_viewer && revealed));
        Some(PairRow {
            pair_key: pair.to_owned(),
            own_question: own_prompts.first().map(|p| self.question(p, None)),
            imagined_question: imagined_prompts
                .first()
                .map(|p| self.question(p, Some(subject.display_name.as_str()))),
            own,
            imagined,
            discussed: mark.is_some_and(|m| m.discussed),
            closeness,
            may_rate,
            note: self.note(&pair_note_target(pair, &subject.id)),
        })
    }

    fn everyone(&self, section: &Section, revealed: bool) -> Vec<QuestionAnswers> {
        section
            .prompts
            .iter()
            .filter(|prompt| prompt.pair.is_none() && prompt.about == About::Nobody)
            .filter_map(|prompt| {
                let answers = self.shown_where(revealed, |_, asked, _| asked.key == prompt.key);
                // Outside the therapist's board, a question nobody shared is left out.
                if answers.is_empty() && !self.is_therapist() {
                    return None;
                }
                Some(QuestionAnswers {
                    prompt_key: prompt.key.clone(),
                    question: self.question(prompt, None),
                    answers,
                })
            })
            .collect()
    }

    /// The answers matching `wanted` that this audience may see, in the family's
    /// order of authors. The one place the sharing rule is applied: the therapist
    /// sees everything; everyone else only answers in a revealed section that their
    /// author shared and that the template lets be shared.
    fn shown_where(
        &self,
        revealed: bool,
        wanted: impl Fn(&Participant, &Prompt, &StoredAnswer) -> bool,
    ) -> Vec<Shown> {
        let mut shown = Vec::new();
        for author in self.inputs.people {
            for answer in self.by_author.get(author.id.as_str()).into_iter().flatten() {
                let Some(prompt) = self.prompt(&answer.key.prompt_key) else { continue };
                if !wanted(author, prompt, answer) {
                    continue;
                }
                let therapist_only = answer.visibility == Visibility::TherapistOnly
                    || prompt.visibility == Visibility::TherapistOnly;
                if !self.is_therapist() && (therapist_only || !revealed) {
                    continue;
                }
                let Some(question) = self.asked_as(prompt, answer) else { continue };
                let label = match (&prompt.kind, &answer.value) {
                    (PromptKind::SingleChoice { choices }, AnswerValue::Choice { choice }) => {
                        choices.iter().find(|c| c.value == *choice).map(|c| c.label.clone())
                    }
                    (PromptKind::Scale { min_label, max_label }, _) => {
                        Some(format!("0 = {min_label}, 10 = {max_label}"))
                    }
                    _ => None,
                };
                shown.push(Shown {
                    label,
                    author_id: author.id.to_string(),
                    author_name: author.display_name.as_str().to_owned(),
                    question,
                    value: answer.value.clone(),
                    therapist_only,
                    // The board reads in its template's language (the viewer's).
                    language: answer.language,
                    written_in_other: answer.language != self.inputs.template.language,
                });
            }
        }
        shown
    }

    /// The question as `answer`'s author was asked it; `None` when whom or what it
    /// was about is no longer in the exercise (a person removed, a next step gone).
    fn asked_as(&self, prompt: &Prompt, answer: &StoredAnswer) -> Option<String> {
        let about = answer.key.about.as_deref();
        if prompt.about.is_next_step() {
            let step =
                self.inputs.last_steps.iter().find(|step| Some(step.id.as_str()) == about)?;
            return Some(fill_step(&self.question(prompt, Some(&step.who_name)), &step.what));
        }
        let about_name = match about {
            Some(id) => Some(self.inputs.people.iter().find(|p| p.id == id)?.display_name.as_str()),
            None => None,
        };
        Some(self.question(prompt, about_name))
    }

    /// Last exercise's next steps with both sides' follow-ups: how it has gone (the one
    /// who agreed) next to whether a change was noticed (the one it was for).
    fn follow_ups(&self, section: &Section, revealed: bool) -> Vec<FollowUp> {
        let of = |about: About| -> Vec<&Prompt> {
            section.prompts.iter().filter(|p| p.about == about).collect()
        };
        let (agreed, for_them) = (of(About::EachLastStepAgreed), of(About::EachLastStepForMe));
        if agreed.is_empty() && for_them.is_empty() {
            return Vec::new();
        }
        self.inputs
            .last_steps
            .iter()
            .filter_map(|step| {
                let about_step =
                    |answer: &StoredAnswer| answer.key.about.as_deref() == Some(step.id.as_str());
                let how = self.shown_where(revealed, |author, prompt, answer| {
                    author.id == step.who_id
                        && about_step(answer)
                        && agreed.iter().any(|p| p.key == prompt.key)
                });
                let noticed = self.shown_where(revealed, |author, prompt, answer| {
                    step.for_id.as_deref() == Some(author.id.as_str())
                        && about_step(answer)
                        && for_them.iter().any(|p| p.key == prompt.key)
                });
                // As with pairs: outside the therapist's board a step nobody shared
                // a word about is left out.
                if !self.is_therapist() && how.is_empty() && noticed.is_empty() {
                    return None;
                }
                let name_of = |id: &str| {
                    self.inputs
                        .people
                        .iter()
                        .find(|p| p.id == id)
                        .map(|p| p.display_name.as_str().to_owned())
                };
                Some(FollowUp {
                    step: NextStep {
                        id: step.id.clone(),
                        who_id: step.who_id.clone(),
                        who_name: step.who_name.clone(),
                        for_id: step.for_id.clone(),
                        for_name: step.for_id.as_deref().and_then(name_of),
                        what: step.what.clone(),
                        by_when: step.by_when.clone(),
                    },
                    how,
                    noticed,
                })
            })
            .collect()
    }

    fn prompt(&self, key: &str) -> Option<&'a Prompt> {
        self.prompts.get(key).copied()
    }

    fn question(&self, prompt: &Prompt, about_name: Option<&str>) -> String {
        fill_names(&prompt.text, about_name, &self.recovery_name)
    }

    fn note(&self, target: &str) -> Option<String> {
        if !self.is_therapist() {
            return None;
        }
        self.inputs.notes.iter().find(|(t, _)| t == target).map(|(_, body)| body.clone())
    }
}

/// Check-in flags as the therapist reads them (the board and the dashboard).
/// The flags as the therapist sees them; with `answers` (every answer of the
/// exercise, by author), each carries the answer that raised it.
pub fn flag_views(
    template: &Template,
    people: &[Participant],
    flags: &[StoredFlag],
    answers: Option<&[(String, StoredAnswer)]>,
) -> Vec<FlagView> {
    let recovery_name = recovery_name(people);
    let prompt_of =
        |key: &str| template.sections.iter().flat_map(|s| &s.prompts).find(|p| p.key == key);
    let answer_of = |flag: &StoredFlag| {
        let (_, stored) = answers?.iter().find(|(author, answer)| {
            *author == flag.participant_id
                && answer.key.prompt_key == flag.prompt_key
                && answer.key.about.is_none()
        })?;
        Some(match (&stored.value, prompt_of(&flag.prompt_key).map(|p| &p.kind)) {
            (AnswerValue::Text { text }, _) => text.clone(),
            (AnswerValue::Scale { score }, _) => format!("{score} of 10"),
            (AnswerValue::Choice { choice }, Some(PromptKind::SingleChoice { choices })) => choices
                .iter()
                .find(|c| c.value == *choice)
                .map_or_else(|| choice.clone(), |c| c.label.clone()),
            (AnswerValue::Choice { choice }, _) => choice.clone(),
            (AnswerValue::Feelings { feelings, words }, _) => {
                format!("{} {words}", feelings.join(", ")).trim().to_owned()
            }
        })
    };
    flags
        .iter()
        .map(|flag| FlagView {
            answer: answer_of(flag),
            id: flag.id.clone(),
            participant_name: people
                .iter()
                .find(|p| p.id == flag.participant_id)
                .map(|p| p.display_name.as_str().to_owned())
                .unwrap_or_else(|| "Someone no longer in the family".to_owned()),
            question: template
                .sections
                .iter()
                .flat_map(|s| &s.prompts)
                .find(|p| p.key == flag.prompt_key)
                .map(|p| fill_names(&p.text, None, &recovery_name))
                .unwrap_or_else(|| flag.prompt_key.clone()),
            summary: flag.summary.clone(),
            safety: flag.rule == SAFETY_RULE,
            raised_at_ms: flag.raised_at_ms,
            acknowledged: flag.acknowledged_at_ms.is_some(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{
        answer::AnswerKey,
        exercise::ExerciseStatus,
        family::{AgeBand, ParticipantName, Relationship},
    };

    fn person(id: &str, role: Role) -> Participant {
        Participant {
            id: id.into(),
            family_id: "f".into(),
            display_name: ParticipantName::parse(id).unwrap(),
            role,
            relationship: if role == Role::PersonInRecovery {
                Relationship::Myself
            } else {
                Relationship::Partner
            },
            age_band: AgeBand::Adult,
            language: crate::i18n::Language::En,
            created_at_ms: 0,
        }
    }

    fn answer(
        author: &str,
        prompt: &str,
        about: Option<&str>,
        text: &str,
        visibility: Visibility,
    ) -> (String, StoredAnswer) {
        (
            author.into(),
            StoredAnswer {
                key: AnswerKey { prompt_key: prompt.into(), about: about.map(str::to_owned) },
                value: AnswerValue::Text { text: text.into() },
                visibility,
                version: 1,
                replaced: None,
                language: crate::i18n::Language::En,
            },
        )
    }

    struct World {
        exercise: Exercise,
        template: Template,
        people: Vec<Participant>,
        answers: Vec<(String, StoredAnswer)>,
        marks: Vec<Mark>,
        notes: Vec<(String, String)>,
    }

    fn world() -> World {
        World {
            exercise: Exercise {
                id: "e".into(),
                family_id: "f".into(),
                template_id: "t".into(),
                focus: None,
                due_date: None,
                status: ExerciseStatus::InSession,
                created_at_ms: 0,
                opened_at_ms: Some(1),
                session_at_ms: Some(2),
                closed_at_ms: None,
                follows: None,
            },
            template: crate::template::builtin::impact_hurt_amends(),
            people: vec![
                person("Alex", Role::PersonInRecovery),
                person("Sam", Role::FamilyMember),
                person("Pat", Role::FamilyMember),
            ],
            answers: vec![
                answer("Sam", "impact.moment.family", None, "sam shared", Visibility::Shared),
                answer(
                    "Sam",
                    "impact.effects.family",
                    None,
                    "sam private",
                    Visibility::TherapistOnly,
                ),
                answer(
                    "Alex",
                    "impact.moment.recovery",
                    Some("Sam"),
                    "alex about sam",
                    Visibility::Shared,
                ),
                answer("Sam", "checkin.note", None, "sam checkin", Visibility::Shared),
                answer("Sam", "hurt.most.family", None, "sam hurt", Visibility::Shared),
            ],
            marks: vec![Mark {
                pair_key: "impact.moment".into(),
                subject_id: "Sam".into(),
                discussed: true,
                closeness: Some(3),
                closeness_by_therapist: false,
            }],
            notes: vec![("section:impact".into(), "a note".into())],
        }
    }

    fn board(world: &World, revealed: &[&str], audience: Audience) -> String {
        let revealed: Vec<String> = revealed.iter().map(|s| (*s).to_owned()).collect();
        let inputs = BoardInputs {
            exercise: &world.exercise,
            family_name: "R. family",
            template: &world.template,
            people: &world.people,
            answers: &world.answers,
            revealed: &revealed,
            marks: &world.marks,
            notes: &world.notes,
            next_steps: &[],
            last_steps: &[],
            flags: &[],
            as_of_ms: 3,
        };
        serde_json::to_string(&build(&inputs, audience)).unwrap()
    }

    #[test]
    fn hidden_sections_carry_nothing_outside_the_therapists_board() {
        let world = world();
        let sam = Audience::Participant { participant_id: "Sam".into() };
        for audience in [Audience::Presenter, sam.clone()] {
            let shown = board(&world, &[], audience);
            for words in
                ["sam shared", "sam private", "alex about sam", "sam checkin", "sam hurt", "a note"]
            {
                assert!(!shown.contains(words), "{words} before any reveal");
            }
        }
        let therapist = board(&world, &[], Audience::Therapist);
        for words in
            ["sam shared", "sam private", "alex about sam", "sam checkin", "sam hurt", "a note"]
        {
            assert!(therapist.contains(words), "the therapist reads {words}");
        }
    }

    #[test]
    fn a_revealed_section_shows_only_shared_answers_and_never_notes_or_the_check_in() {
        let world = world();
        let shown = board(
            &world,
            &["impact", "checkin"],
            Audience::Participant { participant_id: "Pat".into() },
        );
        assert!(shown.contains("sam shared") && shown.contains("alex about sam"));
        for words in ["sam private", "sam checkin", "sam hurt", "a note"] {
            assert!(!shown.contains(words), "{words} reached Pat");
        }
        // Pat does not see the rating Sam gave; the presenter does.
        assert!(!shown.contains("\"rating\":3"));
        assert!(board(&world, &["impact"], Audience::Presenter).contains("\"rating\":3"));
    }

    #[test]
    fn only_the_subject_may_rate_and_only_once_revealed() {
        let world = world();
        let rows_of = |json: &str, subject: &str| -> Vec<serde_json::Value> {
            let board: serde_json::Value = serde_json::from_str(json).unwrap();
            board["sections"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|s| s["key"] == "impact")
                .flat_map(|s| s["perspectives"].as_array().unwrap().clone())
                .filter(|p| p["subject"]["id"] == subject)
                .flat_map(|p| p["rows"].as_array().unwrap().clone())
                .collect()
        };
        let sam = Audience::Participant { participant_id: "Sam".into() };
        let hidden = board(&world, &[], sam.clone());
        assert!(rows_of(&hidden, "Sam").is_empty());
        let revealed = board(&world, &["impact"], sam);
        assert!(rows_of(&revealed, "Sam").iter().all(|row| row["may_rate"] == true));
        assert!(rows_of(&revealed, "Pat").iter().all(|row| row["may_rate"] == false));
        let therapist = board(&world, &[], Audience::Therapist);
        assert!(rows_of(&therapist, "Pat").iter().all(|row| row["may_rate"] == true));
    }

    #[test]
    fn the_familys_case_label_never_reaches_a_participant() {
        let world = world();
        let pat = Audience::Participant { participant_id: "Pat".into() };
        assert!(!board(&world, &["impact"], pat).contains("R. family"));
        assert!(board(&world, &[], Audience::Therapist).contains("R. family"));
    }

    fn section_of(json: &str, key: &str) -> serde_json::Value {
        let board: serde_json::Value = serde_json::from_str(json).unwrap();
        board["sections"].as_array().unwrap().iter().find(|s| s["key"] == key).unwrap().clone()
    }

    fn rows_by_subject(section: &serde_json::Value) -> Vec<(String, Vec<String>)> {
        section["perspectives"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| {
                let rows = p["rows"].as_array().unwrap();
                let keys = rows.iter().map(|r| r["pair_key"].as_str().unwrap().to_owned());
                (p["subject"]["name"].as_str().unwrap().to_owned(), keys.collect())
            })
            .collect()
    }

    #[test]
    fn outside_the_therapists_board_a_pair_nobody_shared_is_left_out() {
        let world = world();
        let therapist = section_of(&board(&world, &["impact"], Audience::Therapist), "impact");
        let presenter = section_of(&board(&world, &["impact"], Audience::Presenter), "impact");
        // Sam kept "impact.effects" for the therapist and nobody answered the feelings
        // or anything about Pat: the shared screen shows the one pair someone shared,
        // and nothing where the others would be.
        assert_eq!(
            rows_by_subject(&presenter),
            vec![("Sam".to_owned(), vec!["impact.moment".to_owned()])]
        );
        let therapists = rows_by_subject(&therapist);
        assert!(
            therapists.iter().any(|(who, rows)| who == "Sam" && rows.len() == 3),
            "{therapists:?}"
        );
        assert!(therapists.iter().any(|(who, _)| who == "Pat"));
    }

    #[test]
    fn sections_the_family_can_never_see_offer_nothing_to_reveal() {
        let world = world();
        let json = board(&world, &[], Audience::Therapist);
        assert_eq!(section_of(&json, "checkin")["never_shown"], "TherapistOnly");
        assert_eq!(section_of(&json, "child")["never_shown"], "NobodyAsked");
        for shareable in ["strengths", "impact", "hurt", "amends", "closing"] {
            assert_eq!(section_of(&json, shareable)["never_shown"], serde_json::Value::Null);
        }
    }
}
