//! Words for roles, relationships and age groups, wherever people are listed.

use crate::family::{AgeBand, Relationship, Role};

pub fn role_label(role: Role) -> &'static str {
    match role {
        Role::PersonInRecovery => "Person in recovery",
        Role::FamilyMember => "Family member",
    }
}

pub fn relationship_label(relationship: Relationship) -> &'static str {
    match relationship {
        Relationship::Myself => "The person in recovery",
        Relationship::Partner => "Partner",
        Relationship::Parent => "Parent",
        Relationship::Child => "Child",
        Relationship::Sibling => "Sibling",
        Relationship::Grandparent => "Grandparent",
        Relationship::Friend => "Friend",
        Relationship::Other => "Other",
    }
}

pub fn age_label(age_band: AgeBand) -> &'static str {
    match age_band {
        AgeBand::Adult => "Adult",
        AgeBand::Teen => "Teen (13–17)",
        AgeBand::Child => "Child (under 13)",
    }
}
