use leptos::prelude::*;
use leptos_meta::Title;

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
        <ul class="resource-list">
            <li class="resource">
                <h2>"In an emergency"</h2>
                <p>"Call " <a href="tel:911">"911"</a> "."</p>
            </li>
            <li class="resource">
                <h2>"988 Suicide & Crisis Lifeline"</h2>
                <p>
                    "Call or text " <a href="tel:988">"988"</a> ", any time. Free and confidential."
                </p>
            </li>
            <li class="resource">
                <h2>"National Domestic Violence Hotline"</h2>
                <p>
                    "Call " <a href="tel:18007997233">"1-800-799-7233"</a> ", or text "
                    <strong>"START"</strong> " to " <a href="sms:88788">"88788"</a> "."
                </p>
            </li>
            <li class="resource">
                <h2>"SAMHSA National Helpline (substance use)"</h2>
                <p>
                    "Call " <a href="tel:18006624357">"1-800-662-4357"</a>
                    ", any time. Free and confidential."
                </p>
            </li>
        </ul>
    }
}
