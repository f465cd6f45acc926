use leptos::prelude::*;
use leptos_meta::Title;

use crate::{
    answer::{AnswerAccess, api::StartAnswering},
    components::participant::{ExerciseClosed, ParticipantLoaded, SessionBoardLink},
    components::{crisis::CrisisShortList, form::ServerForm},
    invitation::{Welcome, participant_welcome},
};

/// Where an invitation link lands a participant: who sees what, that this is not a
/// crisis service, and "Start" (or "Continue" when they come back).
#[component]
pub fn WelcomePage() -> impl IntoView {
    let welcome = Resource::new(|| (), |_| participant_welcome());
    view! {
        <Title text="Welcome" />
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
    view! {
        <h1 data-testid="welcome">{format!("Welcome, {participant_name}")}</h1>
        <p class="lead">
            {format!("{therapist_name} has invited you to an exercise: {template_title}.")}
        </p>
        {focus.map(|f| view! { <p>"What it is about: " {f}</p> })}
        {due_date.map(|d| view! { <p>"Please answer by " {d} "."</p> })}
        // The promise in two lines, then the way forward within the first screen of a
        // phone; the details and the crisis help follow.
        <p class="promise" data-testid="promise">
            "Your therapist reads all your answers. Your family sees only what you choose to share, "
            "and only when your therapist shows it in a session."
        </p>
        {match access {
            AnswerAccess::NeedsConsent => {
                view! {
                    <ServerForm action=start class="form">
                        <p>"By starting, you agree to answer on the terms below."</p>
                        <button type="submit" class="button">
                            "I understand, start"
                        </button>
                    </ServerForm>
                }
                    .into_any()
            }
            AnswerAccess::NotOpenYet => {
                view! { <p class="notice">{access.explanation()}</p> }.into_any()
            }
            AnswerAccess::SessionStarted => view! { <SessionBoardLink /> }.into_any(),
            AnswerAccess::Closed => view! { <ExerciseClosed /> }.into_any(),
            _ => {
                view! {
                    <p>
                        <a class="button" href=resume_path>
                            "Continue"
                        </a>
                    </p>
                }
                    .into_any()
            }
        }}
        <section class="card" aria-labelledby="who-sees">
            <h2 id="who-sees">"Who sees your answers"</h2>
            <ul class="plain-list">
                <li>"Your therapist can read all your answers."</li>
                <li>
                    "Your family sees only the answers you choose to share, and only when your "
                    "therapist brings them up in a session. Until then, nobody else sees anything "
                    "you write, or even whether you have started."
                </li>
                <li>"Some answers are for your therapist only. Each question shows which."</li>
                <li>
                    "Your answers save as you go. You can stop and come back with the same link."
                </li>
                <li>
                    "Once saved, your answers are not kept on this phone. Quick exit, at the top of "
                    "every page, leaves at once and takes everything off the screen."
                </li>
            </ul>
        </section>
        <section class="card" aria-labelledby="not-crisis">
            <h2 id="not-crisis">"This is not a crisis service"</h2>
            <p>
                "Nobody watches these answers around the clock. If you or someone else is in danger, "
                "get help now:"
            </p>
            <CrisisShortList />
        </section>
    }
}

/// Where every link that does not work lands: unknown, expired and stopped links
/// alike, so the page tells nothing about which.
#[component]
pub fn LinkNotValidPage() -> impl IntoView {
    crate::error::set_page_status(404);
    view! {
        <Title text="This link does not work" />
        <h1 data-testid="link-not-valid">"This link does not work any more"</h1>
        <p>
            "Links from your therapist stop working after a while, or when a new one is made. "
            "Please ask your therapist for a new link."
        </p>
        <p>"If you need help now, " <a href="/crisis">"find crisis help"</a> "."</p>
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
    let wait = if minutes == 1 { "1 minute".to_owned() } else { format!("{minutes} minutes") };
    view! {
        <Title text="Please wait a little" />
        <h1 data-testid="link-wait">"Please wait a little"</h1>
        <p>
            {format!(
                "Many links that do not work were tried from this network, so for a while it \
                 cannot open links. Please wait {wait}, then open your link again.",
            )}
        </p>
        <p>"If it still does not work, please ask your therapist for a new link."</p>
        <p>"If you need help now, " <a href="/crisis">"find crisis help"</a> "."</p>
    }
}
