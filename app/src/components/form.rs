//! Pieces every form uses.

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::error::AppError;

/// Where a form returns to without JavaScript. The server sends a plain form post back
/// to this path (with any error), since pages send no `Referer` (`no-referrer`).
/// With `fragment` it comes back to that anchor on the page (the part of a long
/// board the form was sent from), not to the page top.
#[component]
pub fn ReturnHere(#[prop(optional, into)] fragment: Option<String>) -> impl IntoView {
    let location = use_location();
    let here = move || match &fragment {
        Some(anchor) => format!("{}#{anchor}", location.pathname.get()),
        None => location.pathname.get(),
    };
    view! { <input type="hidden" name="__return_to" value=here /> }
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
