use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

use crate::i18n::{keys::Frame, texts};

#[component]
pub fn NotFound() -> impl IntoView {
    crate::error::set_page_status(404);

    let t = texts::<Frame>();
    view! {
        <Title text=t.page_not_found_title />
        <h1>{t.page_not_found_heading}</h1>
        <p>
            {t.page_not_found_before} <A href="/">{t.page_not_found_link}</A>
            {t.page_not_found_after}
        </p>
    }
}
