use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::crisis::CrisisResourceList;

/// Public: anyone can reach crisis help, signed in or not.
#[component]
pub fn CrisisPage() -> impl IntoView {
    view! {
        <Title text="Crisis help" />
        <h1>"Crisis help"</h1>
        <p class="lead">
            "Parallel is not a crisis service and nobody watches it around the clock. "
            "If you or someone else is in danger right now, contact one of these services."
        </p>
        <CrisisResourceList heading_level=2 />
    }
}
