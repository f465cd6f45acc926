//! What participants write, as the app passes it between server and browser.

use serde::{Deserialize, Serialize};

use super::feelings::{FEELING_WORDS_MAX_CHARS, is_feeling};
use crate::template::{PromptKind, Visibility};

/// One answer's content. Stored as JSON in `answers.value`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum AnswerValue {
    Text { text: String },
    Scale { score: u8 },
    Choice { choice: String },
    Feelings { feelings: Vec<String>, words: String },
}

impl AnswerValue {
    /// False for an emptied text or an empty feelings answer (they count as not
    /// answered: skipping is allowed).
    pub fn is_answered(&self) -> bool {
        match self {
            AnswerValue::Text { text } => !text.trim().is_empty(),
            AnswerValue::Scale { .. } | AnswerValue::Choice { .. } => true,
            AnswerValue::Feelings { feelings, words } => {
                !feelings.is_empty() || !words.trim().is_empty()
            }
        }
    }

    /// The empty answer of a prompt kind, for a field nobody has touched.
    pub fn empty_for(kind: &PromptKind) -> Option<Self> {
        match kind {
            PromptKind::LongText { .. } => Some(AnswerValue::Text { text: String::new() }),
            PromptKind::Feelings { .. } => {
                Some(AnswerValue::Feelings { feelings: Vec::new(), words: String::new() })
            }
            PromptKind::Scale { .. } | PromptKind::SingleChoice { .. } => None,
        }
    }

    /// Checks the value against its prompt's kind and bounds, and normalises it (line
    /// breaks as `\n`, feelings in vocabulary order without repeats). The message
    /// says, in plain words, what to change.
    pub fn checked(self, kind: &PromptKind) -> Result<AnswerValue, String> {
        match (self, kind) {
            (AnswerValue::Text { text }, PromptKind::LongText { max_chars }) => {
                let text = normalise_line_breaks(&text);
                let count = char_count(&text);
                let max = *max_chars as usize;
                if count > max {
                    return Err(too_long_message(count, max));
                }
                Ok(AnswerValue::Text { text })
            }
            (AnswerValue::Scale { score }, PromptKind::Scale { .. }) if score <= SCALE_MAX => {
                Ok(AnswerValue::Scale { score })
            }
            (AnswerValue::Choice { choice }, PromptKind::SingleChoice { choices })
                if choices.iter().any(|c| c.value == choice) =>
            {
                Ok(AnswerValue::Choice { choice })
            }
            (AnswerValue::Feelings { feelings, words }, PromptKind::Feelings { with_words }) => {
                if let Some(unknown) = feelings.iter().find(|word| !is_feeling(word)) {
                    return Err(format!(
                        "\"{unknown}\" is not one of the feelings to choose from."
                    ));
                }
                let ordered = super::feelings::all_feelings()
                    .filter(|word| feelings.iter().any(|chosen| chosen == word))
                    .map(str::to_owned)
                    .collect();
                let words = if *with_words { normalise_line_breaks(&words) } else { String::new() };
                let count = char_count(&words);
                if count > FEELING_WORDS_MAX_CHARS {
                    return Err(too_long_message(count, FEELING_WORDS_MAX_CHARS));
                }
                Ok(AnswerValue::Feelings { feelings: ordered, words })
            }
            _ => Err("That answer does not fit this question. Please reload the page.".to_owned()),
        }
    }
}

/// The top of every 0–10 scale.
pub const SCALE_MAX: u8 = 10;

/// Browsers send line breaks in forms as `\r\n` but count them as one character in
/// the page; the server counts what the person saw.
pub fn normalise_line_breaks(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\r', "\n")
}

/// Characters as a person counts them (not bytes).
pub fn char_count(text: &str) -> usize {
    text.chars().count()
}

pub fn too_long_message(count: usize, max: usize) -> String {
    format!(
        "This answer is {count} characters long; the limit is {max}. Please shorten it by {} \
         characters. Your text is kept here, but it is not saved until it fits.",
        count - max
    )
}

/// Which answer: a prompt, and for prompts asked about each other participant, whom.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct AnswerKey {
    pub prompt_key: String,
    /// The participant the prompt is about, if any.
    pub about: Option<String>,
}

impl AnswerKey {
    /// A name for the answer's form fields and element ids: `prompt~about`.
    pub fn field_name(&self) -> String {
        format!("{}~{}", self.prompt_key, self.about.as_deref().unwrap_or("-"))
    }

    /// The reverse of `field_name`.
    pub fn from_field_name(name: &str) -> Option<Self> {
        let (prompt_key, about) = name.split_once('~')?;
        Some(AnswerKey {
            prompt_key: prompt_key.to_owned(),
            about: (about != "-").then(|| about.to_owned()),
        })
    }
}

/// Whether a participant may change their answers now, and if not, why.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum AnswerAccess {
    /// Answering is open.
    Open,
    /// They said "I'm done"; they can reopen until the session starts.
    Done,
    /// The therapist has not opened the exercise yet.
    NotOpenYet,
    /// The session has started: answers are kept as they are.
    SessionStarted,
    /// The therapist has closed the exercise: answers are kept as they were.
    Closed,
    /// They have not read the welcome page and agreed to start.
    NeedsConsent,
}

impl AnswerAccess {
    pub fn can_edit(self) -> bool {
        self == AnswerAccess::Open
    }

    /// What the participant is told when they cannot change answers.
    pub fn explanation(self, language: crate::i18n::Language) -> Option<&'static str> {
        use crate::i18n::{Catalogue, keys::ParticipantCommon};

        let t = ParticipantCommon::in_language(language);
        match self {
            AnswerAccess::Open => None,
            AnswerAccess::Done => Some(t.access_done),
            AnswerAccess::NotOpenYet => Some(t.access_not_open_yet),
            AnswerAccess::SessionStarted => Some(t.access_session_started),
            AnswerAccess::Closed => Some(t.access_closed),
            AnswerAccess::NeedsConsent => Some(t.access_needs_consent),
        }
    }
}

/// One question as a participant is asked it, with their answer so far.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AskedItem {
    pub key: AnswerKey,
    /// The name of the person it is about, for a heading.
    pub about_name: Option<String>,
    /// The question, with names filled in.
    pub text: String,
    pub help: Option<String>,
    pub kind: PromptKind,
    pub optional: bool,
    /// False when the template keeps this answer for the therapist only.
    pub can_share: bool,
    pub visibility: Visibility,
    pub answer: Option<AnswerValue>,
    /// The stored answer's version (0: nothing saved yet).
    pub version: i64,
    /// Text this answer replaced when it was saved from an older version, kept for
    /// its author to copy from.
    pub replaced: Option<AnswerValue>,
    /// What the participant sent without JavaScript that was refused: shown in the
    /// field instead of the saved answer, with the reason beside it.
    pub held: Option<HeldBack>,
}

impl AskedItem {
    /// What the page shows in the field at first: what the server held back (it was
    /// refused), else the saved answer.
    pub fn shown_value(&self) -> Option<AnswerValue> {
        self.held.as_ref().map(|held| held.value.clone()).or_else(|| self.answer.clone())
    }
}

/// An answer the server refused and kept for its author to fix (`answer::held`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HeldBack {
    pub value: AnswerValue,
    pub message: String,
}

/// A section page of the participant's prompts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SectionPage {
    /// 1-based.
    pub number: usize,
    pub count: usize,
    pub title: String,
    pub why: String,
    pub items: Vec<AskedItem>,
    pub access: AnswerAccess,
    /// A teen whose shareable answers here start as "Only my therapist": the page
    /// says why, and that they can change it.
    pub teen_starts_private: bool,
    /// Scopes the browser's copies of unsaved text to this participant.
    pub draft_scope: String,
    /// Identifies this page load as the writer of its saves, so a page that overtakes
    /// its own earlier save is not taken for another device.
    pub writer: String,
}

/// What a participant saves.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerToSave {
    pub key: AnswerKey,
    pub value: AnswerValue,
    pub visibility: Visibility,
    /// The version the participant's page last had (0: none).
    pub base_version: i64,
    pub writer: String,
}

/// The result of a save.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Saved {
    pub version: i64,
    /// Set when the save replaced text written elsewhere (another tab or device):
    /// the replaced text, to show its author.
    pub replaced: Option<AnswerValue>,
}

/// The last page: what is left unanswered, and done / reopen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Review {
    pub sections: Vec<ReviewSection>,
    pub answered: usize,
    pub total: usize,
    pub access: AnswerAccess,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewSection {
    pub number: usize,
    pub title: String,
    /// Questions without an answer (allowed), as asked.
    pub unanswered: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::template::Choice;

    #[test]
    fn text_is_bounded_in_characters_after_line_breaks_are_normalised() {
        let kind = PromptKind::LongText { max_chars: 5 };
        let fits = AnswerValue::Text { text: "ab\r\ncd".into() }.checked(&kind).unwrap();
        assert_eq!(fits, AnswerValue::Text { text: "ab\ncd".into() });
        let accented = AnswerValue::Text { text: "ééééé".into() };
        assert!(accented.checked(&kind).is_ok());
        let error = AnswerValue::Text { text: "abcdef".into() }.checked(&kind).unwrap_err();
        assert!(error.contains("6 characters") && error.contains("limit is 5"), "{error}");
    }

    #[test]
    fn values_must_fit_their_prompt() {
        let scale = PromptKind::Scale { min_label: "a".into(), max_label: "b".into() };
        assert!(AnswerValue::Scale { score: 10 }.checked(&scale).is_ok());
        assert!(AnswerValue::Scale { score: 11 }.checked(&scale).is_err());
        assert!(AnswerValue::Text { text: "x".into() }.checked(&scale).is_err());
        let choice = PromptKind::SingleChoice {
            choices: vec![Choice { value: "yes".into(), label: "Yes".into() }],
        };
        assert!(AnswerValue::Choice { choice: "yes".into() }.checked(&choice).is_ok());
        assert!(AnswerValue::Choice { choice: "maybe".into() }.checked(&choice).is_err());
    }

    #[test]
    fn feelings_come_from_the_vocabulary_in_its_order() {
        let kind = PromptKind::Feelings { with_words: false };
        let value = AnswerValue::Feelings {
            feelings: vec!["hopeful".into(), "hurt".into(), "hurt".into()],
            words: "dropped without words".into(),
        };
        assert_eq!(
            value.checked(&kind).unwrap(),
            AnswerValue::Feelings {
                feelings: vec!["hurt".into(), "hopeful".into()],
                words: "".into()
            }
        );
        let unknown = AnswerValue::Feelings { feelings: vec!["fine".into()], words: "".into() };
        assert!(unknown.checked(&kind).is_err());
    }

    #[test]
    fn field_names_round_trip() {
        for key in [
            AnswerKey { prompt_key: "impact.moment.recovery".into(), about: Some("abc123".into()) },
            AnswerKey { prompt_key: "checkin.note".into(), about: None },
        ] {
            assert_eq!(AnswerKey::from_field_name(&key.field_name()), Some(key));
        }
    }
}
