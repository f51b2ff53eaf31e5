//! Sign-in sessions: a random cookie value, its hash in the `sessions` table.
//!
//! Sessions end after two idle hours or twelve hours in all, whichever
//! comes first; signing in always starts a new one (no fixation).

use super::tokens::{new_token, token_hash};
use super::{CurrentUser, Role};
use crate::cookies::{cookie_header, cookie_value, send_cookie};
use crate::db::Db;
use crate::error::AppError;
use crate::state::AppState;
use axum::http::{HeaderMap, HeaderValue};
use sqlx::Row;

/// `__Host-mw_session` over https (see [`crate::cookies::full_name`]).
pub const COOKIE_NAME: &str = "mw_session";
pub const IDLE_SECONDS: i64 = 2 * 60 * 60;
pub const ABSOLUTE_SECONDS: i64 = 12 * 60 * 60;
// Writing last_seen_at on every request would make each page view a write.
const TOUCH_AFTER_SECONDS: i64 = 60;

/// The session cookie's value from a request's headers; `secure` as in
/// the config (it decides the cookie's name).
pub fn session_cookie(headers: &HeaderMap, secure: bool) -> Option<String> {
    cookie_value(headers, COOKIE_NAME, secure)
        .filter(|v| v.len() == 64 && v.bytes().all(|b| b.is_ascii_hexdigit()))
}

pub fn set_cookie_header(token: &str, secure: bool) -> HeaderValue {
    cookie_header(COOKIE_NAME, token, ABSOLUTE_SECONDS, secure)
}

/// Sends the session cookie with the current response.
pub fn set_cookie(token: &str, secure: bool) {
    send_cookie(set_cookie_header(token, secure));
}

/// Ends the session cookie in the browser.
pub fn clear_cookie(secure: bool) {
    send_cookie(cookie_header(COOKIE_NAME, "", 0, secure));
}

/// The client's network address, for throttling. Behind a load balancer
/// (`trust_proxy`), the last `X-Forwarded-For` entry is the one the
/// balancer saw; earlier entries are whatever the client claimed.
pub fn client_address(trust_proxy: bool) -> String {
    let Some(parts) = leptos::prelude::use_context::<axum::http::request::Parts>() else {
        return "unknown".into();
    };
    if trust_proxy {
        let forwarded = parts
            .headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .map(str::trim)
            .rfind(|v| !v.is_empty());
        if let Some(address) = forwarded {
            return address.to_string();
        }
    }
    parts
        .extensions
        .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .map(|info| info.0.ip().to_string())
        .unwrap_or_else(|| "unknown".into())
}

/// Starts a session for `user_id` and returns the cookie value.
pub async fn start(db: &Db, user_id: i64, now: i64) -> Result<String, sqlx::Error> {
    let token = new_token();
    sqlx::query("INSERT INTO sessions (id_hash, user_id, created_at, last_seen_at) VALUES ($1, $2, $3, $3)")
        .bind(token_hash(&token))
        .bind(user_id)
        .bind(now)
        .execute(db.pool())
        .await?;
    Ok(token)
}

pub async fn end(db: &Db, token: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM sessions WHERE id_hash = $1").bind(token_hash(token)).execute(db.pool()).await?;
    Ok(())
}

/// The user a session cookie belongs to, if the session is still live.
pub async fn user_for(db: &Db, token: &str, now: i64) -> Result<Option<CurrentUser>, sqlx::Error> {
    let hash = token_hash(token);
    let row = sqlx::query(
        "SELECT u.id, u.display_name, u.email, s.last_seen_at FROM sessions s \
         JOIN users u ON u.id = s.user_id \
         WHERE s.id_hash = $1 AND s.last_seen_at > $2 AND s.created_at > $3 AND u.deactivated_at IS NULL",
    )
    .bind(&hash)
    .bind(now - IDLE_SECONDS)
    .bind(now - ABSOLUTE_SECONDS)
    .fetch_optional(db.pool())
    .await?;
    let Some(row) = row else { return Ok(None) };
    let user_id: i64 = row.try_get("id")?;
    if now - row.try_get::<i64, _>("last_seen_at")? > TOUCH_AFTER_SECONDS {
        sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE id_hash = $2")
            .bind(now)
            .bind(&hash)
            .execute(db.pool())
            .await?;
    }
    let roles = super::db::roles_of(db, user_id).await?;
    Ok(Some(CurrentUser {
        id: user_id,
        display_name: row.try_get("display_name")?,
        email: row.try_get("email")?,
        roles,
    }))
}

/// The signed-in person, looked up once per page render. The page
/// context and every server function a page's resources call ask who is
/// signed in, and each lookup is two queries; the server provides one of
/// these for each page it renders ([`provide_user_once`]). Nothing in a
/// render signs in or out, so the answer holds for the whole render.
#[derive(Clone, Default)]
pub struct UserOnce(std::sync::Arc<tokio::sync::OnceCell<Option<CurrentUser>>>);

/// Called by the server at the start of each page render.
pub fn provide_user_once() {
    leptos::prelude::provide_context(UserOnce::default());
}

/// The signed-in user for the current request, if any. Reads the request
/// and the render's [`UserOnce`] before the first wait.
pub async fn current_user(state: &AppState) -> Result<Option<CurrentUser>, AppError> {
    let once = leptos::prelude::use_context::<UserOnce>();
    let token = session_cookie(&crate::request::request_headers(), state.config.secure_cookies);
    let lookup = || async {
        match token {
            Some(token) => user_for(&state.db, &token, state.clock.now()).await,
            None => Ok(None),
        }
    };
    Ok(match once {
        Some(once) => once.0.get_or_try_init(lookup).await?.clone(),
        None => lookup().await?,
    })
}

/// The signed-in user, or an error asking them to sign in.
pub async fn require_user(state: &AppState) -> Result<CurrentUser, AppError> {
    current_user(state).await?.ok_or(AppError::SignInRequired)
}

/// The app's state and the signed-in user: how most server functions
/// start. The state is taken from context before the first wait, so a
/// request abandoned part way never looks for context that has gone.
pub async fn signed_in() -> Result<(AppState, CurrentUser), AppError> {
    let state = crate::state::app_state();
    let user = require_user(&state).await?;
    Ok((state, user))
}

/// The same, for someone who holds `role`.
pub async fn signed_in_as(role: Role) -> Result<(AppState, CurrentUser), AppError> {
    let state = crate::state::app_state();
    let user = require_role(&state, role).await?;
    Ok((state, user))
}

/// The signed-in user if they hold `role`.
pub async fn require_role(state: &AppState, role: Role) -> Result<CurrentUser, AppError> {
    let user = require_user(state).await?;
    if user.has(role) {
        Ok(user)
    } else {
        // A refusal is recorded: who tried, and that it was refused.
        crate::audit::db::record(
            state,
            Some(user.id),
            None,
            crate::audit::action::ACCESS_REFUSED,
            crate::audit::outcome::REFUSED,
        )
        .await?;
        Err(AppError::Forbidden)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::header;

    fn headers(cookie: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(header::COOKIE, HeaderValue::from_str(cookie).unwrap());
        h
    }

    #[test]
    fn finds_the_session_among_other_cookies() {
        let token = "a".repeat(64);
        let found = session_cookie(&headers(&format!("theme=dark; {COOKIE_NAME}={token}; x=1")), false);
        assert_eq!(found, Some(token));
    }

    #[test]
    fn ignores_malformed_values() {
        assert_eq!(session_cookie(&headers(&format!("{COOKIE_NAME}=../../etc")), false), None);
        assert_eq!(session_cookie(&headers("other=1"), false), None);
    }

    #[test]
    fn cookies_are_http_only_and_same_site() {
        let value = set_cookie_header("abc", true);
        let text = value.to_str().unwrap();
        assert!(text.contains("HttpOnly") && text.contains("SameSite=Lax") && text.contains("Secure"));
        assert!(!set_cookie_header("abc", false).to_str().unwrap().contains("Secure"));
    }

    #[test]
    fn over_https_the_session_is_the_host_prefixed_cookie() {
        let token = "b".repeat(64);
        assert_eq!(
            session_cookie(&headers(&format!("__Host-{COOKIE_NAME}={token}")), true),
            Some(token.clone())
        );
        assert_eq!(session_cookie(&headers(&format!("{COOKIE_NAME}={token}")), true), None);
    }
}
