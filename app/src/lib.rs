//! Parallel: parallel prompts on impact, hurt and amends for family therapy in
//! addiction treatment, shown side by side for a therapist-led discussion.
//!
//! This crate is the whole Leptos application. With the `ssr` feature it also
//! carries the server-side pieces its server functions call (database access,
//! application state); with `hydrate` it is the browser bundle. Nothing that needs a
//! database or the file system compiles into the WASM bundle.

// Deeply nested views (the dashboard, the board) need more than the default 128.
#![recursion_limit = "256"]

pub mod answer;
pub mod audit;
pub mod auth;
pub mod board;
pub mod components;
pub mod error;
pub mod exercise;
pub mod family;
pub mod flash;
pub mod i18n;
pub mod ids;
pub mod invitation;
pub mod islands;
pub mod live;
pub mod pages;
pub mod safety;
pub mod series;
pub mod shell;
pub mod status;
pub mod template;
pub mod therapist;

#[cfg(feature = "ssr")]
pub mod ctx;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod state;

pub use shell::{App, shell};

/// The browser entry point. Pages are server HTML; only their islands (the parts
/// that need code in the browser, `#[island]`) hydrate, each on its own, after this
/// returns (Leptos's island script walks the page). See docs/islands.md.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    // Copies of unsaved answers last a day at most on a (possibly shared) phone.
    pages::participant::answers::autosave::forget_expired_drafts();
    leptos::mount::hydrate_islands();
    islands::expect_islands();
}
