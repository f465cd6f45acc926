//! The board's pieces, shared by the therapist's boards and a participant's own:
//! a section with its pairs, next steps, the section navigator, and the actions
//! every piece sends.

pub mod actions;
pub mod follow_ups;
pub mod navigator;
pub mod parts;
pub mod refetch;
