//! Leaf components shared by several pages.

pub mod crisis;
pub mod form;
pub mod keep_place;
pub mod layout;
pub mod loaded;
pub mod signed_in;
pub mod time;
