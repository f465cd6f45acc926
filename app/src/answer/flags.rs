//! Check-in flags: when an answer should be brought to the therapist's attention
//! first (DESIGN §3, §5). Pure, so the rule is tested on its own.

use super::AnswerValue;
use crate::template::{FlagRule, PromptKind};

/// A flag an answer raises: the template rule, and a few words on what was
/// answered (never the person's free text: a note is only "left a note").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RaisedFlag {
    pub rule: &'static str,
    pub summary: String,
}

/// The rule name of flags from single-choice safety questions ("Do you feel safe at
/// home?"): the session board refuses to reveal while one is unacknowledged.
pub const SAFETY_RULE: &str = "unless";

/// The flag `value` raises under `rule`, if any.
pub fn flag_for(rule: &FlagRule, kind: &PromptKind, value: &AnswerValue) -> Option<RaisedFlag> {
    match (rule, value) {
        (FlagRule::AtOrBelow(limit), AnswerValue::Scale { score }) if score <= limit => {
            Some(RaisedFlag { rule: "at_or_below", summary: format!("{score} out of 10") })
        }
        (FlagRule::Unless(expected), AnswerValue::Choice { choice }) if choice != expected => {
            let label = match kind {
                PromptKind::SingleChoice { choices } => {
                    choices.iter().find(|c| &c.value == choice).map(|c| c.label.clone())
                }
                _ => None,
            };
            Some(RaisedFlag { rule: SAFETY_RULE, summary: label.unwrap_or_else(|| choice.clone()) })
        }
        (FlagRule::IfAnswered, value) if value.is_answered() => {
            Some(RaisedFlag { rule: "if_answered", summary: "Left a note for you".to_owned() })
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::template::Choice;

    #[test]
    fn check_in_answers_raise_flags_as_the_design_says() {
        let scale = PromptKind::Scale { min_label: String::new(), max_label: String::new() };
        let low = FlagRule::AtOrBelow(3);
        assert!(flag_for(&low, &scale, &AnswerValue::Scale { score: 3 }).is_some());
        assert!(flag_for(&low, &scale, &AnswerValue::Scale { score: 4 }).is_none());

        let safe = PromptKind::SingleChoice {
            choices: vec![
                Choice { value: "yes".into(), label: "Yes".into() },
                Choice { value: "no".into(), label: "No".into() },
            ],
        };
        let unless = FlagRule::Unless("yes".into());
        assert!(flag_for(&unless, &safe, &AnswerValue::Choice { choice: "yes".into() }).is_none());
        let raised =
            flag_for(&unless, &safe, &AnswerValue::Choice { choice: "no".into() }).unwrap();
        assert_eq!((raised.rule, raised.summary.as_str()), (SAFETY_RULE, "No"));

        let note = PromptKind::LongText { max_chars: 100 };
        let any = FlagRule::IfAnswered;
        assert!(flag_for(&any, &note, &AnswerValue::Text { text: "  ".into() }).is_none());
        let raised =
            flag_for(&any, &note, &AnswerValue::Text { text: "private words".into() }).unwrap();
        assert!(!raised.summary.contains("private"), "a flag never carries the note itself");
    }
}
