//! What the series server functions take and answer with (server and browser).

use serde::{Deserialize, Serialize};

/// Which version of the last exercise's template the next one uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VersionPlan {
    /// The version the last exercise used: answers compare question for question.
    Same,
    /// The newest version of that template the therapist can use.
    Newest,
}

impl VersionPlan {
    pub fn as_str(self) -> &'static str {
        match self {
            VersionPlan::Same => "same",
            VersionPlan::Newest => "newest",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        [Self::Same, Self::Newest].into_iter().find(|plan| plan.as_str() == text)
    }
}

/// What happens to people's links when the next exercise starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LinkPlan {
    /// Each person's link, passcode and devices carry on: the link they have opens
    /// the next exercise, and nobody sets anything up again.
    Keep,
    /// Everyone gets a new link; the old links stop working.
    New,
}

impl LinkPlan {
    pub fn as_str(self) -> &'static str {
        match self {
            LinkPlan::Keep => "keep",
            LinkPlan::New => "new",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        [Self::Keep, Self::New].into_iter().find(|plan| plan.as_str() == text)
    }
}

/// What the family page offers for *Start the next exercise*.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NextExerciseOffer {
    /// The family's last exercise, which the next one follows.
    pub last_id: String,
    /// "Impact, hurt and amends (version 1)".
    pub last_label: String,
    /// The next one can start only once the last one is closed (its links then
    /// move on to the next one).
    pub last_closed: bool,
    /// "version 1": the version the last exercise used.
    pub same_version: u32,
    /// A newer version of the same template, when there is one.
    pub newer_version: Option<u32>,
}

/// A family's guesses over its series of exercises (the therapist's view only; see
/// docs/session.md for what each measure means and why families never see it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OverTime {
    pub family_id: String,
    pub family_name: String,
    /// The family's exercises, oldest first.
    pub exercises: Vec<SeriesExercise>,
    /// One per guessing pair with a guess in any exercise.
    pub pairs: Vec<PairTrend>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeriesExercise {
    pub id: String,
    /// 1 for the family's first exercise.
    pub number: usize,
    pub started_ms: i64,
    pub title: String,
}

/// One person's guesses about another, exercise by exercise.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PairTrend {
    pub guesser_id: String,
    pub guesser_name: String,
    pub subject_id: String,
    pub subject_name: String,
    /// One per exercise of the series, in the same order.
    pub points: Vec<PairPoint>,
    /// The trend in plain words, never a verdict about a person.
    pub words: String,
}

/// What one exercise shows of one guessing pair.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PairPoint {
    /// Pair rows where the guesser wrote a guess about the subject.
    pub guesses: u32,
    /// The closeness ratings given to those rows (0 "not close" … 4 "spot on").
    pub ratings: Vec<u8>,
    /// Feelings the subject named, where the guesser also guessed their feelings.
    pub feelings_named: u32,
    /// Of those, how many the guess named too.
    pub feelings_matched: u32,
    /// Next steps the guesser agreed for the subject in the exercise before, followed
    /// up in this one.
    pub steps: u32,
    /// Of those, how many the guesser said were done.
    pub steps_kept: u32,
}

impl PairPoint {
    /// The mean closeness, when any guess was rated ("not rated" is never 0).
    pub fn mean(&self) -> Option<f64> {
        (!self.ratings.is_empty()).then(|| {
            f64::from(self.ratings.iter().map(|r| u32::from(*r)).sum::<u32>())
                / self.ratings.len() as f64
        })
    }

    /// "2.5", or "not rated".
    pub fn mean_text(&self) -> String {
        self.mean().map_or_else(|| "not rated".to_owned(), |mean| format!("{mean:.1}"))
    }

    /// "2 of 3 feelings named", or "no feelings to compare".
    pub fn feelings_text(&self) -> String {
        if self.feelings_named == 0 {
            "no feelings to compare".to_owned()
        } else {
            format!("{} of {} feelings named", self.feelings_matched, self.feelings_named)
        }
    }

    /// "1 of 2 next steps kept", or "no next steps".
    pub fn steps_text(&self) -> String {
        match self.steps {
            0 => "no next steps".to_owned(),
            1 => format!("{} of 1 next step kept", self.steps_kept),
            n => format!("{} of {n} next steps kept", self.steps_kept),
        }
    }

    /// Share of the subject's feelings the guess named (0.0–1.0), when any.
    pub fn feelings_share(&self) -> Option<f64> {
        (self.feelings_named > 0)
            .then(|| f64::from(self.feelings_matched) / f64::from(self.feelings_named))
    }
}
