//! Routes and middleware that belong to the process rather than to the app.

pub mod errors;
pub mod form_errors;
pub mod health;
pub mod language;
pub mod limits;
pub mod nul;
pub mod request_id;
pub mod security;
pub mod serve;
pub mod trace;
