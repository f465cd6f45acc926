//! The pages, by who sees them: the audience decides a page's gate, what on it is
//! interactive, and what a signed-out visitor is shown. A page imports shared
//! widgets from `components`, never from another page.

pub mod participant;
pub mod public;
pub mod therapist;
