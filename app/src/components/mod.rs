//! Leaf components shared by several pages. A page imports shared widgets from
//! here, never from another page.

pub mod board;
pub mod crisis;
pub mod flags;
pub mod form;
pub mod keep_place;
pub mod labels;
pub mod language;
pub mod layout;
pub mod loaded;
pub mod not_found;
pub mod over_time;
pub mod participant;
pub mod password_fields;
pub mod signed_in;
pub mod time;
