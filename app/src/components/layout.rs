//! The frame of every page: skip link, header and footer.

use leptos::prelude::*;
use leptos_router::{components::A, hooks::use_location};

use crate::{
    auth::{Viewer, api::current_viewer},
    components::language::LanguageSwitch,
    error::AppError,
    i18n::{
        keys::{Frame, QuickExitText},
        texts,
    },
};

/// Lets keyboard and screen-reader users jump past the header.
#[component]
pub fn SkipLink() -> impl IntoView {
    view! {
        <a class="skip-link" href="#main">
            {texts::<Frame>().skip_link}
        </a>
    }
}

/// Who is signed in, asked once per page and shared by the header and the signed-in
/// gate (`components::signed_in`), so a page asks the server once, not twice.
#[derive(Clone, Copy)]
pub struct PageViewer(pub Resource<Result<Viewer, AppError>>);

/// Asks who is signed in, again on every navigation (so the header follows sign-in
/// and sign-out), and shares the answer with everything inside (`PageViewer`).
#[component]
pub fn ProvideViewer(children: Children) -> impl IntoView {
    let location = use_location();
    let viewer = Resource::new(move || location.pathname.get(), |_| current_viewer());
    provide_context(PageViewer(viewer));
    children()
}

/// The name, and the account link or the way to sign in.
#[component]
pub fn SiteHeader() -> impl IntoView {
    let PageViewer(viewer) = expect_context::<PageViewer>();
    let t = texts::<Frame>();
    view! {
        <header class="site-header">
            <A href="/" attr:class="brand">
                "Parallel"
            </A>
            <nav aria-label=t.account_nav_label>
                <Suspense>
                    {move || {
                        viewer
                            .get()
                            .map(|viewer| match viewer {
                                Ok(Viewer::Therapist(_)) => {
                                    view! {
                                        <A href="/families">{t.families}</A>
                                        <A href="/templates">{t.templates}</A>
                                        <A href="/account">{t.your_account}</A>
                                    }
                                        .into_any()
                                }
                                Ok(Viewer::Participant) => {
                                    // The switch before the quick exit, so the exit stays
                                    // at the end of the header where it always is.
                                    view! {
                                        <LanguageSwitch />
                                        <QuickExit />
                                    }
                                        .into_any()
                                }
                                _ => {
                                    view! {
                                        <LanguageSwitch />
                                        <A href="/sign-in">{t.sign_in}</A>
                                    }
                                        .into_any()
                                }
                            })
                    }}
                </Suspense>
            </nav>
        </header>
    }
}

/// Every page ends with the way to crisis help, and the reminder that this app is
/// not one.
#[component]
pub fn SiteFooter() -> impl IntoView {
    let t = texts::<Frame>();
    view! {
        <footer class="site-footer">
            <p>{t.footer_before} <A href="/crisis">{t.footer_link}</A> {t.footer_after}</p>
        </footer>
    }
}

/// Leaves at once for a neutral site, for someone who must hide what they are
/// doing. Ends the visit (so the back button shows nothing), removes anything kept
/// in the browser (the server also sends `Clear-Site-Data`) and, with JavaScript,
/// replaces this page in the history; without it, a plain link does the rest.
/// An island: it must work on every participant page, whatever else is on it.
#[island]
pub fn QuickExit() -> impl IntoView {
    crate::islands::island_ready();
    view! {
        <a
            href=crate::safety::QUICK_EXIT_PATH
            class="quick-exit"
            on:click=|ev| {
                ev.prevent_default();
                #[cfg(feature = "hydrate")]
                crate::pages::participant::answers::autosave::quick_exit_started();
                let _ = window().location().replace(crate::safety::QUICK_EXIT_PATH);
            }
        >
            {texts::<QuickExitText>().label}
        </a>
    }
}
