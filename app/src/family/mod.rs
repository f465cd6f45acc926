//! Families (a therapist's cases) and the people in them.

pub mod api;
pub mod model;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod store;

pub use model::{AgeBand, Family, FamilyName, Participant, ParticipantName, Relationship, Role};
