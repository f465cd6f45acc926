//! Invitations: one personal link per participant per exercise, joining by it, and
//! the devices and passcode that keep it to one person.

pub mod api;
#[cfg(feature = "ssr")]
pub mod service;

/// A passcode is 4 to 12 digits: a phone shows its number pad, and five tries
/// before the link locks make even 4 digits safe enough.
pub const MIN_DIGITS: usize = 4;
pub const MAX_DIGITS: usize = 12;

#[cfg(feature = "ssr")]
pub mod devices;
#[cfg(feature = "ssr")]
pub mod join;
pub mod link_api;
pub mod model;
#[cfg(feature = "ssr")]
pub mod passcode;
pub mod passcode_api;
#[cfg(feature = "ssr")]
pub mod store;
#[cfg(feature = "ssr")]
pub mod token;

pub use api::{ParticipantWelcome, Welcome, participant_welcome};
