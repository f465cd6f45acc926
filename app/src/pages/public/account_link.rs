use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::{
    auth::api::{CreateAccount, MAX_DISPLAY_NAME_CHARS, MAX_EMAIL_CHARS, link_status},
    components::{form::ServerForm, password_fields::PasswordFields},
};

/// `/setup/:token` (the first account) and `/invite/:token` (a colleague's invitation).
#[component]
pub fn AccountLinkPage(purpose: &'static str) -> impl IntoView {
    let params = use_params_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let valid = Resource::new(token, move |token| link_status(purpose.to_owned(), token));
    let create = ServerAction::<CreateAccount>::new();
    let heading =
        if purpose == "setup" { "Set up Parallel" } else { "Create your therapist account" };

    view! {
        <Title text=heading />
        <h1>{heading}</h1>
        <Suspense fallback=|| {
            view! { <p>"Checking the link…"</p> }
        }>
            {move || {
                valid
                    .get()
                    .map(|valid| {
                        if valid.unwrap_or(false) {
                            view! {
                                <ServerForm action=create class="form card">
                                    <input type="hidden" name="purpose" value=purpose />
                                    <input type="hidden" name="token" value=token />
                                    <label for="display_name">"Your name"</label>
                                    <input
                                        id="display_name"
                                        name="display_name"
                                        autocomplete="name"
                                        required
                                        maxlength=MAX_DISPLAY_NAME_CHARS.to_string()
                                    />
                                    <label for="email">"Email"</label>
                                    <input
                                        id="email"
                                        name="email"
                                        type="email"
                                        autocomplete="username"
                                        required
                                        maxlength=MAX_EMAIL_CHARS.to_string()
                                    />
                                    <PasswordFields label="Choose a password" name="password" />
                                    <button type="submit" class="button">
                                        "Create account"
                                    </button>
                                </ServerForm>
                            }
                                .into_any()
                        } else {
                            view! {
                                <p class="form-error" role="alert" data-testid="link-not-valid">
                                    "This link is no longer valid. It may have been used already or "
                                    "have expired. Please ask for a new one."
                                </p>
                            }
                                .into_any()
                        }
                    })
            }}
        </Suspense>
    }
}
