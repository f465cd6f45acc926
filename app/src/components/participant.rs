//! What every participant page says the same way: loading, a visit that has
//! ended ("use your link"), the session under way, the exercise closed.

use leptos::prelude::*;
use serde::{Serialize, de::DeserializeOwned};

use crate::{answer::AnswerAccess, components::loaded::ErrorMessage, error::AppError};

/// Like `Loaded`, with what a participant needs to hear when their visit has
/// ended: to open their link again (they have no password to sign in with).
#[component]
pub fn ParticipantLoaded<T, F, V>(
    resource: Resource<Result<T, AppError>>,
    render: F,
) -> impl IntoView
where
    T: Clone + Send + Sync + Serialize + DeserializeOwned + 'static,
    F: Fn(T) -> V + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    view! {
        <Suspense fallback=|| {
            view! { <p>"Loading…"</p> }
        }>
            {move || {
                let render = render.clone();
                resource
                    .get()
                    .map(move |result| match result {
                        Ok(value) => render(value).into_any(),
                        Err(AppError::Unauthenticated | AppError::Forbidden) => {
                            view! { <UseYourLink /> }.into_any()
                        }
                        Err(error) => view! { <ErrorMessage error /> }.into_any(),
                    })
            }}
        </Suspense>
    }
}

/// For anyone on a participant page without a participant visit. The visit has
/// ended (or never was) on this browser, so nothing typed is kept in it.
#[component]
pub fn UseYourLink() -> impl IntoView {
    view! {
        <ForgetDrafts />
        <h1>"Please use your invitation link"</h1>
        <p>
            "This page opens from the personal link your therapist gave you. For your privacy, "
            "a visit ends after a while without activity; the same link opens it again. "
            "If the link does not work, ask your therapist for a new one."
        </p>
    }
}

/// During the session: where the therapist's reveals appear.
#[component]
pub fn SessionBoardLink() -> impl IntoView {
    view! {
        <p class="notice">
            "Your session has started. What your therapist shows the family appears on the "
            "session board."
        </p>
        <p>
            <a class="button" href="/board">
                "Open the session board"
            </a>
        </p>
    }
}

/// Once the therapist has closed the exercise: what was shown stays readable.
#[component]
pub fn ExerciseClosed() -> impl IntoView {
    view! {
        <p class="notice" data-testid="exercise-closed">
            {AnswerAccess::Closed.explanation()}
        </p>
        <p>
            <a class="button button--secondary" href="/board">
                "See what was shown in the session"
            </a>
        </p>
    }
}

/// Removes every copy of unsaved answers kept in this browser: the visit is over.
#[island]
fn ForgetDrafts() -> impl IntoView {
    #[cfg(feature = "hydrate")]
    Effect::new(|_| crate::pages::participant::answers::autosave::forget_all_drafts());
    crate::islands::island_ready();
}
