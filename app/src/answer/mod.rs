//! Answers: what participants write, privately, one section at a time, saved as
//! they type; the questions they are asked; and the check-in flags their answers
//! raise for the therapist.

pub mod api;
pub mod feelings;
pub mod flags;
pub mod form_fields;
pub mod journey;
mod model;

#[cfg(feature = "ssr")]
pub mod context;
#[cfg(feature = "ssr")]
pub mod form_post;
#[cfg(feature = "ssr")]
pub mod held;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod store;

pub use form_fields::visibility_value;
pub use model::{
    AnswerAccess, AnswerKey, AnswerToSave, AnswerValue, AskedItem, HeldBack, Review, ReviewSection,
    SCALE_MAX, Saved, SectionPage, char_count, normalise_line_breaks, too_long_message,
};
