//! Times are stored as Unix milliseconds in `BIGINT` columns: one representation
//! that SQLite and PostgreSQL both read back unchanged through sqlx's `Any` driver.

use std::time::{SystemTime, UNIX_EPOCH};

/// Now, in Unix milliseconds.
pub fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|elapsed| i64::try_from(elapsed.as_millis()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}
