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
        match value {
            ServerFnErrorErr::Request(_) | ServerFnErrorErr::Response(_) => AppError::Transport,
            // Malformed arguments come from a hand-made request, not our forms.
            ServerFnErrorErr::Args(_) | ServerFnErrorErr::MissingArg(_) => {
                AppError::Refused("That request was not understood.".into())
            }
            _ => AppError::Internal,
        }
    }
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
