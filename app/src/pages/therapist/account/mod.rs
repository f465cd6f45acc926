//! The therapist's own account: password, two-step verification, colleagues,
//! sessions and the audit trail.

pub mod activity;
pub mod two_step;

use leptos::prelude::*;
use leptos_meta::Title;

use crate::islands::preload::PreloadIsland;
use crate::{
    auth::{
        TherapistView,
        api::{
            ChangePassword, DisableTwoFactor, InviteColleague, MAX_CODE_CHARS, MAX_PASSWORD_CHARS,
            SignOut, SignOutEverywhere,
        },
    },
    components::password_fields::PasswordFields,
    components::{form::ServerForm, signed_in::TherapistOnly},
    flash::{INVITE_LINK, take_flash},
};

#[component]
pub fn AccountPage() -> impl IntoView {
    view! {
        <Title text="Your account" />
        <TherapistOnly render=|therapist| view! { <Account therapist /> }.into_any() />
    }
}

#[component]
fn Account(therapist: TherapistView) -> impl IntoView {
    let two_factor_enabled = therapist.two_factor_enabled;
    view! {
        <h1>"Your account"</h1>
        <p data-testid="signed-in-as">
            "Signed in as " <strong>{therapist.display_name}</strong> " (" {therapist.email} ")."
        </p>
        <PreloadIsland name="change_password_form" />
        <ChangePasswordForm />
        <TwoStepSection enabled=two_factor_enabled />
        <InviteSection />
        <SessionsSection />
    }
}

/// An island, so that a refused change (signed out meanwhile, a weak new password)
/// answers in the page and keeps what was typed; without JavaScript it is a plain
/// form post. Lazy: only this page fetches its code.
#[island(lazy)]
fn ChangePasswordForm() -> impl IntoView {
    let change = ServerAction::<ChangePassword>::new();
    crate::islands::island_ready();
    view! {
        <section class="card" aria-labelledby="password-heading">
            <h2 id="password-heading">"Change your password"</h2>
            <ServerForm action=change class="form">
                <label for="current_password">"Current password"</label>
                <input
                    id="current_password"
                    name="current_password"
                    type="password"
                    autocomplete="current-password"
                    required
                    maxlength=MAX_PASSWORD_CHARS.to_string()
                />
                <PasswordFields label="New password" name="new_password" />
                <button type="submit" class="button">
                    "Change password"
                </button>
            </ServerForm>
        </section>
    }
}

#[component]
fn TwoStepSection(enabled: bool) -> impl IntoView {
    let disable = ServerAction::<DisableTwoFactor>::new();
    view! {
        <section class="card" aria-labelledby="two-step-heading">
            <h2 id="two-step-heading">"Two-step verification"</h2>
            {if enabled {
                view! {
                    <p data-testid="two-step-status">
                        "On. Signing in needs your password and a code from your phone."
                    </p>
                    <ServerForm action=disable class="form">
                        <p>"To turn it off, give your password and a code from your phone."</p>
                        <label for="disable_password">"Your password"</label>
                        <input
                            id="disable_password"
                            name="password"
                            type="password"
                            autocomplete="current-password"
                            required
                            maxlength=MAX_PASSWORD_CHARS.to_string()
                        />
                        <label for="disable_code">
                            "A code from your authenticator app, or a recovery code"
                        </label>
                        <input
                            id="disable_code"
                            name="code"
                            type="text"
                            autocomplete="one-time-code"
                            spellcheck="false"
                            required
                            maxlength=MAX_CODE_CHARS.to_string()
                        />
                        <button type="submit" class="button button--secondary">
                            "Turn off two-step verification"
                        </button>
                    </ServerForm>
                }
                    .into_any()
            } else {
                view! {
                    <p data-testid="two-step-status">
                        "Off. A code from your phone at each sign-in keeps your clients' words "
                        "safe even if your password is stolen."
                    </p>
                    <a class="button" href="/account/two-step">
                        "Set up two-step verification"
                    </a>
                }
                    .into_any()
            }}
        </section>
    }
}

#[component]
fn InviteSection() -> impl IntoView {
    let invite = ServerAction::<InviteColleague>::new();
    // Without JavaScript the link arrives through a one-time cookie after a redirect.
    let flashed = Resource::new(|| (), |_| take_flash(INVITE_LINK.to_owned()));
    let link = move || {
        invite
            .value()
            .get()
            .and_then(Result::ok)
            .or_else(|| flashed.get().and_then(Result::ok).flatten())
    };
    view! {
        <section class="card" id="invite" aria-labelledby="invite-heading">
            <h2 id="invite-heading">"Invite a colleague"</h2>
            <p>"Make a one-time link for another therapist to create their own account."</p>
            <ServerForm action=invite class="form">
                <button type="submit" class="button button--secondary">
                    "Make an invitation link"
                </button>
            </ServerForm>
            <Suspense>
                {move || {
                    link()
                        .map(|link| {
                            view! {
                                <div class="notice" role="status">
                                    <p>
                                        "Send this link to your colleague. It works once, for 7 days:"
                                    </p>
                                    <p>
                                        <code data-testid="invite-link">{link}</code>
                                    </p>
                                </div>
                            }
                        })
                }}
            </Suspense>
        </section>
    }
}

#[component]
fn SessionsSection() -> impl IntoView {
    let sign_out = ServerAction::<SignOut>::new();
    let everywhere = ServerAction::<SignOutEverywhere>::new();
    view! {
        <section class="card" aria-labelledby="sessions-heading">
            <h2 id="sessions-heading">"Signing out"</h2>
            <p>
                <a href="/account/activity">"See your account activity"</a>
                " (sign-ins, password and two-step changes)."
            </p>
            <div class="button-row">
                <ServerForm action=sign_out quiet=true>
                    <button type="submit" class="button">
                        "Sign out"
                    </button>
                </ServerForm>
                <ServerForm action=everywhere quiet=true>
                    <button type="submit" class="button button--secondary">
                        "Sign out everywhere"
                    </button>
                </ServerForm>
            </div>
        </section>
    }
}
