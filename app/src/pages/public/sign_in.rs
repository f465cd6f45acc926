use leptos::prelude::*;
use leptos_meta::Title;

use crate::{
    auth::api::{MAX_CODE_CHARS, MAX_EMAIL_CHARS, MAX_PASSWORD_CHARS, SignIn, VerifySecondFactor},
    components::form::ServerForm,
};

#[component]
pub fn SignInPage() -> impl IntoView {
    let sign_in = ServerAction::<SignIn>::new();
    view! {
        <Title text="Sign in" />
        <h1>"Sign in"</h1>
        <p class="lead">"For therapists. Families join through the link their therapist sends."</p>
        <ServerForm action=sign_in class="form card">
            <label for="email">"Email"</label>
            <input
                id="email"
                name="email"
                type="email"
                autocomplete="username"
                required
                maxlength=MAX_EMAIL_CHARS.to_string()
            />
            <label for="password">"Password"</label>
            <input
                id="password"
                name="password"
                type="password"
                autocomplete="current-password"
                required
                maxlength=MAX_PASSWORD_CHARS.to_string()
            />
            <button type="submit" class="button">
                "Sign in"
            </button>
        </ServerForm>
    }
}

#[component]
pub fn SecondFactorPage() -> impl IntoView {
    let verify = ServerAction::<VerifySecondFactor>::new();
    view! {
        <Title text="Two-step code" />
        <h1>"Enter your two-step code"</h1>
        <ServerForm action=verify class="form card">
            <label for="code">"Code from your authenticator app"</label>
            <p class="hint" id="code-hint">
                "Six digits. Lost your phone? Enter one of your recovery codes instead."
            </p>
            <input
                id="code"
                name="code"
                type="text"
                inputmode="text"
                autocomplete="one-time-code"
                aria-describedby="code-hint"
                required
                maxlength=MAX_CODE_CHARS.to_string()
            />
            <button type="submit" class="button">
                "Continue"
            </button>
        </ServerForm>
    }
}

#[component]
pub fn SignedOutPage() -> impl IntoView {
    view! {
        <Title text="Signed out" />
        <h1>"You are signed out"</h1>
        <p>
            "Thank you. You can close this window, or " <a href="/sign-in">"sign in again"</a> "."
        </p>
    }
}
