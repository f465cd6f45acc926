//! The therapist's family pages: the list, one family, and deleting one.

pub mod delete;
pub mod detail;
mod exercises;
pub mod list;
pub mod over_time;
mod participant_fields;
