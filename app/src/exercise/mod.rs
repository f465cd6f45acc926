//! Exercises: one family working through one template version.

pub mod api;
mod model;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod store;

pub use model::{DueDate, Exercise, ExerciseStatus, Focus};
