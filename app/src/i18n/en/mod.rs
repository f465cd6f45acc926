//! English: every catalogue's values (keys in `keys.rs`).

mod frame;
mod participant;

pub use frame::*;
pub use participant::*;
