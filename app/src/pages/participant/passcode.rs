//! `/passcode`: where a link opened on a device that must choose or give the
//! passcode lands, and `/link-locked`, where a link locked by wrong passcodes does.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::{
    components::form::ServerForm,
    components::participant::ParticipantLoaded,
    invitation::passcode_api::{
        ChoosePasscode, EnterPasscode, MAX_DIGITS, MIN_DIGITS, PasscodePrompt, passcode_step,
    },
};

#[component]
pub fn PasscodePage() -> impl IntoView {
    let choose = ServerAction::<ChoosePasscode>::new();
    let enter = ServerAction::<EnterPasscode>::new();
    // Asked again after each try: a second device may have chosen the passcode
    // meanwhile, and the tries left change.
    let step =
        Resource::new(move || choose.version().get() + enter.version().get(), |_| passcode_step());
    view! {
        <Title text="Your passcode" />
        <ParticipantLoaded
            resource=step
            render=move |step| match step {
                PasscodePrompt::Choose => view! { <ChooseForm action=choose /> }.into_any(),
                PasscodePrompt::Enter { tries_left } => {
                    view! { <EnterForm action=enter tries_left /> }.into_any()
                }
                PasscodePrompt::Done => {
                    view! {
                        <h1>"You are in"</h1>
                        <p>
                            <a class="button" href="/welcome">
                                "Continue"
                            </a>
                        </p>
                    }
                        .into_any()
                }
            }
        />
    }
}

/// A passcode field: masked (someone may be looking), the phone's number pad, and
/// not offered to a password manager (the phone may be shared).
#[component]
fn PasscodeInput(id: &'static str, name: &'static str, label: &'static str) -> impl IntoView {
    view! {
        <label for=id>{label}</label>
        <input
            id=id
            name=name
            type="password"
            inputmode="numeric"
            autocomplete="off"
            required
            aria-describedby="passcode-rule"
            class="passcode-input"
        />
    }
}

#[component]
fn ChooseForm(action: ServerAction<ChoosePasscode>) -> impl IntoView {
    view! {
        <h1 data-testid="choose-passcode">"Choose a passcode"</h1>
        <p class="lead">
            "So nobody else can open your answers, even with your link, choose a passcode. "
            "This phone or computer will not ask for it again. Any other one will."
        </p>
        <ServerForm action class="form">
            <p id="passcode-rule" class="help">
                {format!("{MIN_DIGITS} to {MAX_DIGITS} numbers, easy for you to remember.")}
            </p>
            <PasscodeInput id="passcode" name="passcode" label="Passcode" />
            <PasscodeInput id="passcode-again" name="again" label="The same passcode again" />
            <button type="submit" class="button">
                "Save my passcode"
            </button>
        </ServerForm>
        <p class="muted">
            "If you forget it, your therapist can make you a new link. Nobody, not even your "
            "therapist, can see the passcode itself."
        </p>
    }
}

#[component]
fn EnterForm(action: ServerAction<EnterPasscode>, tries_left: i64) -> impl IntoView {
    view! {
        <h1 data-testid="enter-passcode">"Enter your passcode"</h1>
        <p class="lead">
            "To keep your answers private, this phone or computer needs the passcode you chose "
            "when you first opened your link."
        </p>
        <ServerForm action class="form">
            <p id="passcode-rule" class="help">
                {format!(
                    "{MIN_DIGITS} to {MAX_DIGITS} numbers. {tries_left} {} left.",
                    if tries_left == 1 { "try" } else { "tries" },
                )}
            </p>
            <PasscodeInput id="passcode" name="passcode" label="Passcode" />
            <button type="submit" class="button">
                "Open my answers"
            </button>
        </ServerForm>
        <p class="muted">
            "Forgot it? Ask your therapist for a new link. Your answers are kept safe."
        </p>
    }
}

/// Where a link locked by wrong passcodes leads (and every later use of it).
#[component]
pub fn LinkLockedPage() -> impl IntoView {
    crate::error::set_page_status(403);
    view! {
        <Title text="This link is locked" />
        <h1 data-testid="link-locked">"This link is locked"</h1>
        <p>
            "The passcode was typed wrong too many times, so to keep the answers safe this link "
            "no longer opens. Please ask your therapist for a new link. Nothing you saved is lost."
        </p>
        <p>"If you need help now, " <a href="/crisis">"find crisis help"</a> "."</p>
    }
}
