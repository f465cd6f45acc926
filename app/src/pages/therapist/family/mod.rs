//! The therapist's family pages: the list, one family, and deleting one.

pub mod delete;
pub mod detail;
pub mod list;
mod participant_fields;
