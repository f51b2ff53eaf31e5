//! The request being answered, for code that runs inside a server
//! function or a rendered page.

use axum::http::HeaderMap;

/// The request's headers (empty outside a request).
pub fn request_headers() -> HeaderMap {
    leptos::prelude::use_context::<axum::http::request::Parts>()
        .map(|parts| parts.headers)
        .unwrap_or_default()
}
