//! What the invitation and passcode server functions answer with.

use serde::{Deserialize, Serialize};

/// What a participant's welcome page shows: only about them and their exercise.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Welcome {
    pub participant_name: String,
    pub therapist_name: String,
    pub template_title: String,
    pub focus: Option<String>,
    pub due_date: Option<String>,
    pub access: crate::answer::AnswerAccess,
    /// Where "Continue" leads: the first section with an unanswered question, or
    /// the last page when all are answered.
    pub resume_path: String,
}

/// One person's link, as shown when the therapist asks for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationLinkView {
    pub invitation_id: String,
    pub exercise_id: String,
    pub participant_name: String,
    pub link: String,
    pub qr_svg: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum PasscodePrompt {
    /// The link's first device: choose a passcode.
    Choose,
    /// Another device: the passcode is due.
    Enter { tries_left: i64 },
    /// Already in on this device.
    Done,
}
