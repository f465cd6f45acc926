//! Over time: how a family's guesses about each other have come closer across its
//! exercises. The therapist's page only: families never see these numbers.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::{
    components::{loaded::Loaded, over_time::OverTimePairs, signed_in::TherapistOnly},
    series::{OverTime, api::family_over_time},
};

#[component]
pub fn OverTimePage() -> impl IntoView {
    // Made outside the signed-in gate, read once (see family::detail for why).
    let family_id = use_params_map().read_untracked().get("id").unwrap_or_default();
    let over_time = Resource::new(move || family_id.clone(), family_over_time);
    view! {
        <Title text="Over time" />
        <TherapistOnly render=move |_| {
            view! {
                <Loaded
                    resource=over_time
                    render=move |over_time: OverTime| view! { <OverTimeView over_time /> }
                />
            }
                .into_any()
        } />
    }
}

#[component]
fn OverTimeView(over_time: OverTime) -> impl IntoView {
    let back = format!("/families/{}", over_time.family_id);
    let back_label = format!("← {}", over_time.family_name);
    view! {
        <Title text=format!("Over time · {}", over_time.family_name) />
        <p>
            <a href=back>{back_label}</a>
        </p>
        <h1>"Over time"</h1>
        <p class="lead">
            "How close each person's guesses came to what the other actually wrote, exercise by \
             exercise: the closeness ratings given in the session (0 not close to 4 spot on) and \
             how many of the person's own feelings the guess named. For you only: the family \
             never sees these numbers. The effort to understand matters more than a score."
        </p>
        <OverTimePairs over_time />
    }
}
