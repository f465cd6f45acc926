//! The names of a section form's fields, shared by the page that renders the form
//! and the handler that reads it (`form_post`): `kind~prompt~about`.

use crate::template::Visibility;

/// Where a section form is posted without JavaScript.
pub const PATH: &str = "/answers/save";

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
    }
}
