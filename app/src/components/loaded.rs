//! Showing a server function's answer: a calm "Loading…" until it comes, then the
//! content, or the error in plain words.

use leptos::prelude::*;
use serde::{Serialize, de::DeserializeOwned};

use crate::{
    error::AppError,
    i18n::{keys::Frame, texts},
};

#[component]
pub fn Loaded<T, F, V>(resource: Resource<Result<T, AppError>>, render: F) -> impl IntoView
where
    T: Clone + Send + Sync + Serialize + DeserializeOwned + 'static,
    F: Fn(T) -> V + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    view! {
        <Transition fallback=|| {
            view! { <p>{texts::<Frame>().loading}</p> }
        }>
            {move || {
                let render = render.clone();
                resource
                    .get()
                    .map(move |result| match result {
                        Ok(value) => render(value).into_any(),
                        Err(error) => {
                            crate::error::set_page_status(error.status_code());
                            // The page's status is the error's, whichever way it came.
                            view! { <ErrorMessage error /> }
                                .into_any()
                        }
                    })
            }}
        </Transition>
    }
}

#[component]
pub fn ErrorMessage(error: AppError) -> impl IntoView {
    view! {
        <p class="form-error" role="alert">
            {error.to_string()}
        </p>
    }
}
