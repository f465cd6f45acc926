//! Who is asking: accounts, sessions, sign-in and the authorisation policy.
//!
//! Every server function is a public HTTP endpoint. Each one starts by asking
//! `policy` whether the caller may do what it asks; nothing else decides that.

pub mod api;
#[cfg(feature = "ssr")]
pub mod flows;
pub mod model;
mod viewer;

pub use viewer::{TherapistView, Viewer};

#[cfg(feature = "ssr")]
pub mod password;
#[cfg(feature = "ssr")]
pub mod policy;
#[cfg(feature = "ssr")]
pub mod presence;
#[cfg(feature = "ssr")]
pub mod request;
#[cfg(feature = "ssr")]
pub mod secrets;
#[cfg(feature = "ssr")]
pub mod session;
#[cfg(feature = "ssr")]
pub mod throttle;
#[cfg(feature = "ssr")]
pub mod totp;
