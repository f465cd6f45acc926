use leptos::prelude::*;
use leptos_meta::Title;

use crate::{
    answer::{AnswerAccess, api::StartAnswering},
    components::participant::{ExerciseClosed, HelpNow, ParticipantLoaded, SessionBoardLink},
    components::{crisis::CrisisShortList, form::ServerForm, language::LanguageSwitch},
    i18n::{fill, keys::WelcomeTexts, page_language, texts},
    invitation::{Welcome, participant_welcome},
};

/// Where an invitation link lands a participant: who sees what, that this is not a
/// crisis service, and "Start" (or "Continue" when they come back).
#[component]
pub fn WelcomePage() -> impl IntoView {
    let welcome = Resource::new(|| (), |_| participant_welcome());
    let title = texts::<WelcomeTexts>().title;
    view! {
        <Title text=title />
        <ParticipantLoaded resource=welcome render=|welcome| view! { <WelcomeView welcome /> } />
    }
}

#[component]
fn WelcomeView(welcome: Welcome) -> impl IntoView {
    let start = ServerAction::<StartAnswering>::new();
    let Welcome {
        participant_name,
        therapist_name,
        template_title,
        focus,
        due_date,
        access,
        resume_path,
    } = welcome;
    let t = texts::<WelcomeTexts>();
    view! {
        <h1 data-testid="welcome">{fill(t.heading, &[("name", &participant_name)])}</h1>
        <p class="lead">
            {fill(t.invited, &[("therapist", &therapist_name), ("title", &template_title)])}
        </p>
        {focus.map(|focus| view! { <p>{fill(t.focus, &[("focus", &focus)])}</p> })}
        {due_date.map(|date| view! { <p>{fill(t.due, &[("date", &date)])}</p> })}
        // The promise in two lines, then the way forward within the first screen of a
        // phone; the details and the crisis help follow.
        <p class="promise" data-testid="promise">
            {t.promise}
        </p>
        {match access {
            AnswerAccess::NeedsConsent => {
                view! {
                    <ServerForm action=start class="form">
                        <p>{t.consent}</p>
                        <button type="submit" class="button">
                            {t.start}
                        </button>
                    </ServerForm>
                }
                    .into_any()
            }
            AnswerAccess::NotOpenYet => {
                view! { <p class="notice">{access.explanation(page_language())}</p> }.into_any()
            }
            AnswerAccess::SessionStarted => view! { <SessionBoardLink /> }.into_any(),
            AnswerAccess::Closed => view! { <ExerciseClosed /> }.into_any(),
            _ => {
                view! {
                    <p>
                        <a class="button" href=resume_path>
                            {t.continue_answering}
                        </a>
                    </p>
                }
                    .into_any()
            }
        }}
        <section class="card" aria-labelledby="who-sees">
            <h2 id="who-sees">{t.who_sees_heading}</h2>
            <ul class="plain-list">
                <li>{t.who_sees_therapist}</li>
                <li>{t.who_sees_family}</li>
                <li>{t.who_sees_therapist_only}</li>
                <li>{t.who_sees_saving}</li>
                <li>{t.who_sees_phone}</li>
            </ul>
        </section>
        <section class="card" aria-labelledby="your-language">
            <h2 id="your-language">{t.language_heading}</h2>
            <p>{t.language_text}</p>
            <LanguageSwitch />
        </section>
        <section class="card" aria-labelledby="not-crisis">
            <h2 id="not-crisis">{t.not_crisis_heading}</h2>
            <p>{t.not_crisis_text}</p>
            <CrisisShortList />
        </section>
    }
}

/// Where every link that does not work lands: unknown, expired and stopped links
/// alike, so the page tells nothing about which.
#[component]
pub fn LinkNotValidPage() -> impl IntoView {
    crate::error::set_page_status(404);
    let t = texts::<WelcomeTexts>();
    view! {
        <Title text=t.link_not_valid_title />
        <h1 data-testid="link-not-valid">{t.link_not_valid_heading}</h1>
        <p>{t.link_not_valid_text}</p>
        <HelpNow />
    }
}

/// Where a link lands when many links that do not work came from the same network
/// (a guess at links, or someone on the same clinic Wi-Fi). It says what is true:
/// the link itself may be fine; wait, then open it again. Working links are never
/// held back (`invitation::join`), so a family member only sees this if their own
/// link does not work either.
#[component]
pub fn LinkWaitPage() -> impl IntoView {
    crate::error::set_page_status(429);
    // Only a number is read from the address, never words.
    let minutes = leptos_router::hooks::use_query_map()
        .read_untracked()
        .get("minutes")
        .and_then(|m| m.parse::<u64>().ok())
        .unwrap_or(15)
        .clamp(1, 15);
    let t = texts::<WelcomeTexts>();
    let wait = if minutes == 1 {
        t.wait_one_minute.to_owned()
    } else {
        fill(t.wait_minutes, &[("minutes", &minutes.to_string())])
    };
    view! {
        <Title text=t.wait_title />
        <h1 data-testid="link-wait">{t.wait_title}</h1>
        <p>{fill(t.wait_text, &[("wait", &wait)])}</p>
        <p>{t.wait_still}</p>
        <HelpNow />
    }
}
