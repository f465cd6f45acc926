//! What the two-step set-up answers with.

use serde::{Deserialize, Serialize};

/// What the enrolment page shows: the QR code to scan and the same secret as text
/// for typing in by hand.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TwoFactorEnrolment {
    pub already_enabled: bool,
    pub secret: String,
    pub qr_svg: String,
}
