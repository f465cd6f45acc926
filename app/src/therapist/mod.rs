//! Therapist accounts.

#[cfg(feature = "ssr")]
pub mod store;
