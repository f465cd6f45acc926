//! The participant's pages: their questions one section at a time, and the last
//! page ("I'm done").

pub mod autosave;
mod fields;
#[cfg(feature = "hydrate")]
mod prehydration;
pub mod review;
pub mod section;
