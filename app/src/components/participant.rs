//! What every participant page says the same way: loading, a visit that has
//! ended ("use your link"), the session under way, the exercise closed.

use leptos::prelude::*;
use serde::{Serialize, de::DeserializeOwned};

use crate::{
    answer::AnswerAccess,
    components::loaded::ErrorMessage,
    error::AppError,
    i18n::{
        keys::{Frame, ParticipantCommon, WelcomeTexts},
        page_language, texts,
    },
};

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
            view! { <p>{texts::<Frame>().loading}</p> }
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
    let t = texts::<ParticipantCommon>();
    view! {
        <ForgetDrafts />
        <h1>{t.use_link_heading}</h1>
        <p>{t.use_link_text}</p>
    }
}

/// During the session: where the therapist's reveals appear.
#[component]
pub fn SessionBoardLink() -> impl IntoView {
    let t = texts::<ParticipantCommon>();
    view! {
        <p class="notice">{t.session_started}</p>
        <p>
            <a class="button" href="/board">
                {t.open_board}
            </a>
        </p>
    }
}

/// Once the therapist has closed the exercise: what was shown stays readable.
#[component]
pub fn ExerciseClosed() -> impl IntoView {
    view! {
        <p class="notice" data-testid="exercise-closed">
            {AnswerAccess::Closed.explanation(page_language())}
        </p>
        <p>
            <a class="button button--secondary" href="/board">
                {texts::<ParticipantCommon>().see_what_was_shown}
            </a>
        </p>
    }
}

/// "If you need help now, find crisis help."
#[component]
pub fn HelpNow() -> impl IntoView {
    let t = texts::<WelcomeTexts>();
    view! { <p>{t.help_now_before} <a href="/crisis">{t.help_now_link}</a> {t.help_now_after}</p> }
}

/// Removes every copy of unsaved answers kept in this browser: the visit is over.
#[island]
fn ForgetDrafts() -> impl IntoView {
    #[cfg(feature = "hydrate")]
    Effect::new(|_| crate::pages::participant::answers::autosave::forget_all_drafts());
    crate::islands::island_ready();
}
