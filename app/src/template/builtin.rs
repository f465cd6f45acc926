//! The templates that ship with the app, as template files (server only).

use super::{Template, file};

/// "Impact, hurt and amends", as DESIGN §3 describes it.
pub const IMPACT_HURT_AMENDS: &str = include_str!("../../templates/impact-hurt-amends.toml");

/// Every built-in template's source.
pub const ALL: &[&str] = &[IMPACT_HURT_AMENDS];

/// The built-in template, parsed. It is checked by a test, so this cannot fail in a
/// released build; a failure would be a bug in the shipped file.
pub fn impact_hurt_amends() -> Template {
    file::parse(IMPACT_HURT_AMENDS)
        .unwrap_or_else(|problems| panic!("the built-in template is broken: {problems:?}"))
}
