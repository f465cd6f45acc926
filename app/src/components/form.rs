//! Pieces every form uses.

use leptos::{
    prelude::*,
    server_fn::{
        Http, ServerFn,
        client::Client,
        codec::{Json, PostUrl},
        request::ClientReq,
    },
    web_sys::FormData,
};
use serde::de::DeserializeOwned;

use crate::error::AppError;

/// A form that sends one server function, with the two things every such form
/// needs: where a plain post (no JavaScript) comes back to (`ReturnHere`, to
/// `fragment` when given), and the last error, read out above the fields (left out
/// with `quiet` where one line elsewhere speaks for a group of forms, as on the
/// board). With JavaScript the action sends it and the page stays.
#[component]
pub fn ServerForm<S>(
    action: ServerAction<S>,
    #[prop(optional, into)] class: Option<String>,
    #[prop(optional, into)] fragment: Option<String>,
    #[prop(optional)] quiet: bool,
    children: Children,
) -> impl IntoView
where
    S: DeserializeOwned + ServerFn<Protocol = Http<PostUrl, Json>> + Clone + Send + Sync + 'static,
    <<S::Client as Client<S::Error>>::Request as ClientReq<S::Error>>::FormData: From<FormData>,
    S::Output: Clone + Send + Sync + 'static,
    S::Error: Clone + Into<AppError> + Send + Sync + 'static,
    <S as ServerFn>::Client: Client<<S as ServerFn>::Error>,
{
    let error = (!quiet).then(|| {
        let result = Signal::derive(move || action.value().get().map(|r| r.map_err(Into::into)));
        view! { <FormError result /> }
    });
    let return_here = match fragment {
        Some(fragment) => view! { <ReturnHere fragment /> }.into_any(),
        None => view! { <ReturnHere /> }.into_any(),
    };
    view! {
        <ActionForm action attr:class=class>
            {return_here}
            {error}
            {children()}
        </ActionForm>
    }
}

/// Where a form returns to without JavaScript. The server sends a plain form post back
/// to this path (with any error), since pages send no `Referer` (`no-referrer`).
/// With `fragment` it comes back to that anchor on the page (the part of a long
/// board the form was sent from), not to the page top.
#[component]
pub fn ReturnHere(#[prop(optional, into)] fragment: Option<String>) -> impl IntoView {
    let path = current_path();
    let here = match fragment {
        Some(anchor) => format!("{path}#{anchor}"),
        None => path,
    };
    view! { <input type="hidden" name="__return_to" value=here /> }
}

/// This page's path. Pages are whole server loads (islands, no client routing), so
/// it never changes under a form. Inside an island in the browser there is no
/// router to ask: the browser's address says the same.
fn current_path() -> String {
    #[cfg(feature = "hydrate")]
    {
        window().location().pathname().unwrap_or_default()
    }
    #[cfg(not(feature = "hydrate"))]
    {
        leptos_router::hooks::use_location().pathname.get_untracked()
    }
}

/// The error of the last submission, read out to screen readers.
#[component]
pub fn FormError<T: Clone + Send + Sync + 'static>(
    result: Signal<Option<Result<T, AppError>>>,
) -> impl IntoView {
    move || {
        result.get().and_then(Result::err).map(|error| {
            let signed_out = error == AppError::Unauthenticated;
            view! {
                <div class="form-error" role="alert">
                    <p>{error.to_string()}</p>
                    {signed_out
                        .then(|| {
                            view! {
                                <p>
                                    <a href="/sign-in" target="_blank" rel="noopener">
                                        "Sign in again in a new tab"
                                    </a>
                                    ", then come back here and send the form again."
                                </p>
                            }
                        })}
                </div>
            }
        })
    }
}
