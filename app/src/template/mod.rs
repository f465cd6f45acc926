//! Prompt templates: data, not code. A template is a TOML file (format described in
//! `docs/templates.md`), checked by `file::parse`, stored with its version so an
//! exercise always shows the version it started with.

pub mod api;
mod model;
#[cfg(feature = "ssr")]
pub mod service;

#[cfg(feature = "ssr")]
pub mod builtin;
#[cfg(feature = "ssr")]
pub mod file;
#[cfg(feature = "ssr")]
pub mod store;

pub use model::{About, Choice, FlagRule, Prompt, PromptKind, Section, Template, Visibility};
