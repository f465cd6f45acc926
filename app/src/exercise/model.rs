use serde::{Deserialize, Serialize};

use crate::family::Role;

/// Where an exercise is in its life. Only the forward steps are allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExerciseStatus {
    /// Being prepared; participants cannot answer yet.
    Draft,
    /// Participants are answering.
    Open,
    /// The therapist is discussing the answers with the family.
    InSession,
    Closed,
}

impl ExerciseStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ExerciseStatus::Draft => "draft",
            ExerciseStatus::Open => "open",
            ExerciseStatus::InSession => "in_session",
            ExerciseStatus::Closed => "closed",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        [Self::Draft, Self::Open, Self::InSession, Self::Closed]
            .into_iter()
            .find(|s| s.as_str() == text)
    }

    /// The one status this can move to, if any: draft → open → in session → closed.
    pub fn next(self) -> Option<Self> {
        match self {
            ExerciseStatus::Draft => Some(ExerciseStatus::Open),
            ExerciseStatus::Open => Some(ExerciseStatus::InSession),
            ExerciseStatus::InSession => Some(ExerciseStatus::Closed),
            ExerciseStatus::Closed => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ExerciseStatus::Draft => "Draft",
            ExerciseStatus::Open => "Open for answers",
            ExerciseStatus::InSession => "In session",
            ExerciseStatus::Closed => "Closed",
        }
    }

    /// What the button that moves to this status says.
    pub fn action_label(self) -> &'static str {
        match self {
            ExerciseStatus::Draft => "Back to draft",
            ExerciseStatus::Open => "Open for answers",
            ExerciseStatus::InSession => "Start the session",
            ExerciseStatus::Closed => "Close the exercise",
        }
    }
}

/// The therapist's optional focus line ("the weekend of the relapse").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Focus(String);

impl Focus {
    pub const MAX_CHARS: usize = 200;

    /// Empty input means no focus.
    pub fn parse(raw: &str) -> Result<Option<Self>, String> {
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            Ok(None)
        } else if trimmed.chars().count() > Self::MAX_CHARS {
            Err(format!("Please keep the focus to {} characters or fewer.", Self::MAX_CHARS))
        } else {
            Ok(Some(Focus(trimmed.to_owned())))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A calendar date, `YYYY-MM-DD` (what `<input type="date">` sends).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DueDate(String);

impl DueDate {
    /// Empty input means no due date.
    pub fn parse(raw: &str) -> Result<Option<Self>, String> {
        let raw = raw.trim();
        if raw.is_empty() {
            return Ok(None);
        }
        let parts: Vec<&str> = raw.split('-').collect();
        let valid = match parts.as_slice() {
            [y, m, d] if y.len() == 4 && m.len() == 2 && d.len() == 2 => {
                match (y.parse::<u32>(), m.parse::<u32>(), d.parse::<u32>()) {
                    (Ok(y), Ok(m), Ok(d)) => {
                        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
                        let days = [
                            31,
                            if leap { 29 } else { 28 },
                            31,
                            30,
                            31,
                            30,
                            31,
                            31,
                            30,
                            31,
                            30,
                            31,
                        ];
                        (2000..=2100).contains(&y)
                            && (1..=12).contains(&m)
                            && d >= 1
                            && d <= days[(m - 1) as usize]
                    }
                    _ => false,
                }
            }
            _ => false,
        };
        if valid {
            Ok(Some(DueDate(raw.to_owned())))
        } else {
            Err("Please enter the due date as a date, such as 2027-03-14.".into())
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Exercise {
    pub id: crate::ids::ExerciseId,
    pub family_id: crate::ids::FamilyId,
    pub template_id: crate::ids::TemplateId,
    pub focus: Option<Focus>,
    pub due_date: Option<DueDate>,
    pub status: ExerciseStatus,
    pub created_at_ms: i64,
    /// When it was opened for answers, its session started, it was closed.
    pub opened_at_ms: Option<i64>,
    pub session_at_ms: Option<i64>,
    pub closed_at_ms: Option<i64>,
    /// The exercise this one follows in the family's series, if it was started as
    /// the next one (and that one still exists).
    pub follows: Option<crate::ids::ExerciseId>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_moves_forward_one_step_at_a_time() {
        assert_eq!(ExerciseStatus::Draft.next(), Some(ExerciseStatus::Open));
        assert_eq!(ExerciseStatus::Open.next(), Some(ExerciseStatus::InSession));
        assert_eq!(ExerciseStatus::InSession.next(), Some(ExerciseStatus::Closed));
        assert_eq!(ExerciseStatus::Closed.next(), None);
        for status in [
            ExerciseStatus::Draft,
            ExerciseStatus::Open,
            ExerciseStatus::InSession,
            ExerciseStatus::Closed,
        ] {
            assert_eq!(ExerciseStatus::parse(status.as_str()), Some(status));
        }
    }

    #[test]
    fn due_dates_must_be_real_days() {
        assert!(DueDate::parse("2027-02-28").unwrap().is_some());
        assert!(DueDate::parse("2028-02-29").unwrap().is_some());
        assert!(DueDate::parse("2027-02-29").is_err());
        assert!(DueDate::parse("27-2-3").is_err());
        assert_eq!(DueDate::parse("  ").unwrap(), None);
        assert!(Focus::parse(&"x".repeat(201)).is_err());
        assert_eq!(Focus::parse(" ").unwrap(), None);
    }
}

/// One participant's invitation as the therapist sees it. Never the link itself:
/// that is shown only on request (`invitation::link_api`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationView {
    pub id: String,
    pub participant_name: String,
    pub role: Role,
    pub age_band: crate::family::AgeBand,
    pub expires_at_ms: i64,
    pub revoked: bool,
    pub expired: bool,
    /// Locked after too many wrong passcodes.
    pub locked: bool,
    pub passcode_chosen: bool,
    /// The person's link from the last exercise, carried on to this one.
    pub carried_on: bool,
    /// This link has moved on to the family's next exercise.
    pub moved_on: bool,
    /// Devices that opened the link and may open it again without the passcode.
    pub devices: i64,
    pub last_opened_ms: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExerciseDetail {
    pub exercise: Exercise,
    pub family_name: String,
    pub template_title: String,
    pub template_version: u32,
    pub invitations: Vec<InvitationView>,
}
