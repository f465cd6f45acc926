//! How much one request may ask of the server: its body's size and its time.
//! Applied to every route by the router (`startup::router`); the middleware that
//! reads a body (`nul`, `security`) reads at most the same size.

use std::time::Duration;

use tower_http::{limit::RequestBodyLimitLayer, timeout::TimeoutLayer};

/// The largest request body accepted; anything bigger gets 413. Generous for a
/// page of long answers, small enough that no one can exhaust memory with uploads.
pub const MAX_REQUEST_BODY_BYTES: usize = 256 * 1024;

/// The longest any request may take. A request that has not been answered in this
/// time gets 408 rather than leaving the person waiting on a page that will never
/// come (see README).
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

pub fn body_limit() -> RequestBodyLimitLayer {
    RequestBodyLimitLayer::new(MAX_REQUEST_BODY_BYTES)
}

pub fn timeout() -> TimeoutLayer {
    TimeoutLayer::with_status_code(http::StatusCode::REQUEST_TIMEOUT, REQUEST_TIMEOUT)
}
