//! The therapist's pages. Each makes its data before the signed-in gate
//! (`components::signed_in::TherapistOnly`) and reads it inside; the server
//! functions behind the data check ownership themselves.

pub mod account;
pub mod board;
pub mod exercise;
pub mod family;
pub mod templates;
