//! Server functions for accounts. Each one: check who is asking, validate,
//! call the database module, and hand back a safe result.

use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    super::{db, hashing, password_policy::password_problem, session, throttle},
    crate::audit::{action, db::record, outcome},
    crate::error::Validation,
    crate::shell::forms::{finish, form},
    crate::state::app_state,
};

pub const CHECK_EMAIL: &str =
    "Thank you. We have sent a link to that address: follow it to confirm your email, then sign in.";

#[cfg(feature = "ssr")]
fn check_new_password(v: &mut Validation, field: &str, password: &str) {
    if let Some(problem) = password_problem(password) {
        v.check(false, field, problem);
    }
}

#[cfg(feature = "ssr")]
fn looks_like_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else { return false };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && email.len() <= 254
        && !email.chars().any(char::is_whitespace)
}

#[server(endpoint = "register")]
pub async fn register(display_name: String, email: String, password: String) -> Result<String, AppError> {
    let result = async {
        let state = app_state();
        let address = session::client_address(state.config.trust_proxy);
        let email = db::normalise_email(&email);
        let name = display_name.trim();
        let mut v = Validation::default();
        // The name goes into emails' headers: a line break there would
        // start a header of the sender's choosing.
        v.line("display_name", name);
        v.line("email", &email);
        v.check(!name.is_empty(), "display_name", "Enter your name.");
        v.check(name.chars().count() <= 100, "display_name", "Your name must be 100 characters or fewer.");
        v.check(looks_like_email(&email), "email", "Enter an email address like name@nhs.net.");
        check_new_password(&mut v, "password", &password);
        v.finish()?;
        let now = state.clock.now();
        // Counted only once the form is valid, so typing mistakes cost nothing.
        let keys = [(throttle::key("register", &address), throttle::REGISTRATIONS_PER_ADDRESS)];
        if let Err(err) = throttle::count(&state.db, &keys, now).await {
            record(&state, None, None, action::REGISTER, outcome::THROTTLED).await?;
            return Err(err);
        }
        // A second registration of an address changes nothing and sends
        // nothing, so it is answered before the costly hash.
        if db::login_record(&state.db, &email).await?.is_some() {
            return Err(AppError::field("email", ALREADY_REGISTERED));
        }
        let hash = hashing::hash_password(password.clone()).await?;
        let public_url = state.config.public_url.clone();
        let link = |token: &str| format!("{public_url}/verify-email?token={token}");
        match db::create_user(&state.db, &email, name, &hash, now, link).await? {
            db::NewUser::Created { .. } => Ok(CHECK_EMAIL.to_string()),
            // Saying so helps the person who forgot they registered; the
            // sign-in throttle and the reset flow do not depend on hiding it.
            db::NewUser::EmailTaken => Err(AppError::field("email", ALREADY_REGISTERED)),
        }
    }
    .await;
    finish(
        form::<Register>(),
        &[("display_name", &display_name), ("email", &email)],
        Some(CHECK_EMAIL),
        result,
    )
}

pub const ALREADY_REGISTERED: &str =
    "This email address is already registered. Sign in, or reset your password if you have forgotten it.";

pub const EMAIL_CONFIRMED: &str = "Your email address is confirmed. You can now sign in.";

#[server(endpoint = "confirm_email")]
pub async fn confirm_email(token: String) -> Result<String, AppError> {
    let result = async {
        let state = app_state();
        if db::verify_email(&state.db, &token, state.clock.now()).await? {
            Ok(EMAIL_CONFIRMED.to_string())
        } else {
            Err(AppError::Refused(
                "This link has expired or has already been used. Sign in, or create your account again."
                    .into(),
            ))
        }
    }
    .await;
    finish(form::<ConfirmEmail>(), &[], Some(EMAIL_CONFIRMED), result)
}

#[server(endpoint = "sign_in")]
pub async fn sign_in(email: String, password: String) -> Result<(), AppError> {
    let result = async {
        let state = app_state();
        let now = state.clock.now();
        let email = db::normalise_email(&email);
        let account = throttle::account_key(&email);
        let address = session::client_address(state.config.trust_proxy);
        let record = db::login_record(&state.db, &email).await?;
        let keys = throttle::sign_in_keys(&email, &address, record.is_some());
        // The account's id, when there is one: the trail names whose
        // account was tried, never the address typed for an unknown one.
        let subject = record.as_ref().map(|r| r.user_id);
        let Some(attempt) = throttle::take_attempt(&state.db, &keys, now).await? else {
            audit(&state, subject, action::SIGN_IN, outcome::THROTTLED).await?;
            return Err(throttle::throttled());
        };
        // Unknown addresses cost the same hashing time as known ones.
        let stored = record.as_ref().map(|r| r.password_hash.clone());
        let password_ok = hashing::verify_password(password, stored).await?;
        let Some(record) = record.filter(|_| password_ok) else {
            let why = if subject.is_some() { outcome::WRONG_PASSWORD } else { outcome::UNKNOWN_ACCOUNT };
            audit(&state, subject, action::SIGN_IN, why).await?;
            return Err(wrong_details());
        };
        throttle::forgive(&state.db, &attempt).await?;
        if !record.verified {
            audit(&state, subject, action::SIGN_IN, outcome::UNCONFIRMED).await?;
            return Err(AppError::Refused(
                "Please confirm your email address first: follow the link in the email we sent you.".into(),
            ));
        }
        // Said only to someone who knows the password, so it reveals
        // nothing to a guesser.
        if record.deactivated {
            audit(&state, subject, action::SIGN_IN, outcome::DEACTIVATED).await?;
            return Err(AppError::Refused(DEACTIVATED_ACCOUNT.into()));
        }
        throttle::clear_account(&state.db, &account).await?;
        // A fresh session id on every sign-in, and the old one ended.
        if let Some(old) =
            session::session_cookie(&crate::request::request_headers(), state.config.secure_cookies)
        {
            session::end(&state.db, &old).await?;
        }
        let token = session::start(&state.db, record.user_id, now).await?;
        audit(&state, subject, action::SIGN_IN, outcome::OK).await?;
        session::set_cookie(&token, state.config.secure_cookies);
        leptos_axum::redirect("/");
        Ok(())
    }
    .await;
    finish(form::<SignIn>(), &[("email", &email)], None, result)
}

/// A sign-in event: the account tried is both who acted and whom it was about.
#[cfg(feature = "ssr")]
async fn audit(
    state: &crate::state::AppState,
    account: Option<i64>,
    act: &str,
    result: &str,
) -> Result<(), sqlx::Error> {
    record(state, account, account, act, result).await
}

pub const DEACTIVATED_ACCOUNT: &str =
    "This account has been deactivated, so it cannot sign in. If you think this is a mistake, contact your mentoring coordinator.";

#[server(endpoint = "sign_out")]
pub async fn sign_out() -> Result<(), AppError> {
    let state = app_state();
    if let Some(user) = session::current_user(&state).await? {
        audit(&state, Some(user.id), action::SIGN_OUT, outcome::OK).await?;
    }
    if let Some(token) =
        session::session_cookie(&crate::request::request_headers(), state.config.secure_cookies)
    {
        session::end(&state.db, &token).await?;
    }
    session::clear_cookie(state.config.secure_cookies);
    leptos_axum::redirect("/");
    Ok(())
}

#[cfg(feature = "ssr")]
fn wrong_details() -> AppError {
    AppError::Refused("The email address or password is not right.".into())
}

pub const PASSWORD_CHANGED: &str =
    "Your password has been changed. You have been signed out everywhere else.";

#[server(endpoint = "change_password")]
pub async fn change_password(current_password: String, new_password: String) -> Result<String, AppError> {
    let result = async {
        let (state, user) = session::signed_in().await?;
        let mut v = Validation::default();
        check_new_password(&mut v, "new_password", &new_password);
        v.check(
            new_password != current_password,
            "new_password",
            "Choose a password different from your current one.",
        );
        let stored = db::password_hash_of(&state.db, user.id).await?;
        let current_ok = hashing::verify_password(current_password, Some(stored)).await?;
        v.check(current_ok, "current_password", "Your current password is not right.");
        if !current_ok {
            audit(&state, Some(user.id), action::PASSWORD_CHANGE, outcome::WRONG_PASSWORD).await?;
        }
        v.finish()?;
        let hash = hashing::hash_password(new_password).await?;
        let mut tx = state.db.begin_write().await?;
        db::set_password(&mut tx, user.id, &hash, None).await?;
        tx.commit().await?;
        // Every session ended, this one included; a new one keeps this
        // person signed in with a fresh id.
        let token = session::start(&state.db, user.id, state.clock.now()).await?;
        audit(&state, Some(user.id), action::PASSWORD_CHANGE, outcome::OK).await?;
        session::set_cookie(&token, state.config.secure_cookies);
        Ok(PASSWORD_CHANGED.to_string())
    }
    .await;
    finish(form::<ChangePassword>(), &[], Some(PASSWORD_CHANGED), result)
}

pub const RESET_SENT: &str =
    "If that address has an account, we have sent it a link to reset the password. The link works for an hour.";

#[server(endpoint = "request_password_reset")]
pub async fn request_password_reset(email: String) -> Result<String, AppError> {
    let result = async {
        let state = app_state();
        let address = session::client_address(state.config.trust_proxy);
        let email = db::normalise_email(&email);
        let mut v = Validation::default();
        v.line("email", &email);
        v.check(looks_like_email(&email), "email", "Enter an email address like name@nhs.net.");
        v.finish()?;
        // Per address and per email, so nobody can fill a colleague's inbox.
        let keys = [
            (throttle::key("reset-request", &email), throttle::RESET_REQUESTS_PER_EMAIL),
            (throttle::key("reset-request", &address), throttle::RESET_REQUESTS_PER_ADDRESS),
        ];
        let subject = db::login_record(&state.db, &email).await?.map(|r| r.user_id);
        if let Err(err) = throttle::count(&state.db, &keys, state.clock.now()).await {
            record(&state, None, subject, action::RESET_REQUEST, outcome::THROTTLED).await?;
            return Err(err);
        }
        let public_url = state.config.public_url.clone();
        let link = |token: &str| format!("{public_url}/reset-password?token={token}");
        db::start_reset(&state.db, &email, state.clock.now(), link).await?;
        let result = if subject.is_some() { outcome::OK } else { outcome::UNKNOWN_ACCOUNT };
        record(&state, None, subject, action::RESET_REQUEST, result).await?;
        Ok(RESET_SENT.to_string())
    }
    .await;
    finish(form::<RequestPasswordReset>(), &[("email", &email)], Some(RESET_SENT), result)
}

pub const PASSWORD_RESET: &str = "Your password has been changed. You can now sign in with it.";

#[server(endpoint = "reset_password")]
pub async fn reset_password(token: String, new_password: String) -> Result<String, AppError> {
    let result = async {
        let state = app_state();
        let address = session::client_address(state.config.trust_proxy);
        let mut v = Validation::default();
        check_new_password(&mut v, "new_password", &new_password);
        v.finish()?;
        let now = state.clock.now();
        let keys = [(throttle::key("reset", &address), throttle::RESETS_PER_ADDRESS)];
        if let Err(err) = throttle::count(&state.db, &keys, now).await {
            record(&state, None, None, action::RESET, outcome::THROTTLED).await?;
            return Err(err);
        }
        // The token first: a made-up one must not cost a hash.
        if !db::token_is_live(&state.db, &token, "reset", now).await? {
            record(&state, None, None, action::RESET, outcome::LINK_DEAD).await?;
            return Err(reset_link_dead());
        }
        let hash = hashing::hash_password(new_password).await?;
        let mut tx = state.db.begin_write().await?;
        // Used here, in the transaction that sets the password, so two
        // uses of one link at once cannot both win.
        let Some(user_id) = db::use_token(&mut tx, &token, "reset", state.clock.now()).await? else {
            return Err(reset_link_dead());
        };
        db::set_password(&mut tx, user_id, &hash, None).await?;
        // Following the emailed link proves the address works.
        db::mark_verified(&mut tx, user_id, now).await?;
        tx.commit().await?;
        record(&state, Some(user_id), Some(user_id), action::RESET, outcome::OK).await?;
        Ok(PASSWORD_RESET.to_string())
    }
    .await;
    finish(form::<ResetPassword>(), &[], Some(PASSWORD_RESET), result)
}

#[cfg(feature = "ssr")]
fn reset_link_dead() -> AppError {
    AppError::Refused("This reset link has expired or has already been used. Ask for a new one.".into())
}

#[cfg(test)]
mod tests {
    use super::{Register, SignIn};
    use crate::shell::forms::form;

    #[test]
    fn a_form_is_named_by_its_server_functions_path() {
        assert_eq!(form::<Register>().name(), "/api/register");
        assert_ne!(form::<Register>(), form::<SignIn>());
    }
}
