use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

#[component]
pub fn NotFound() -> impl IntoView {
    crate::error::set_page_status(404);

    view! {
        <Title text="Page not found" />
        <h1>"We could not find that page"</h1>
        <p>"The link may be old or mistyped. " <A href="/">"Go to the start page"</A> "."</p>
    }
}
