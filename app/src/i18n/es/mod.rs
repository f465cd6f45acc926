//! Spanish (neutral Latin American, "usted"; docs/i18n.md): every catalogue's values (keys in `keys.rs`).

mod frame;
mod participant;

pub use frame::*;
pub use participant::*;
