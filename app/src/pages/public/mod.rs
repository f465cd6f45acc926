//! Pages anyone may open: the front page, crisis help, signing in, and the links
//! that set up an account. No gate; a signed-in visitor sees the same page.

pub mod account_link;
pub mod crisis;
pub mod home;
pub mod sign_in;
