//! `/passcode`: where a link opened on a device that must choose or give the
//! passcode lands, and `/link-locked`, where a link locked by wrong passcodes does.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::{
    components::form::ServerForm,
    components::participant::{HelpNow, ParticipantLoaded},
    i18n::{fill, keys::PasscodeTexts, texts},
    invitation::passcode_api::{
        ChoosePasscode, EnterPasscode, MAX_DIGITS, MIN_DIGITS, PasscodePrompt, passcode_step,
    },
};

/// "{min} to {max} numbers…" with the rule's numbers in place.
fn with_rule(text: &str, more: &[(&str, &str)]) -> String {
    let (min, max) = (MIN_DIGITS.to_string(), MAX_DIGITS.to_string());
    let mut values = vec![("min", min.as_str()), ("max", max.as_str())];
    values.extend_from_slice(more);
    fill(text, &values)
}

#[component]
pub fn PasscodePage() -> impl IntoView {
    let choose = ServerAction::<ChoosePasscode>::new();
    let enter = ServerAction::<EnterPasscode>::new();
    // Asked again after each try: a second device may have chosen the passcode
    // meanwhile, and the tries left change.
    let step =
        Resource::new(move || choose.version().get() + enter.version().get(), |_| passcode_step());
    let t = texts::<PasscodeTexts>();
    view! {
        <Title text=t.title />
        <ParticipantLoaded
            resource=step
            render=move |step| match step {
                PasscodePrompt::Choose => view! { <ChooseForm action=choose /> }.into_any(),
                PasscodePrompt::Enter { tries_left } => {
                    view! { <EnterForm action=enter tries_left /> }.into_any()
                }
                PasscodePrompt::Done => {
                    view! {
                        <h1>{t.you_are_in}</h1>
                        <p>
                            <a class="button" href="/welcome">
                                {t.continue_on}
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
    let t = texts::<PasscodeTexts>();
    view! {
        <h1 data-testid="choose-passcode">{t.choose_heading}</h1>
        <p class="lead">{t.choose_lead}</p>
        <ServerForm action class="form">
            <p id="passcode-rule" class="help">
                {with_rule(t.rule, &[])}
            </p>
            <PasscodeInput id="passcode" name="passcode" label=t.passcode />
            <PasscodeInput id="passcode-again" name="again" label=t.again />
            <button type="submit" class="button">
                {t.save}
            </button>
        </ServerForm>
        <p class="muted">{t.forget}</p>
    }
}

#[component]
fn EnterForm(action: ServerAction<EnterPasscode>, tries_left: i64) -> impl IntoView {
    let t = texts::<PasscodeTexts>();
    let rule = if tries_left == 1 {
        with_rule(t.tries_left_one, &[])
    } else {
        with_rule(t.tries_left_many, &[("tries", &tries_left.to_string())])
    };
    view! {
        <h1 data-testid="enter-passcode">{t.enter_heading}</h1>
        <p class="lead">{t.enter_lead}</p>
        <ServerForm action class="form">
            <p id="passcode-rule" class="help">
                {rule}
            </p>
            <PasscodeInput id="passcode" name="passcode" label=t.passcode />
            <button type="submit" class="button">
                {t.open}
            </button>
        </ServerForm>
        <p class="muted">{t.forgot}</p>
    }
}

/// Where a link locked by wrong passcodes leads (and every later use of it).
#[component]
pub fn LinkLockedPage() -> impl IntoView {
    crate::error::set_page_status(403);
    let t = texts::<PasscodeTexts>();
    view! {
        <Title text=t.locked_title />
        <h1 data-testid="link-locked">{t.locked_title}</h1>
        <p>{t.locked_text}</p>
        <HelpNow />
    }
}
