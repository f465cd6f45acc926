//! The crisis resources, as the operator configured them.

use leptos::prelude::*;

use crate::{
    i18n::{
        fill,
        keys::{CrisisTexts, Frame},
        page_language, texts,
    },
    safety::{CrisisResource, api::crisis_resources},
};

#[component]
pub fn CrisisResourceList(
    /// 2 on the crisis page, 3 inside a section.
    heading_level: u8,
) -> impl IntoView {
    let resources = Resource::new(|| (), |_| crisis_resources());
    view! {
        <Suspense fallback=|| {
            view! { <p>{texts::<Frame>().loading}</p> }
        }>
            {move || {
                resources
                    .get()
                    .map(|result| {
                        let list = result.unwrap_or_else(|_| defaults_here());
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
            view! { <p>{texts::<Frame>().loading}</p> }
        }>
            {move || {
                resources
                    .get()
                    .map(|result| {
                        let first = result
                            .unwrap_or_else(|_| defaults_here())
                            .into_iter()
                            .take(2)
                            .map(|resource| resource_item(resource, 3))
                            .collect_view();
                        view! { <ul class="resource-list">{first}</ul> }
                    })
            }}
        </Suspense>
        <p>
            <a href="/crisis">{texts::<CrisisTexts>().all_help}</a>
        </p>
    }
}

/// The default list in the page's language, should the server's not come.
fn defaults_here() -> Vec<CrisisResource> {
    let language = page_language();
    crate::safety::default_crisis_resources()
        .into_iter()
        .map(|resource| resource.in_language(language))
        .collect()
}

fn resource_item(resource: CrisisResource, heading_level: u8) -> impl IntoView {
    let CrisisResource { name, how, call, text, web, .. } = resource;
    let t = texts::<CrisisTexts>();
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
                                {fill(t.call, &[("number", &number)])}
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
                                {fill(t.text, &[("number", &number)])}
                            </a>
                        }
                    })}
                {web
                    .map(|web| {
                        view! {
                            <a class="button button--secondary" href=web>
                                {t.website}
                            </a>
                        }
                    })}
            </p>
        </li>
    }
}
