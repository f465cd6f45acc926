//! Family and participant types shared by server and browser. Values that can be
//! invalid are parsed once at the boundary (`parse`), so an invalid one cannot exist
//! past it.

use serde::{Deserialize, Serialize};

use crate::exercise::ExerciseStatus;

/// A therapist's label for a case, such as "R. family" (not a medical record).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FamilyName(String);

/// A participant's display name, as the family uses it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParticipantName(String);

/// Why a name was refused, in words a user can act on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NameError {
    #[error("Please enter a name.")]
    Empty,
    #[error("Please keep the name to {max} characters or fewer.")]
    TooLong { max: usize },
}

fn parse_name(raw: &str, max: usize) -> Result<String, NameError> {
    let trimmed = raw.trim();
    if trimmed.is_empty() {
        Err(NameError::Empty)
    } else if trimmed.chars().count() > max {
        Err(NameError::TooLong { max })
    } else {
        Ok(trimmed.to_owned())
    }
}

impl FamilyName {
    pub const MAX_CHARS: usize = 80;

    pub fn parse(raw: &str) -> Result<Self, NameError> {
        parse_name(raw, Self::MAX_CHARS).map(Self)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl ParticipantName {
    pub const MAX_CHARS: usize = 60;

    pub fn parse(raw: &str) -> Result<Self, NameError> {
        parse_name(raw, Self::MAX_CHARS).map(Self)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Declares a closed set of values stored as their snake_case names.
macro_rules! stored_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            pub fn parse(text: &str) -> Option<Self> {
                match text { $($text => Some($name::$variant),)+ _ => None }
            }
        }
    };
}

stored_enum!(
    /// A participant's part in the exercise.
    Role { PersonInRecovery => "person_in_recovery", FamilyMember => "family_member" }
);

stored_enum!(
    /// How a participant is related to the person in recovery (`Myself` for that
    /// person themselves).
    Relationship {
        Myself => "self",
        Partner => "partner",
        Parent => "parent",
        Child => "child",
        Sibling => "sibling",
        Grandparent => "grandparent",
        Friend => "friend",
        Other => "other",
    }
);

stored_enum!(
    /// Decides which variant of a template a participant is given.
    AgeBand { Adult => "adult", Teen => "teen", Child => "child" }
);

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Family {
    pub id: crate::ids::FamilyId,
    pub therapist_id: crate::ids::TherapistId,
    pub name: FamilyName,
    pub created_at_ms: i64,
    pub archived_at_ms: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Participant {
    pub id: crate::ids::ParticipantId,
    pub family_id: crate::ids::FamilyId,
    pub display_name: ParticipantName,
    pub role: Role,
    pub relationship: Relationship,
    pub age_band: AgeBand,
    /// What they read and answer in (set by the therapist, changed by them at will).
    pub language: crate::i18n::Language,
    pub created_at_ms: i64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_trimmed_and_bounded_in_characters_not_bytes() {
        assert_eq!(FamilyName::parse("  R. family ").unwrap().as_str(), "R. family");
        assert_eq!(FamilyName::parse(" \t"), Err(NameError::Empty));
        let accented = "é".repeat(FamilyName::MAX_CHARS);
        assert!(FamilyName::parse(&accented).is_ok());
        assert_eq!(
            FamilyName::parse(&format!("{accented}é")),
            Err(NameError::TooLong { max: FamilyName::MAX_CHARS })
        );
    }

    #[test]
    fn stored_enums_round_trip_through_their_text() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Some(*role));
        }
        for relationship in Relationship::ALL {
            assert_eq!(Relationship::parse(relationship.as_str()), Some(*relationship));
        }
        for band in AgeBand::ALL {
            assert_eq!(AgeBand::parse(band.as_str()), Some(*band));
        }
        assert_eq!(Role::parse("therapist"), None);
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FamilySummary {
    pub id: String,
    pub name: String,
    pub archived: bool,
    pub participants: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExerciseSummary {
    pub id: String,
    pub template_title: String,
    pub template_version: u32,
    pub status: ExerciseStatus,
    pub focus: Option<String>,
    pub due_date: Option<String>,
    pub created_ms: i64,
    pub opened_ms: Option<i64>,
    pub session_ms: Option<i64>,
    pub closed_ms: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateChoice {
    pub id: String,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FamilyDetail {
    pub family: Family,
    pub participants: Vec<Participant>,
    /// In the order they were started: the family's series.
    pub exercises: Vec<ExerciseSummary>,
    pub templates: Vec<TemplateChoice>,
    /// What *Start the next exercise* offers (once there is an exercise).
    pub next: Option<crate::series::NextExerciseOffer>,
}
