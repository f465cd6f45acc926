use leptos::prelude::*;
use leptos_meta::Title;

use crate::{
    components::crisis::CrisisResourceList,
    i18n::{keys::CrisisTexts, texts},
};

/// Public: anyone can reach crisis help, signed in or not.
#[component]
pub fn CrisisPage() -> impl IntoView {
    let t = texts::<CrisisTexts>();
    view! {
        <Title text=t.title />
        <h1>{t.title}</h1>
        <p class="lead">{t.lead}</p>
        <CrisisResourceList heading_level=2 />
    }
}
