//! Therapist accounts.

#[cfg(feature = "ssr")]
pub mod links;
#[cfg(feature = "ssr")]
pub mod store;
