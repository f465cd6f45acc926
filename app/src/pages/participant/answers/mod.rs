//! The participant's pages: their questions one section at a time, and the last
//! page ("I'm done").

pub mod autosave;
#[cfg(feature = "hydrate")]
mod controls;
mod fields;
pub mod read_aloud;
pub mod review;
pub mod section;
#[cfg(feature = "hydrate")]
mod wiring;
