//! Times as pages show them.

/// `YYYY-MM-DD HH:MM` in UTC, the same on server and browser.
pub fn utc_date_time(unix_ms: i64) -> String {
    let seconds = unix_ms.div_euclid(1000);
    let days = seconds.div_euclid(86_400);
    let of_day = seconds.rem_euclid(86_400);
    let (year, month, day) = civil_from_days(days);
    format!("{year:04}-{month:02}-{day:02} {:02}:{:02}", of_day / 3600, of_day % 3600 / 60)
}

/// `YYYY-MM-DD` in UTC.
pub fn utc_date(unix_ms: i64) -> String {
    let mut date = utc_date_time(unix_ms);
    date.truncate(10);
    date
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
        assert_eq!(super::utc_date(1_795_993_509_750), "2026-11-29");
    }
}
