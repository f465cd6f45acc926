//! The frame of every page: skip link, header and footer.

use leptos::prelude::*;
use leptos_router::components::A;

/// Lets keyboard and screen-reader users jump past the header.
#[component]
pub fn SkipLink() -> impl IntoView {
    view! {
        <a class="skip-link" href="#main">
            "Skip to main content"
        </a>
    }
}

#[component]
pub fn SiteHeader() -> impl IntoView {
    view! {
        <header class="site-header">
            <A href="/" attr:class="brand">
                "Parallel"
            </A>
        </header>
    }
}

/// Every page ends with the way to crisis help, and the reminder that this app is
/// not one.
#[component]
pub fn SiteFooter() -> impl IntoView {
    view! {
        <footer class="site-footer">
            <p>
                "Parallel is not a crisis service. If you or someone else is in danger, "
                <A href="/crisis">"find crisis help now"</A> "."
            </p>
        </footer>
    }
}
