//! The session: the therapist's dashboard, the side-by-side board (prepare, session,
//! presenter, a participant's revealed board), reveals, marks, notes, next steps,
//! the printable summary and the JSON export.

pub mod api;
pub mod model;
#[cfg(feature = "ssr")]
pub mod service;

#[cfg(feature = "ssr")]
pub mod build;
#[cfg(feature = "ssr")]
mod dashboard;
#[cfg(feature = "ssr")]
pub mod export;
#[cfg(feature = "ssr")]
pub mod store;
#[cfg(feature = "ssr")]
pub mod view;

pub use model::*;
