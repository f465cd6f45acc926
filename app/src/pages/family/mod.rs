//! The therapist's family pages: the list, one family, and deleting one.

pub mod delete;
pub mod detail;
pub mod list;
mod participant_fields;

/// Words for roles, relationships and age groups.
pub mod labels {
    pub use super::participant_fields::{age_label, relationship_label, role_label};
}
