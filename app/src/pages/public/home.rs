use leptos::prelude::*;
use leptos_meta::Title;

use crate::status::{CheckServiceStatus, ServiceStatus, StatusReport, check_service_status};

#[component]
pub fn HomePage() -> impl IntoView {
    // "Check again" posts the form and comes back to this page, checked afresh: the
    // page has no island, so it ships no code for this (docs/islands.md).
    let check_again = ServerAction::<CheckServiceStatus>::new();
    let check = Resource::new(|| (), |_| check_service_status());

    view! {
        <Title text="" />
        <section class="intro">
            <h1>"Parallel"</h1>
            <p class="lead">
                "Parallel helps a family and their loved one in recovery answer the same questions
                about impact, hurt and amends, each in private, and then look at their answers
                side by side with their therapist."
            </p>
        </section>
        <section class="card" aria-labelledby="status-heading">
            <h2 id="status-heading">"Service status"</h2>
            <Suspense fallback=|| {
                view! { <p>"Checking…"</p> }
            }>{move || check.get().map(render_status)}</Suspense>
            <ActionForm action=check_again>
                <button type="submit" class="button button--secondary">
                    "Check again"
                </button>
            </ActionForm>
        </section>
    }
}

fn render_status(result: Result<ServiceStatus, crate::error::AppError>) -> AnyView {
    match result {
        Ok(status) => view! { <StatusReport status /> }.into_any(),
        Err(error) => view! {
            <p class="status status--problem" role="alert">
                {error.to_string()}
            </p>
        }
        .into_any(),
    }
}
