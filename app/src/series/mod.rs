//! A family's exercises as one story (DESIGN §2 "Series"): the next exercise started
//! in one step, with everyone's way in carried on to it.

pub mod api;
#[cfg(feature = "ssr")]
pub mod measures;
pub mod model;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod store;

pub use model::{
    LinkPlan, NextExerciseOffer, OverTime, PairPoint, PairTrend, SeriesExercise, VersionPlan,
};
