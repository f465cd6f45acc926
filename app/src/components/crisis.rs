//! The crisis resources, as the operator configured them.

use leptos::prelude::*;

use crate::safety::{CrisisResource, api::crisis_resources};

#[component]
pub fn CrisisResourceList(
    /// 2 on the crisis page, 3 inside a section.
    heading_level: u8,
) -> impl IntoView {
    let resources = Resource::new(|| (), |_| crisis_resources());
    view! {
        <Suspense fallback=|| {
            view! { <p>"Loading…"</p> }
        }>
            {move || {
                resources
                    .get()
                    .map(|result| {
                        let list = result
                            .unwrap_or_else(|_| crate::safety::default_crisis_resources());
                        view! {
                            <ul class="resource-list">
                                {list
                                    .into_iter()
                                    .map(|resource| resource_item(resource, heading_level))
                                    .collect_view()}
                            </ul>
                        }
                    })
            }}
        </Suspense>
    }
}

/// The first two crisis resources (by default: emergencies and 988) with their call
/// and text buttons, and a link to all of them: for a page whose way forward must
/// not sit below four cards.
#[component]
pub fn CrisisShortList() -> impl IntoView {
    let resources = Resource::new(|| (), |_| crisis_resources());
    view! {
        <Suspense fallback=|| {
            view! { <p>"Loading…"</p> }
        }>
            {move || {
                resources
                    .get()
                    .map(|result| {
                        let first = result
                            .unwrap_or_else(|_| crate::safety::default_crisis_resources())
                            .into_iter()
                            .take(2)
                            .map(|resource| resource_item(resource, 3))
                            .collect_view();
                        view! { <ul class="resource-list">{first}</ul> }
                    })
            }}
        </Suspense>
        <p>
            <a href="/crisis">
                "All crisis help, including domestic violence and substance use lines"
            </a>
        </p>
    }
}

fn resource_item(resource: CrisisResource, heading_level: u8) -> impl IntoView {
    let CrisisResource { name, how, call, text, web } = resource;
    let heading = if heading_level <= 2 {
        view! { <h2>{name}</h2> }.into_any()
    } else {
        view! { <h3>{name}</h3> }.into_any()
    };
    view! {
        <li class="resource">
            {heading} <p>{how}</p>
            <p class="resource-actions">
                {call
                    .map(|number| {
                        view! {
                            <a
                                class="button button--secondary"
                                href=format!("tel:{}", CrisisResource::dial_target(&number))
                            >
                                {format!("Call {number}")}
                            </a>
                        }
                    })}
                {text
                    .map(|number| {
                        view! {
                            <a
                                class="button button--secondary"
                                href=format!("sms:{}", CrisisResource::dial_target(&number))
                            >
                                {format!("Text {number}")}
                            </a>
                        }
                    })}
                {web
                    .map(|web| {
                        view! {
                            <a class="button button--secondary" href=web>
                                "Website"
                            </a>
                        }
                    })}
            </p>
        </li>
    }
}
