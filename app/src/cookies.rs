//! Reading and sending cookies. Every cookie we set is HttpOnly and
//! SameSite=Lax, and Secure when the site is served over https.

use axum::http::{header, HeaderMap, HeaderValue};

/// The value of the cookie called `name` in a request's headers.
pub fn cookie_value(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value.to_string())
}

/// A `Set-Cookie` value. `value` must be cookie-safe (we only use hex).
pub fn cookie_header(name: &str, value: &str, max_age_seconds: i64, secure: bool) -> HeaderValue {
    let secure = if secure { "; Secure" } else { "" };
    HeaderValue::from_str(&format!(
        "{name}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age_seconds}{secure}"
    ))
    .expect("cookie names and values are ASCII")
}

/// Adds a `Set-Cookie` header to the current response.
pub fn send_cookie(value: HeaderValue) {
    if let Some(response) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
        response.append_header(header::SET_COOKIE, value);
    }
}
