use leptos::prelude::*;
use leptos_meta::Title;

use crate::{
    auth::api::{ConfirmTwoFactor, MAX_CODE_CHARS, begin_two_factor},
    components::form::ServerForm,
    error::AppError,
    flash::{RECOVERY_CODES, take_flash},
};

/// Setting up two-step verification: scan, confirm with a code, keep the recovery
/// codes. Reachable fully signed in, or right after the password when the operator
/// requires two-step for everyone.
#[component]
pub fn TwoStepPage() -> impl IntoView {
    let confirm = ServerAction::<ConfirmTwoFactor>::new();
    // Without JavaScript the codes arrive through a one-time cookie after a redirect.
    let flashed = Resource::new(|| (), |_| take_flash(RECOVERY_CODES.to_owned()));
    let codes = move || {
        confirm.value().get().and_then(Result::ok).or_else(|| {
            flashed
                .get()
                .and_then(Result::ok)
                .flatten()
                .map(|joined| joined.split('.').map(str::to_owned).collect())
        })
    };
    let enrolment = Resource::new(|| (), |_| begin_two_factor());

    view! {
        <Title text="Two-step verification" />
        <h1>"Two-step verification"</h1>
        <Suspense fallback=|| {
            view! { <p>"Loading…"</p> }
        }>
            {move || match codes() {
                Some(codes) => view! { <RecoveryCodes codes /> }.into_any(),
                None => {
                    enrolment
                        .get()
                        .map(|result| match result {
                            Ok(enrolment) if enrolment.already_enabled => {
                                view! {
                                    <p>
                                        "Two-step verification is already on. "
                                        <a href="/account">"Back to your account"</a>
                                    </p>
                                }
                                    .into_any()
                            }
                            Ok(enrolment) => {
                                view! {
                                    <ol class="steps">
                                        <li>
                                            <p>
                                                "Open an authenticator app on your phone (for example "
                                                "Google Authenticator, Microsoft Authenticator or Aegis) "
                                                "and scan this code:"
                                            </p>
                                            <div
                                                class="qr"
                                                role="img"
                                                aria-label="QR code for your authenticator app"
                                                inner_html=enrolment.qr_svg
                                            ></div>
                                            <p>
                                                "Cannot scan? Type this key instead: "
                                                <code data-testid="totp-secret">{enrolment.secret}</code>
                                            </p>
                                        </li>
                                        <li>
                                            <ServerForm action=confirm class="form">
                                                <label for="code">
                                                    "Enter the 6-digit code the app shows"
                                                </label>
                                                <input
                                                    id="code"
                                                    name="code"
                                                    inputmode="numeric"
                                                    autocomplete="one-time-code"
                                                    required
                                                    maxlength=MAX_CODE_CHARS.to_string()
                                                />
                                                <button type="submit" class="button">
                                                    "Turn on two-step verification"
                                                </button>
                                            </ServerForm>
                                        </li>
                                    </ol>
                                }
                                    .into_any()
                            }
                            Err(error) => {
                                let (href, words) = if error == AppError::Unauthenticated {
                                    ("/sign-in", "Sign in")
                                } else {
                                    ("/account", "Go to your account")
                                };
                                view! {
                                    <p class="form-error" role="alert">
                                        {error.to_string()}
                                        " "
                                        <a href=href>{words}</a>
                                    </p>
                                }
                                    .into_any()
                            }
                        })
                        .unwrap_or_else(|| ().into_any())
                }
            }}
        </Suspense>
    }
}

#[component]
fn RecoveryCodes(codes: Vec<String>) -> impl IntoView {
    view! {
        <div class="notice" role="status">
            <h2>"Two-step verification is on"</h2>
            <p>
                "Keep these recovery codes somewhere safe, such as printed in a locked drawer. "
                "Each one lets you sign in once if you lose your phone. They are shown only now."
            </p>
            <ul class="recovery-codes" data-testid="recovery-codes">
                {codes
                    .into_iter()
                    .map(|code| {
                        view! {
                            <li>
                                <code>{code}</code>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            <p>
                <a class="button" href="/account">
                    "I have kept them: go to my account"
                </a>
            </p>
        </div>
    }
}
