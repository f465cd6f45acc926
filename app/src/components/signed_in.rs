//! Gates for pages that need a signed-in therapist.

use leptos::prelude::*;

use crate::{
    auth::{TherapistView, Viewer, api::current_viewer},
    components::layout::PageViewer,
    error::set_page_status,
};

/// Renders `render` for a fully signed-in therapist; anyone else gets a calm
/// explanation and the way forward (sign in, finish the code step, set up two-step),
/// with the status that says so: 401 for no one signed in yet, 403 for a
/// participant or a therapist who must first set up two-step. The gate sets it
/// itself: the page's own fetches are never awaited for those callers.
///
/// Make a page's resources *before* this gate and only read them inside `render`:
/// while the server waits for data it runs `render` again (Leptos's `Suspense`
/// rebuilds its content each time more data arrives), so a resource made inside
/// would be fetched two or three times per page view, each time in full, audited,
/// and sent to the browser again. The fetches themselves check who is asking.
#[component]
pub fn TherapistOnly<F>(render: F) -> impl IntoView
where
    F: Fn(TherapistView) -> AnyView + Clone + Send + Sync + 'static,
{
    // The page's (one question per page, shared with the header); outside
    // `ProvideViewer` the gate asks for itself.
    let viewer = match use_context::<PageViewer>() {
        Some(PageViewer(viewer)) => viewer,
        None => Resource::new(|| (), |_| current_viewer()),
    };
    view! {
        <Suspense fallback=|| {
            view! { <p>"Loading…"</p> }
        }>
            {move || {
                let render = render.clone();
                viewer
                    .get()
                    .map(move |result| match result {
                        Ok(Viewer::Therapist(therapist)) => render(therapist),
                        Ok(Viewer::AwaitingSecondFactor) => {
                            set_page_status(401);
                            view! {
                                <p>
                                    "Please finish signing in: "
                                    <a href="/sign-in/code">"enter your two-step code"</a>"."
                                </p>
                            }
                                .into_any()
                        }
                        Ok(Viewer::MustEnrolSecondFactor(_)) => {
                            set_page_status(403);
                            view! {
                                <p>
                                    "This server asks every therapist to use two-step verification. "
                                    <a href="/account/two-step">"Set it up now"</a> " to continue."
                                </p>
                            }
                                .into_any()
                        }
                        Ok(Viewer::Participant) => {
                            set_page_status(403);
                            view! {
                                <p data-testid="therapists-only">
                                    "This page is for therapists. "
                                    <a href="/welcome">"Go to your page"</a>
                                </p>
                            }
                                .into_any()
                        }
                        Ok(Viewer::Anonymous) => {
                            set_page_status(401);
                            view! { <SignedOutNotice /> }.into_any()
                        }
                        Err(error) => {
                            set_page_status(error.status_code());
                            view! {
                                <p class="form-error" role="alert">
                                    {error.to_string()}
                                </p>
                            }
                                .into_any()
                        }
                    })
            }}
        </Suspense>
    }
}

#[component]
pub fn SignedOutNotice() -> impl IntoView {
    view! {
        <section class="card" data-testid="signed-out">
            <h1>"You are signed out"</h1>
            <p>
                "For your clients' privacy, Parallel signs you out after a while without activity, "
                "and when you sign out on another device."
            </p>
            <p>
                <a class="button" href="/sign-in">
                    "Sign in"
                </a>
            </p>
        </section>
    }
}
