//! One module per page.

pub mod account;
pub mod account_link;
pub mod answers;
pub mod board;
pub mod crisis;
pub mod exercise;
pub mod family;
pub mod home;
pub mod passcode;
pub mod sign_in;
pub mod templates;
pub mod therapist_routes;
pub mod welcome;
