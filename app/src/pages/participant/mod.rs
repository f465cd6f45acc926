//! A family member's or the person in recovery's pages, reached through their
//! invitation link: the passcode step, the welcome page, the questions and their
//! own board. Each page's data comes from a participant server function, which
//! answers only for the caller's own seat (`auth::policy::ParticipantSeat`).

pub mod answers;
pub mod board;
pub mod passcode;
pub mod welcome;
