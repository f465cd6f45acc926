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
