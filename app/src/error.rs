//! The one error type server functions return.
//!
//! What reaches the browser is always a safe, human message: database and
//! internal failures are logged on the server with their cause and arrive
//! here as [`AppError::Internal`] with no detail.

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

/// A message about one form field, shown next to it and in the summary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("Please correct the highlighted fields.")]
    Invalid(Vec<FieldError>),
    #[error("{0}")]
    Refused(String),
    #[error("Please sign in to continue.")]
    SignInRequired,
    #[error("You do not have access to this page.")]
    Forbidden,
    #[error("We could not find that.")]
    NotFound,
    #[error("Too many attempts. Please wait {minutes} minutes and try again.")]
    Throttled { minutes: u32 },
    #[error("That is too much to send at once. Please shorten it and try again.")]
    TooLarge,
    #[error("Something went wrong on our side. Please try again in a moment.")]
    Internal,
    #[error("The service is very busy just now. Please try again in a few seconds.")]
    Busy,
    #[error("We could not reach the server. Check your connection and try again.")]
    Transport,
}

impl AppError {
    /// A single-field validation error.
    pub fn field(field: &str, message: impl Into<String>) -> Self {
        AppError::Invalid(vec![FieldError { field: field.into(), message: message.into() }])
    }

    /// The message for one field, if this error has one.
    pub fn for_field(&self, field: &str) -> Option<String> {
        match self {
            AppError::Invalid(errors) => errors.iter().find(|e| e.field == field).map(|e| e.message.clone()),
            _ => None,
        }
    }

    /// The HTTP status a server function answers with: a person's mistake
    /// is 4xx, and only our own faults are 5xx.
    pub fn status_code(&self) -> u16 {
        match self {
            AppError::Invalid(_) => 422,
            AppError::Refused(_) => 400,
            AppError::SignInRequired => 401,
            AppError::Forbidden => 403,
            AppError::NotFound => 404,
            AppError::Throttled { .. } => 429,
            AppError::TooLarge => 413,
            AppError::Internal => 500,
            AppError::Busy => 503,
            AppError::Transport => 502,
        }
    }

    /// Every message, for the summary at the top of a form.
    pub fn messages(&self) -> Vec<String> {
        match self {
            AppError::Invalid(errors) => errors.iter().map(|e| e.message.clone()).collect(),
            other => vec![other.to_string()],
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        let error = match value {
            ServerFnErrorErr::Request(_) | ServerFnErrorErr::Response(_) => AppError::Transport,
            // Malformed arguments come from a hand-made request, not our
            // forms; so, on the server, does a body that is not UTF-8 text.
            // (In the browser that error means a garbled response.)
            ServerFnErrorErr::Args(_) | ServerFnErrorErr::MissingArg(_) => {
                AppError::Refused(NOT_UNDERSTOOD.into())
            }
            ServerFnErrorErr::Deserialization(_) if cfg!(feature = "ssr") => {
                AppError::Refused(NOT_UNDERSTOOD.into())
            }
            _ => AppError::Internal,
        };
        // Decoding fails before the function body runs, so nothing else
        // would give this error its status: the response would be a 500.
        #[cfg(feature = "ssr")]
        crate::shell::forms::status_for(&error);
        error
    }
}

/// The answer to a request our pages would never send.
pub const NOT_UNDERSTOOD: &str = "That request was not understood.";

/// Refuses text no field should hold, before anything is stored: `lines`
/// are single-line fields (names, titles, addresses), `texts` multi-line
/// ones. Every server function that stores typed text calls this (or
/// [`Validation::line`] and [`Validation::text`]) first.
pub fn check_text(lines: &[(&str, &str)], texts: &[(&str, &str)]) -> Result<(), AppError> {
    let mut v = Validation::default();
    for (field, value) in lines {
        v.line(field, value);
    }
    for (field, value) in texts {
        v.text(field, value);
    }
    v.finish()
}

/// Collects field errors while validating a form.
#[derive(Default)]
pub struct Validation(Vec<FieldError>);

impl Validation {
    pub fn check(&mut self, ok: bool, field: &str, message: &str) {
        if !ok && !self.0.iter().any(|e| e.field == field) {
            self.0.push(FieldError { field: field.into(), message: message.into() });
        }
    }

    /// A single-line field (a name, a title, an address): no control
    /// characters, line breaks or tabs. See [`crate::text`].
    pub fn line(&mut self, field: &str, value: &str) {
        if let Some(message) = crate::text::line_problem(value) {
            self.check(false, field, message);
        }
    }

    /// A multi-line field: no control characters but newlines and tabs.
    pub fn text(&mut self, field: &str, value: &str) {
        if let Some(message) = crate::text::multi_line_problem(value) {
            self.check(false, field, message);
        }
    }

    /// The problems found, in the order they were checked.
    pub fn errors(self) -> Vec<FieldError> {
        self.0
    }

    pub fn finish(self) -> Result<(), AppError> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(AppError::Invalid(self.0))
        }
    }
}

#[cfg(feature = "ssr")]
impl From<sqlx::Error> for AppError {
    fn from(err: sqlx::Error) -> Self {
        // Pages render outside the request's tracing span, so name the
        // request here to tie this line to the others.
        let request_id = leptos::prelude::use_context::<axum::http::request::Parts>()
            .and_then(|parts| parts.headers.get("x-request-id")?.to_str().ok().map(String::from))
            .unwrap_or_else(|| "-".into());
        tracing::error!(request_id, error = %err, "database error");
        AppError::Internal
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_checks_name_each_bad_field_once() {
        assert_eq!(check_text(&[("title", "Fine")], &[("body", "two\r\nlines\tok")]), Ok(()));
        let err = check_text(
            &[("display_name", "Pat\r\nBcc: x@example.org"), ("email", "a@b.org")],
            &[("agenda", "nul\0"), ("notes", "fine\n")],
        )
        .unwrap_err();
        let fields: Vec<_> = match &err {
            AppError::Invalid(errors) => errors.iter().map(|e| e.field.as_str()).collect(),
            other => panic!("{other:?}"),
        };
        assert_eq!(fields, ["display_name", "agenda"]);
        assert_eq!(err.status_code(), 422);
    }

    #[test]
    fn decoding_errors_are_the_callers_fault() {
        for err in [ServerFnErrorErr::Args("x".into()), ServerFnErrorErr::MissingArg("with".into())] {
            assert_eq!(AppError::from_server_fn_error(err).status_code(), 400);
        }
        assert_eq!(AppError::TooLarge.status_code(), 413);
    }
}
