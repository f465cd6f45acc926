//! What keeps people safe on every page: crisis resources (the operator can replace
//! the list for their country) and the quick exit.

pub mod api;

/// The quick exit (`exit::quick_exit`).
pub const QUICK_EXIT_PATH: &str = "/exit";

mod resources;

#[cfg(feature = "ssr")]
pub mod exit;

#[cfg(feature = "ssr")]
pub use resources::parse_crisis_resources;
pub use resources::{CrisisResource, default_crisis_resources};
