//! Reading and sending cookies. Every cookie we set is HttpOnly and
//! SameSite=Lax, and over https Secure and named with the `__Host-` prefix.

use axum::http::{header, HeaderMap, HeaderValue};

/// The name a cookie goes by. Over https it carries the `__Host-` prefix:
/// browsers then accept it only from this exact host, Secure, with Path=/
/// and no Domain, so a neighbouring subdomain cannot plant a session or
/// form cookie of its own. Over plain http (a laptop, the tests) the
/// prefix would make browsers refuse the cookie.
pub fn full_name(name: &str, secure: bool) -> String {
    if secure {
        format!("__Host-{name}")
    } else {
        name.to_string()
    }
}

/// The value of our cookie called `name` in a request's headers (under its
/// [`full_name`]; one without the prefix is ignored over https).
pub fn cookie_value(headers: &HeaderMap, name: &str, secure: bool) -> Option<String> {
    let name = full_name(name, secure);
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name.as_str())
        .map(|(_, value)| value.to_string())
}

/// A `Set-Cookie` value for our cookie called `name`, under its
/// [`full_name`]. `value` must be cookie-safe (we only use hex). Never a
/// Domain: the `__Host-` prefix forbids one.
pub fn cookie_header(name: &str, value: &str, max_age_seconds: i64, secure: bool) -> HeaderValue {
    let name = full_name(name, secure);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn https_cookies_carry_the_host_prefix() {
        let value = cookie_header("mw_session", "ab", 60, true);
        let text = value.to_str().unwrap();
        assert!(text.starts_with("__Host-mw_session=ab;"), "{text}");
        assert!(text.contains("; Path=/;") && text.contains("; Secure") && !text.contains("Domain"));
        let plain = cookie_header("mw_session", "ab", 60, false);
        assert!(plain.to_str().unwrap().starts_with("mw_session=ab;"));
    }

    #[test]
    fn https_reads_only_the_prefixed_cookie() {
        let mut headers = HeaderMap::new();
        headers
            .insert(header::COOKIE, HeaderValue::from_static("mw_session=planted; __Host-mw_session=real"));
        assert_eq!(cookie_value(&headers, "mw_session", true).as_deref(), Some("real"));
        assert_eq!(cookie_value(&headers, "mw_session", false).as_deref(), Some("planted"));
    }
}
