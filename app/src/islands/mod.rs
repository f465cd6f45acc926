//! When a page has taken over in the browser.
//!
//! In islands mode a page is server HTML, and only its islands (`#[island]`) run
//! code in the browser: each hydrates on its own, after `hydrate()` has returned,
//! a lazy one after its code has been fetched. `<body data-hydrated>` is set once
//! every island on the page has hydrated and run its first effects (at once on a
//! page without islands), so browser tests, the bench and anyone debugging can tell
//! "the page's code is running" from "still plain HTML".
//!
//! Every island calls [`island_ready`] at the end of its body. Islands are never
//! nested here (a lazy island inside another misbehaves: leptos#4181), so the count
//! of `<leptos-island>` elements is the count of reports to wait for.
//!
//! A lazy island's code comes in several files; [`preload`] names them in the
//! page's head so a phone fetches them alongside the main bundle, not after it.
//! [`scripts`] starts the islands as soon as the page is parsed.

pub mod preload;
pub mod scripts;

#[cfg(feature = "hydrate")]
use std::cell::Cell;

#[cfg(feature = "hydrate")]
thread_local! {
    static WAITING_FOR: Cell<u32> = const { Cell::new(0) };
}

/// Counts the page's islands before any of them hydrates (called by `hydrate()`).
#[cfg(feature = "hydrate")]
pub fn expect_islands() {
    let count = leptos::prelude::document()
        .query_selector_all("leptos-island")
        .map(|islands| islands.length())
        .unwrap_or(0);
    WAITING_FOR.set(count);
    if count == 0 {
        mark_hydrated();
    }
}

/// An island reports in: called at the end of every island's body. On the server it
/// does nothing; in the browser it waits for the island's first effects (restoring
/// kept drafts, wiring autosave) before it counts the island as ready.
pub fn island_ready() {
    #[cfg(feature = "hydrate")]
    leptos::task::spawn_local(async {
        leptos::task::tick().await;
        let left = WAITING_FOR.get().saturating_sub(1);
        WAITING_FOR.set(left);
        if left == 0 {
            mark_hydrated();
        }
    });
}

#[cfg(feature = "hydrate")]
fn mark_hydrated() {
    if let Some(body) = leptos::prelude::document().body() {
        let _ = body.set_attribute("data-hydrated", "true");
    }
}
