//! The session board as a page receives it: already cut down to what its viewer
//! may see (shared by server and browser).

use serde::{Deserialize, Serialize};

use crate::{answer::AnswerValue, exercise::ExerciseStatus, family::Role};

/// Who a board is built for. Decides what is left out, on the server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Audience {
    /// The exercise's therapist: every answer (therapist-only ones marked), notes,
    /// flags, marks.
    Therapist,
    /// A shared screen: only revealed sections and shared answers; marks, no
    /// notes or flags.
    Presenter,
    /// A participant's own device: like the presenter, and closeness ratings only
    /// for guesses about them (which they may give).
    Participant { participant_id: String },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Board {
    pub exercise_id: String,
    pub audience: Audience,
    pub family_name: String,
    pub focus: Option<String>,
    pub status: ExerciseStatus,
    pub people: Vec<Person>,
    pub sections: Vec<BoardSection>,
    pub next_steps: Vec<NextStep>,
    /// Therapist only (empty for everyone else).
    pub flags: Vec<FlagView>,
    /// When the exercise was made, opened, its session started, closed. Therapist
    /// only (the printed record carries them).
    pub dates: Option<ExerciseDates>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExerciseDates {
    pub created_ms: i64,
    pub opened_ms: Option<i64>,
    pub session_ms: Option<i64>,
    pub closed_ms: Option<i64>,
    /// When this board was made (the date a summary is printed).
    pub as_of_ms: i64,
}

impl Board {
    /// An unacknowledged "not safe at home" flag: nothing may be revealed.
    pub fn reveal_blocked(&self) -> bool {
        flags_block_reveal(&self.flags)
    }

    pub fn revealed_count(&self) -> usize {
        self.sections.iter().filter(|s| s.revealed).count()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    pub id: String,
    pub name: String,
    pub role: Role,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoardSection {
    pub key: String,
    pub title: String,
    pub why: String,
    pub revealed: bool,
    /// Per person whose perspective the section's pairs compare.
    pub perspectives: Vec<Perspective>,
    /// Questions everyone answers on their own (not paired), with each answer.
    pub everyone: Vec<QuestionAnswers>,
    /// Last exercise's next steps, each with both sides' follow-ups.
    pub follow_ups: Vec<FollowUp>,
    /// The therapist's note on the section (therapist only).
    pub note: Option<String>,
    /// Why the family could never see anything of this section, if so: then there
    /// is nothing to reveal (`Shareable::why_not`).
    pub never_shown: Option<NeverShown>,
}

/// Why a section has nothing the family could ever see.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum NeverShown {
    /// Its questions are for the therapist only (the check-in, the children's part).
    TherapistOnly,
    /// Nobody in this exercise is asked its questions (a children's part in a family
    /// without a child).
    NobodyAsked,
}

impl NeverShown {
    /// The therapist's board says so where the Reveal button would be.
    pub fn explanation(self) -> &'static str {
        match self {
            NeverShown::TherapistOnly => {
                "Nothing to reveal: this part's answers are for you only and are never shown to \
                 the family."
            }
            NeverShown::NobodyAsked => {
                "Nothing to reveal: nobody in this exercise is asked this part."
            }
        }
    }
}

impl BoardSection {
    pub fn is_empty(&self) -> bool {
        self.perspectives.is_empty() && self.everyone.is_empty() && self.follow_ups.is_empty()
    }
}

/// A next step agreed in the exercise before, followed up: how it has gone, in the
/// words of the one who agreed it, next to whether the one it was for noticed a
/// change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUp {
    pub step: NextStep,
    pub how: Vec<Shown>,
    pub noticed: Vec<Shown>,
}

/// One person's perspective in a section: for each pair, their own words next to
/// what others imagined for them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Perspective {
    pub subject: Person,
    pub rows: Vec<PairRow>,
    /// Answers about the subject outside the pairs (such as "How sure are you?").
    pub also: Vec<Shown>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PairRow {
    pub pair_key: String,
    pub own: Vec<Shown>,
    pub imagined: Vec<Shown>,
    /// Questions of each side, for a side with nothing to show ("Not shared").
    pub own_question: Option<String>,
    pub imagined_question: Option<String>,
    pub discussed: bool,
    pub closeness: Option<Closeness>,
    /// Whether this viewer may rate the guesses here now.
    pub may_rate: bool,
    /// The therapist's note on the pair (therapist only).
    pub note: Option<String>,
}

impl PairRow {
    /// Feelings both sides named: the matches the board highlights.
    pub fn shared_feelings(&self) -> Vec<String> {
        let words = |answers: &[Shown]| -> Vec<String> {
            answers
                .iter()
                .filter_map(|shown| match &shown.value {
                    AnswerValue::Feelings { feelings, .. } => Some(feelings.clone()),
                    _ => None,
                })
                .flatten()
                .collect()
        };
        let imagined = words(&self.imagined);
        let mut both: Vec<String> =
            words(&self.own).into_iter().filter(|word| imagined.contains(word)).collect();
        both.dedup();
        both
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Closeness {
    /// 0 "not close" … 4 "spot on".
    pub rating: u8,
    pub by_therapist: bool,
}

/// An answer as shown on a board.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shown {
    pub author_id: String,
    pub author_name: String,
    /// The question as its author was asked it.
    pub question: String,
    pub value: AnswerValue,
    /// A single choice's label ("I'd rather talk to my therapist"), or the end
    /// labels of a scale ("not at all … completely").
    pub label: Option<String>,
    /// Only ever true on the therapist's board.
    pub therapist_only: bool,
    /// What it was written in (its text keeps that language: `lang` on the page).
    pub language: crate::i18n::Language,
    /// Written in another language than the board is read in: marked as such.
    pub written_in_other: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionAnswers {
    pub prompt_key: String,
    pub question: String,
    pub answers: Vec<Shown>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NextStep {
    pub id: String,
    pub who_id: String,
    pub who_name: String,
    /// Whom it is for, if anyone in particular.
    pub for_id: Option<String>,
    pub for_name: Option<String>,
    pub what: String,
    /// `YYYY-MM-DD`.
    pub by_when: Option<String>,
}

/// The JSON export of an exercise (therapist only; served by `board::export`).
pub fn export_path(exercise_id: &str) -> String {
    format!("/exercises/{exercise_id}/export.json")
}

/// Where a note on a section is kept.
pub fn section_note_target(section_key: &str) -> String {
    format!("section:{section_key}")
}

/// Where a note on a pair row is kept.
pub fn pair_note_target(pair_key: &str, subject_id: &str) -> String {
    format!("pair:{pair_key}:{subject_id}")
}

pub const NEXT_STEP_MAX_CHARS: usize = 500;
pub const NOTE_MAX_CHARS: usize = 4000;

/// Whether any of these flags is an unacknowledged "not safe at home" answer.
pub fn flags_block_reveal(flags: &[FlagView]) -> bool {
    flags.iter().any(|flag| flag.safety && !flag.acknowledged)
}

/// A check-in flag as the therapist sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FlagView {
    pub id: String,
    pub participant_name: String,
    pub question: String,
    pub summary: String,
    /// The answer that raised the flag, as the participant gave it (the note's
    /// words, the score, the choice), so it is read where it is acknowledged. On the
    /// board only (its reads are audited); the dashboard links there instead.
    pub answer: Option<String>,
    /// "Do you feel safe at home?" answered with anything but yes: blocks reveals
    /// until acknowledged.
    pub safety: bool,
    pub raised_at_ms: i64,
    pub acknowledged: bool,
}

/// The therapist's dashboard: every family with its exercises.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DashboardFamily {
    pub id: String,
    pub name: String,
    pub archived: bool,
    pub participants: usize,
    pub exercises: Vec<DashboardExercise>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DashboardExercise {
    pub id: String,
    pub status: ExerciseStatus,
    pub focus: Option<String>,
    pub template_title: String,
    pub people: Vec<PersonProgress>,
    pub flags: Vec<FlagView>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonProgress {
    pub name: String,
    pub role: Role,
    pub progress: Progress,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Progress {
    NotStarted,
    InProgress,
    Done,
}

impl Progress {
    pub fn label(self) -> &'static str {
        match self {
            Progress::NotStarted => "Not started",
            Progress::InProgress => "In progress",
            Progress::Done => "Done",
        }
    }
}
