use leptos::prelude::*;
use leptos_meta::Title;

use crate::invitation::participant_welcome;

/// Where an invitation link lands a participant.
#[component]
pub fn WelcomePage() -> impl IntoView {
    let welcome = Resource::new(|| (), |_| participant_welcome());
    view! {
        <Title text="Welcome" />
        <Suspense fallback=|| {
            view! { <p>"Loading…"</p> }
        }>
            {move || {
                welcome
                    .get()
                    .map(|result| match result {
                        Ok(welcome) => {
                            view! {
                                <h1 data-testid="welcome">
                                    {format!("Welcome, {}", welcome.participant_name)}
                                </h1>
                                <p class="lead">
                                    {format!(
                                        "{} has invited you to an exercise: {}.",
                                        welcome.therapist_name,
                                        welcome.template_title,
                                    )}
                                </p>
                                {welcome.focus.map(|f| view! { <p>"What it is about: " {f}</p> })}
                                {welcome
                                    .due_date
                                    .map(|d| view! { <p>"Please answer by " {d} "."</p> })}
                                <p>
                                    "Your therapist can read your answers. Your family sees only what you "
                                    "choose to share, and only when your therapist brings it up in a session."
                                </p>
                                <p>
                                    "This is not a crisis service. If you are in danger, "
                                    <a href="/crisis">"find crisis help now"</a> "."
                                </p>
                            }
                                .into_any()
                        }
                        Err(_) => {
                            view! {
                                <h1>"Please use your invitation link"</h1>
                                <p>
                                    "This page opens from the personal link your therapist gave you. "
                                    "If the link does not work, ask your therapist for a new one."
                                </p>
                            }
                                .into_any()
                        }
                    })
            }}
        </Suspense>
    }
}

/// Where every link that does not work lands: unknown, expired and stopped links
/// alike, so the page tells nothing about which.
#[component]
pub fn LinkNotValidPage() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::NOT_FOUND);
    }
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
