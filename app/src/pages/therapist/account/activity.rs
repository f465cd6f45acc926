use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::{
    audit::{ActivityPage as AuditPage, list_my_activity},
    components::{loaded::Loaded, signed_in::TherapistOnly, time::utc_date_time},
};

/// The therapist's own audit trail, newest first, 25 to a page (`?page=N`).
#[component]
pub fn ActivityPage() -> impl IntoView {
    view! {
        <Title text="Account activity" />
        <Activity />
    }
}

#[component]
fn Activity() -> impl IntoView {
    // The data is made here, outside the signed-in gate: while the server waits for
    // data it rebuilds the gate's content, and a resource made inside it would be
    // fetched again each time (see components::signed_in).
    let query = use_query_map();
    let page = move || {
        query
            .read()
            .get("page")
            .and_then(|p| p.parse::<u32>().ok())
            .filter(|p| *p >= 1)
            .unwrap_or(1)
    };
    let activity = Resource::new(page, list_my_activity);
    view! {
        <TherapistOnly render=move |_| {
            view! {
                <h1>"Account activity"</h1>
                <p>"Everything that happened to your account, newest first. Times are in UTC."</p>
                <Loaded resource=activity render=activity_table />
            }
                .into_any()
        } />
    }
}

fn activity_table(activity: AuditPage) -> impl IntoView {
    let page = activity.page;
    view! {
        <table class="activity" data-testid="activity">
            <thead>
                <tr>
                    <th scope="col">"When (UTC)"</th>
                    <th scope="col">"What"</th>
                    <th scope="col">"From address"</th>
                </tr>
            </thead>
            <tbody>
                {activity
                    .entries
                    .into_iter()
                    .map(|entry| {
                        view! {
                            <tr>
                                <td>{utc_date_time(entry.at_ms)}</td>
                                <td>{entry.event.describe()}</td>
                                <td>{entry.client_ip.unwrap_or_default()}</td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
        <nav class="pager" aria-label="Pages">
            {(page > 1).then(|| view! { <a href=format!("?page={}", page - 1)>"Newer"</a> })}
            {activity.has_more.then(|| view! { <a href=format!("?page={}", page + 1)>"Older"</a> })}
        </nav>
    }
}
