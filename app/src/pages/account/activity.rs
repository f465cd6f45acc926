use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::{
    audit::{ActivityPage as AuditPage, list_my_activity},
    components::{loaded::Loaded, signed_in::TherapistOnly},
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

/// `YYYY-MM-DD HH:MM` in UTC, the same on server and browser.
fn utc_date_time(unix_ms: i64) -> String {
    let seconds = unix_ms.div_euclid(1000);
    let days = seconds.div_euclid(86_400);
    let of_day = seconds.rem_euclid(86_400);
    let (year, month, day) = civil_from_days(days);
    format!("{year:04}-{month:02}-{day:02} {:02}:{:02}", of_day / 3600, of_day % 3600 / 60)
}

/// Days since 1970-01-01 to a calendar date (Howard Hinnant's algorithm).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = u32::try_from(doy - (153 * mp + 2) / 5 + 1).unwrap_or(1);
    let month = u32::try_from(if mp < 10 { mp + 3 } else { mp - 9 }).unwrap_or(1);
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::utc_date_time;

    #[test]
    fn formats_utc_dates() {
        assert_eq!(utc_date_time(0), "1970-01-01 00:00");
        assert_eq!(utc_date_time(1_795_993_509_750), "2026-11-29 23:05");
        assert_eq!(utc_date_time(951_782_400_000), "2000-02-29 00:00");
    }
}
