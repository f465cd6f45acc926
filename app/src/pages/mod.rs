//! One module per page.

pub mod crisis;
pub mod home;
pub mod not_found;
