//! Server functions for closing and deactivating accounts. A person asks
//! to close their own account; a coordinator confirms it, which erases it
//! (`erasure::erase`). A coordinator can deactivate an account (signed
//! out everywhere at once, refused sign-in, delisted) and reactivate it.
//! Each step is recorded in the audit trail with its outcome.

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use {
    super::{closure_db, db, session, Role},
    crate::audit::{action, db::record, outcome},
    crate::shell::forms::{finish_saying, form, respond},
    crate::state::{app_state, AppState},
};

/// The signed-in person's closure request, for `/account`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClosureStatus {
    /// When they asked, as a readable date, if they have.
    pub requested_on: Option<String>,
    /// The only coordinator cannot close their account.
    pub last_coordinator: bool,
}

#[server(endpoint = "load_closure_status")]
pub async fn load_closure_status() -> Result<ClosureStatus, AppError> {
    respond(
        async move {
            let (state, user) = session::signed_in().await?;
            let account = closure_db::account(&state.db, user.id).await?.ok_or(AppError::NotFound)?;
            Ok(ClosureStatus {
                requested_on: account.closure_requested_at.map(crate::dates::date_time_of),
                last_coordinator: closure_db::is_last_coordinator(&state.db, user.id).await?,
            })
        }
        .await,
    )
}

pub const CLOSURE_ASKED: &str =
    "You have asked to close your account. A coordinator will confirm it; until then you can change your mind here.";
pub const CLOSURE_WITHDRAWN: &str = "You no longer ask to close your account. Nothing has changed.";

/// `close` is "yes" to ask for closure and "no" to withdraw the request.
#[server(endpoint = "ask_to_close_account")]
pub async fn ask_to_close_account(close: String) -> Result<String, AppError> {
    let result = async {
        let (state, user) = session::signed_in().await?;
        let asked = match close.as_str() {
            "yes" => true,
            "no" => false,
            _ => return Err(AppError::Refused(crate::error::NOT_UNDERSTOOD.into())),
        };
        let act = if asked { action::CLOSURE_REQUESTED } else { action::CLOSURE_WITHDRAWN };
        if asked && closure_db::is_last_coordinator(&state.db, user.id).await? {
            record(&state, Some(user.id), Some(user.id), act, outcome::REFUSED).await?;
            return Err(AppError::Refused(closure_db::LAST_COORDINATOR.into()));
        }
        closure_db::set_closure_request(&state.db, user.id, asked, state.clock.now()).await?;
        record(&state, Some(user.id), Some(user.id), act, outcome::OK).await?;
        Ok(if asked { CLOSURE_ASKED } else { CLOSURE_WITHDRAWN }.to_string())
    }
    .await;
    finish_saying(form::<AskToCloseAccount>(), &[], result)
}

/// A closure waiting for a coordinator, or a deactivated account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountItem {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub since: String,
}

/// `/coordinator/accounts`: closures to confirm and accounts deactivated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountsDesk {
    pub closures: Vec<AccountItem>,
    pub deactivated: Vec<AccountItem>,
}

#[server(endpoint = "load_accounts_desk")]
pub async fn load_accounts_desk() -> Result<AccountsDesk, AppError> {
    respond(
        async move {
            let (state, _) = session::signed_in_as(Role::Coordinator).await?;
            let closures = closure_db::pending_closures(&state.db)
                .await?
                .into_iter()
                .map(|p| AccountItem {
                    id: p.id,
                    name: p.display_name,
                    email: p.email,
                    since: crate::dates::date_time_of(p.requested_at),
                })
                .collect();
            let rows: Vec<(i64, String, String, i64)> = sqlx::query_as(
                "SELECT id, display_name, email, deactivated_at FROM users \
                 WHERE deactivated_at IS NOT NULL AND erased_at IS NULL ORDER BY deactivated_at DESC, id",
            )
            .fetch_all(state.db.pool())
            .await?;
            let deactivated = rows
                .into_iter()
                .map(|(id, name, email, at)| AccountItem {
                    id,
                    name,
                    email,
                    since: crate::dates::date_time_of(at),
                })
                .collect();
            Ok(AccountsDesk { closures, deactivated })
        }
        .await,
    )
}

pub const CLOSED: &str = "The account is closed: what the service's figures need is kept without a name, and everything else is deleted.";

#[cfg(feature = "ssr")]
async fn refuse(
    state: &AppState,
    by: i64,
    subject: i64,
    act: &str,
    message: &str,
) -> Result<String, AppError> {
    record(state, Some(by), Some(subject), act, outcome::REFUSED).await?;
    Err(AppError::Refused(message.into()))
}

/// Confirms the closure `user_id` asked for, and erases the account.
#[server(endpoint = "confirm_account_closure")]
pub async fn confirm_account_closure(user_id: i64) -> Result<String, AppError> {
    let result = async {
        let state = app_state();
        let coordinator = session::require_role(&state, Role::Coordinator).await?;
        let account = closure_db::account(&state.db, user_id).await?.ok_or(AppError::NotFound)?;
        let confirm = action::CLOSURE_CONFIRMED;
        if account.erased_at.is_some() || account.closure_requested_at.is_none() {
            return refuse(
                &state,
                coordinator.id,
                user_id,
                confirm,
                "This person has not asked to close their account.",
            )
            .await;
        }
        if user_id == coordinator.id {
            return refuse(
                &state,
                coordinator.id,
                user_id,
                confirm,
                "Another coordinator must confirm closing your own account.",
            )
            .await;
        }
        if closure_db::is_last_coordinator(&state.db, user_id).await? {
            return refuse(&state, coordinator.id, user_id, confirm, closure_db::LAST_COORDINATOR).await;
        }
        record(&state, Some(coordinator.id), Some(user_id), confirm, outcome::OK).await?;
        let c = crate::sessions::booking::Context::of(&state);
        let address = session::client_address(state.config.trust_proxy);
        super::erasure::erase(&state.db, &c, user_id, Some(coordinator.id), &address).await?;
        Ok(CLOSED.to_string())
    }
    .await;
    finish_saying(form::<ConfirmAccountClosure>(), &[], result)
}

pub const DEACTIVATED: &str =
    "The account is deactivated: signed out everywhere, unable to sign in, and not listed.";
pub const REACTIVATED: &str = "The account is active again. They can sign in.";

/// Deactivates (`active` "0") or reactivates (`active` "1") the account
/// with this email address.
#[server(endpoint = "set_account_active")]
pub async fn set_account_active(email: String, active: String) -> Result<String, AppError> {
    let result = async {
        let state = app_state();
        let coordinator = session::require_role(&state, Role::Coordinator).await?;
        let active = match active.as_str() {
            "1" => true,
            "0" => false,
            _ => return Err(AppError::Refused(crate::error::NOT_UNDERSTOOD.into())),
        };
        let email = db::normalise_email(&email);
        let mut v = crate::error::Validation::default();
        v.line("email", &email);
        v.check(!email.is_empty(), "email", "Enter the email address of the account.");
        v.finish()?;
        let found: Option<(i64,)> =
            sqlx::query_as("SELECT id FROM users WHERE email = $1 AND erased_at IS NULL")
                .bind(&email)
                .fetch_optional(state.db.pool())
                .await?;
        let Some((user_id,)) = found else {
            return Err(AppError::field("email", "No account has that email address."));
        };
        let act = if active { action::REACTIVATED } else { action::DEACTIVATED };
        if !active && user_id == coordinator.id {
            return refuse(&state, coordinator.id, user_id, act, "You cannot deactivate your own account.")
                .await;
        }
        if !active && closure_db::is_last_coordinator(&state.db, user_id).await? {
            return refuse(&state, coordinator.id, user_id, act, closure_db::LAST_COORDINATOR).await;
        }
        let address = session::client_address(state.config.trust_proxy);
        let changed = closure_db::set_active(
            &state.db,
            user_id,
            active,
            Some(coordinator.id),
            &address,
            state.clock.now(),
        )
        .await?;
        Ok(match (active, changed) {
            (true, true) => REACTIVATED.to_string(),
            (false, true) => DEACTIVATED.to_string(),
            (true, false) => "That account is already active.".to_string(),
            (false, false) => "That account is already deactivated.".to_string(),
        })
    }
    .await;
    finish_saying(form::<SetAccountActive>(), &[("email", &email)], result)
}
