//! Invitations: one personal link per participant per exercise, and joining by it.

pub mod api;
#[cfg(feature = "ssr")]
pub mod join;
#[cfg(feature = "ssr")]
pub mod store;
#[cfg(feature = "ssr")]
pub mod token;

pub use api::{ParticipantWelcome, Welcome, participant_welcome};
