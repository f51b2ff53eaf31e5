//! Server functions for certificates: the check anyone may make with a
//! certificate's code, and the signed-in person's own certificates.

use super::views::Certificate;
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {super::db, crate::accounts::session, crate::shell::forms::respond, crate::state::app_state};

/// A certificate by its code: anyone may check one.
#[server(endpoint = "verify_certificate")]
pub async fn verify_certificate(code: String) -> Result<Certificate, AppError> {
    respond(
        async move {
            let state = app_state();
            let code = super::certificate::tidy_code(&code);
            if code.is_empty() {
                return Err(AppError::field("code", "Enter the code printed on the certificate."));
            }
            let found = db::by_code(&state.db, &code).await?.ok_or_else(|| {
                AppError::field(
                    "code",
                    format!("No certificate has the code {code}. Check it and try again."),
                )
            })?;
            Ok(Certificate {
                code: found.code,
                name: found.name,
                course_title: found.course_title,
                completed_on: found.completed_on,
                models: found.models,
                elsewhere: found.kind == "elsewhere",
            })
        }
        .await,
    )
}

/// The signed-in person's certificates, newest first.
#[server(endpoint = "load_my_certificates")]
pub async fn load_my_certificates() -> Result<Vec<Certificate>, AppError> {
    respond(
        async move {
            let state = app_state();
            let Some(user) = session::current_user(&state).await? else { return Ok(vec![]) };
            Ok(db::completions_of(&state.db, user.id)
                .await?
                .into_iter()
                .map(|c| Certificate {
                    code: c.code,
                    name: c.name,
                    course_title: c.course_title,
                    completed_on: c.completed_on,
                    models: c.models,
                    elsewhere: c.kind == "elsewhere",
                })
                .collect())
        }
        .await,
    )
}
