//! Invitations: one personal link per participant per exercise, joining by it, and
//! the devices and passcode that keep it to one person.

pub mod api;
#[cfg(feature = "ssr")]
pub mod devices;
#[cfg(feature = "ssr")]
pub mod join;
pub mod link_api;
#[cfg(feature = "ssr")]
pub mod passcode;
pub mod passcode_api;
#[cfg(feature = "ssr")]
pub mod store;
#[cfg(feature = "ssr")]
pub mod token;

pub use api::{ParticipantWelcome, Welcome, participant_welcome};
