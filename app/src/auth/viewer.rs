use serde::{Deserialize, Serialize};

/// Who is looking at a page, as the browser may know it (no secrets).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Viewer {
    Anonymous,
    /// Password accepted; the two-step code is still due.
    AwaitingSecondFactor,
    /// Password accepted; the operator requires two-step verification, not yet set up.
    MustEnrolSecondFactor(TherapistView),
    Therapist(TherapistView),
    /// A family member or the person in recovery, through their invitation.
    Participant,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TherapistView {
    pub display_name: String,
    pub email: String,
    pub two_factor_enabled: bool,
}
