//! The names of a section form's fields, shared by the page that renders the form
//! and the handler that reads it (`form_post`): `kind~prompt~about`.

use crate::template::Visibility;

/// Where a section form is posted without JavaScript.
pub const PATH: &str = "/answers/save";
/// The id of a section's form: what its island listens on, and what the header's
/// language switch submits on an answer page (so that switching saves first).
pub const FORM_ID: &str = "answers";

pub const SECTION: &str = "section";
pub const GO: &str = "go";
pub const WRITER: &str = "writer";
pub const DISMISS: &str = "dismiss";
pub const VERSION: &str = "version";
pub const VISIBILITY: &str = "visibility";
pub const TEXT: &str = "text";
pub const SCORE: &str = "score";
pub const CHOICE: &str = "choice";
pub const FEELING: &str = "feeling";
pub const WORDS: &str = "words";

/// A field of one answer: `kind~prompt~about`.
pub fn name(kind: &str, field_name: &str) -> String {
    format!("{kind}~{field_name}")
}

/// The form value of a visibility.
pub fn visibility_value(visibility: Visibility) -> &'static str {
    match visibility {
        Visibility::Shared => "shared",
        Visibility::TherapistOnly => "therapist_only",
    }
}

/// The `go` of a language switch that saves the page first: `language-es`.
pub fn go_to_language(language: crate::i18n::Language) -> String {
    format!("language-{}", language.code())
}

/// The language a `go` asks to switch to, if it is a language switch.
pub fn language_of_go(go: &str) -> Option<crate::i18n::Language> {
    go.strip_prefix("language-").and_then(crate::i18n::Language::from_code)
}

/// True for the path of a section page (`/answers/3`), whose form the header's
/// language switch saves before it switches.
pub fn is_section_path(path: &str) -> bool {
    path.strip_prefix("/answers/")
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// Where Back and Next lead from section `number` of `count`; anything else stays.
pub fn destination(number: usize, count: usize, go: &str) -> String {
    match go {
        "back" if number <= 1 => "/welcome".to_owned(),
        "back" => format!("/answers/{}", number - 1),
        "next" if number >= count => "/answers/review".to_owned(),
        "next" => format!("/answers/{}", number + 1),
        _ => format!("/answers/{number}?notice=saved"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buttons_lead_to_the_neighbouring_sections() {
        assert_eq!(destination(1, 6, "back"), "/welcome");
        assert_eq!(destination(3, 6, "back"), "/answers/2");
        assert_eq!(destination(3, 6, "next"), "/answers/4");
        assert_eq!(destination(6, 6, "next"), "/answers/review");
        assert_eq!(destination(2, 6, "anything"), "/answers/2?notice=saved");
        let es = crate::i18n::Language::Es;
        assert_eq!(language_of_go(&go_to_language(es)), Some(es));
        assert_eq!(language_of_go("language-xx"), None);
        assert_eq!(language_of_go("next"), None);
        assert!(is_section_path("/answers/3") && !is_section_path("/answers/review"));
        assert!(!is_section_path("/answers/") && !is_section_path("/answers/3/x"));
    }
}
