use leptos::prelude::*;

use super::ServiceStatus;

/// One status check, in plain words.
#[component]
pub fn StatusReport(status: ServiceStatus) -> impl IntoView {
    let checked_at = clock_time_utc(status.checked_at_ms);
    let (class, headline) = if status.database_ok {
        ("status status--ok", "Everything is working.")
    } else {
        (
            "status status--problem",
            "Parallel cannot reach its database right now. Please try again in a few minutes.",
        )
    };
    view! {
        <div class=class data-testid="service-status">
            <p class="status__headline">{headline}</p>
            <p class="status__detail">
                "Database answered in " {status.database_latency_ms} " ms · checked at "
                <time data-testid="checked-at">{checked_at}</time> " UTC"
            </p>
        </div>
    }
}

/// `HH:MM:SS` of a Unix-milliseconds time, in UTC, so the server's rendering and
/// the browser's hydration print the same text.
fn clock_time_utc(unix_ms: i64) -> String {
    let seconds_of_day = unix_ms.div_euclid(1000).rem_euclid(86_400);
    format!(
        "{:02}:{:02}:{:02}",
        seconds_of_day / 3600,
        seconds_of_day % 3600 / 60,
        seconds_of_day % 60
    )
}

#[cfg(test)]
mod tests {
    use super::clock_time_utc;

    #[test]
    fn clock_time_is_utc_hours_minutes_seconds() {
        // 2026-11-29T23:05:09.750Z
        assert_eq!(clock_time_utc(1_795_993_509_750), "23:05:09");
        assert_eq!(clock_time_utc(0), "00:00:00");
    }
}
