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
pub mod ids;
pub mod invitation;
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

/// The browser entry point: takes over the server-rendered page.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    // Copies of unsaved answers last a day at most on a (possibly shared) phone.
    pages::participant::answers::autosave::forget_expired_drafts();
    // Asynchronous hydration: the therapist's pages are lazy routes whose code is
    // fetched before they hydrate (pages/therapist/routes.rs).
    wasm_bindgen_futures::spawn_local(async {
        let app = leptos::mount::hydrate_from_async(leptos::tachys::dom::body(), App).await;
        app.forget();
        // Let the effects hydration created run first (restoring kept drafts, wiring
        // autosave), as they did before the page was marked when hydration was
        // synchronous.
        leptos::task::tick().await;
        shell::mark_hydrated();
    });
}
