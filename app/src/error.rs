//! The one error type of every server function.
//!
//! What a user reads is always calm, plain and generic; the detail of what went
//! wrong goes to the server log, tied to the request by a reference the user can
//! quote. No variant carries an answer, a password or a token.

use leptos::server_fn::{
    codec::JsonEncoding,
    error::{FromServerFnError, ServerFnErrorErr},
};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// No session, or it ended (signed out, idle too long, or past its lifetime).
    #[error(
        "You are signed out. This can happen after a while without activity. Please sign \
         in again; anything you typed on this page is still here."
    )]
    Unauthenticated,

    /// Signed in, but this is not theirs to see or change.
    #[error("You do not have access to this.")]
    Forbidden,

    /// The input was understood but cannot be accepted; the text says why.
    #[error("{0}")]
    Invalid(String),

    /// Nothing is there (a page number past the end, an unknown item).
    #[error("We could not find that. Please go back and try again.")]
    NotFound,

    /// Wrong email or password (deliberately the same message for both).
    #[error("That email and password do not match. Please check them and try again.")]
    SignInFailed,

    /// Wrong or reused two-step code.
    #[error("That code did not work. Please check your app and try the newest code.")]
    CodeRejected,

    /// Too many failed attempts from this account or address.
    #[error("Too many attempts. Please wait {minutes} minute(s), then try again.")]
    TooManyAttempts { minutes: u64 },

    /// A one-time link that is unknown, used or expired (one message for all three).
    #[error("This link is no longer valid. Please ask for a new one.")]
    LinkNotValid,

    /// Something failed on the server; the details are in the log under `reference`.
    #[error(
        "Something went wrong on our side. Your work so far is safe. Please try again in a \
         moment. If it keeps happening, mention reference {reference}."
    )]
    Internal { reference: String },

    /// The server could not be reached, or its answer could not be read.
    #[error("We could not reach Parallel just now. Please check your connection and try again.")]
    Unreachable,

    /// The request itself was malformed (a tampered or outdated form).
    #[error("That request could not be understood. Please reload the page and try again.")]
    BadRequest,
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            // On the server, a body that cannot be read is the caller's mistake; in
            // the browser, an answer that cannot be read means the connection failed.
            ServerFnErrorErr::Deserialization(_) if cfg!(feature = "ssr") => AppError::BadRequest,
            ServerFnErrorErr::Request(_)
            | ServerFnErrorErr::Response(_)
            | ServerFnErrorErr::Deserialization(_) => AppError::Unreachable,
            ServerFnErrorErr::Args(_)
            | ServerFnErrorErr::MissingArg(_)
            | ServerFnErrorErr::Serialization(_)
            | ServerFnErrorErr::UnsupportedRequestMethod(_) => AppError::BadRequest,
            ServerFnErrorErr::Registration(detail)
            | ServerFnErrorErr::ServerError(detail)
            | ServerFnErrorErr::MiddlewareError(detail) => AppError::internal(detail),
        }
    }
}

impl AppError {
    /// The HTTP status this error is sent with.
    pub fn status_code(&self) -> u16 {
        match self {
            AppError::Unauthenticated | AppError::SignInFailed | AppError::CodeRejected => 401,
            AppError::Forbidden => 403,
            AppError::LinkNotValid | AppError::NotFound => 404,
            AppError::Invalid(_) => 422,
            AppError::TooManyAttempts { .. } => 429,
            AppError::BadRequest => 400,
            AppError::Unreachable => 503,
            AppError::Internal { .. } => 500,
        }
    }

    /// "Too many attempts", with the wait rounded up to whole minutes.
    pub fn wait_for(wait: std::time::Duration) -> Self {
        AppError::TooManyAttempts { minutes: wait.as_secs().div_ceil(60).max(1) }
    }

    pub fn invalid(message: impl std::fmt::Display) -> Self {
        AppError::Invalid(message.to_string())
    }

    /// Logs `detail` on the server and returns the error the user sees.
    ///
    /// `detail` must never contain what a person wrote, a password or a token: it is
    /// written to the log as it is.
    pub fn internal(detail: impl std::fmt::Display) -> Self {
        let reference = current_request_id();
        tracing::error!(reference = %reference, "internal error: {detail}");
        AppError::Internal { reference }
    }
}

/// The id the server's request-id middleware gave this request, shown to the user
/// so that support can find the matching log lines.
#[cfg(feature = "ssr")]
pub fn current_request_id() -> String {
    leptos::prelude::use_context::<http::request::Parts>()
        .and_then(|parts| {
            parts
                .headers
                .get("x-request-id")
                .and_then(|value| value.to_str().ok())
                .map(str::to_owned)
        })
        .unwrap_or_else(|| "unknown".to_owned())
}

#[cfg(not(feature = "ssr"))]
pub fn current_request_id() -> String {
    "client".to_owned()
}

/// Gives the page being drawn its HTTP status. A page decides its own status where
/// it decides what to show, so the same request always gets the same status: a
/// status set by a server function the page never waited for could arrive after
/// the response had gone (the race that once gave a participant 200 or 403 for
/// the same therapist page). Does nothing in the browser.
pub fn set_page_status(status: u16) {
    #[cfg(feature = "ssr")]
    if let Some(response) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>()
        && let Ok(status) = http::StatusCode::from_u16(status)
    {
        response.set_status(status);
    }
    #[cfg(not(feature = "ssr"))]
    let _ = status;
}

#[cfg(feature = "ssr")]
impl From<sqlx::Error> for AppError {
    fn from(error: sqlx::Error) -> Self {
        AppError::internal(format_args!("database: {error}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn network_failures_read_as_unreachable_not_as_internal_detail() {
        let error = AppError::from_server_fn_error(ServerFnErrorErr::Request(
            "connection reset by peer at 10.0.0.3".into(),
        ));
        assert_eq!(error, AppError::Unreachable);
        assert!(!error.to_string().contains("10.0.0.3"));
    }

    #[test]
    fn server_errors_hide_their_detail_from_the_user() {
        let error = AppError::from_server_fn_error(ServerFnErrorErr::ServerError(
            "no such table: secrets".into(),
        ));
        assert!(matches!(error, AppError::Internal { .. }));
        assert!(!error.to_string().contains("secrets"));
    }
}
