//! Choosing a new password (account set-up, changing it).

use leptos::prelude::*;

use crate::auth::api::MAX_PASSWORD_CHARS;

/// A new password (the field `name`) and its confirmation (`confirm_password`), with
/// the rules stated up front.
#[component]
pub fn PasswordFields(label: &'static str, name: &'static str) -> impl IntoView {
    view! {
        <label for=name>{label}</label>
        <p class="hint" id="password-hint">
            "At least 12 characters. A few unrelated words make a strong, memorable password."
        </p>
        <input
            id=name
            name=name
            type="password"
            autocomplete="new-password"
            aria-describedby="password-hint"
            required
            minlength="12"
            maxlength=MAX_PASSWORD_CHARS.to_string()
        />
        <label for="confirm_password">"Type the password again"</label>
        <input
            id="confirm_password"
            name="confirm_password"
            type="password"
            autocomplete="new-password"
            required
            minlength="12"
            maxlength=MAX_PASSWORD_CHARS.to_string()
        />
    }
}
