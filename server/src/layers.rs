//! Layers around every request: request ids and tracing, panic safety,
//! security and caching headers, refusing cross-site form posts, and
//! refusing malformed input (`crate::input`).

use crate::headers;
use axum::body::Body;
use axum::extract::Request;
use axum::http::{header, HeaderName, HeaderValue, Method, StatusCode};
use axum::middleware::{from_fn, Next};
use axum::response::{IntoResponse, Response};
use axum::Router;
use std::sync::atomic::{AtomicU64, Ordering};
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::request_id::{MakeRequestId, PropagateRequestIdLayer, RequestId, SetRequestIdLayer};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;

const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// Request ids: a random prefix per process and a counter, unique across
/// instances without coordination.
#[derive(Clone)]
struct NextRequestId {
    prefix: u32,
}

static COUNTER: AtomicU64 = AtomicU64::new(1);

impl MakeRequestId for NextRequestId {
    fn make_request_id<B>(&mut self, _: &axum::http::Request<B>) -> Option<RequestId> {
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        HeaderValue::from_str(&format!("{:08x}-{n}", self.prefix)).ok().map(RequestId::new)
    }
}

/// Wraps the finished router in every layer. The last one added runs first.
/// `https`: the public address is https, so browsers are told to keep to it.
pub fn wrap(router: Router, https: bool) -> Router {
    let prefix = std::process::id()
        ^ std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0);
    router
        .layer(from_fn(finish_even_if_abandoned))
        .layer(from_fn(crate::input::refuse_malformed))
        .layer(from_fn(refuse_cross_site))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::REFERRER_POLICY,
            HeaderValue::from_static("same-origin"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(CatchPanicLayer::custom(|_| internal_error()))
        // Outside the panic layer, so the answer to a panic is covered too.
        .layer(from_fn(move |request, next| headers::caching_and_transport(https, request, next)))
        .layer(from_fn(headers::content_security_policy))
        .layer(PropagateRequestIdLayer::new(REQUEST_ID))
        .layer(
            // The path only: query strings can carry tokens.
            TraceLayer::new_for_http().make_span_with(|request: &Request| {
                let id = request.headers().get(REQUEST_ID).and_then(|v| v.to_str().ok()).unwrap_or("-");
                tracing::info_span!("request", id, method = %request.method(), path = request.uri().path())
            }),
        )
        .layer(SetRequestIdLayer::new(REQUEST_ID, NextRequestId { prefix }))
}

/// Runs the rest of the request as a task of its own, so a client that
/// goes away (a phone losing signal) no longer drops a page half way
/// through rendering. Dropping it disposed the page's reactive state while
/// the data loads it had started still ran and then read that state, which
/// panicked. The work was going to finish anyway; now it finishes whole.
async fn finish_even_if_abandoned(request: Request, next: Next) -> Response {
    use tracing::Instrument;
    match tokio::spawn(next.run(request).in_current_span()).await {
        Ok(response) => response,
        Err(_) => internal_error(),
    }
}

fn internal_error() -> Response {
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        "Something went wrong on our side. Please try again in a moment.",
    )
        .into_response()
}

/// Browsers say where a request comes from. A state-changing request from
/// another site (a forged form post) is refused before it reaches the app;
/// SameSite cookies are the second line.
async fn refuse_cross_site(request: Request<Body>, next: Next) -> Response {
    let safe = matches!(*request.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if !safe && is_cross_site(&request) {
        return (
            StatusCode::FORBIDDEN,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            "This request came from another website and was refused.",
        )
            .into_response();
    }
    next.run(request).await
}

fn is_cross_site(request: &Request<Body>) -> bool {
    let headers = request.headers();
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        return !matches!(site, "same-origin" | "none");
    }
    // Older browsers: compare Origin with the host asked for.
    let (Some(origin), Some(host)) = (
        headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()),
        headers.get(header::HOST).and_then(|v| v.to_str().ok()),
    ) else {
        return false;
    };
    let origin_host = origin.split_once("://").map(|(_, rest)| rest).unwrap_or(origin);
    origin == "null" || origin_host != host
}

#[cfg(test)]
mod tests {
    use super::*;

    fn post(headers: &[(&str, &str)]) -> Request<Body> {
        let mut builder = Request::builder().method(Method::POST).uri("/api/x");
        for (k, v) in headers {
            builder = builder.header(*k, *v);
        }
        builder.body(Body::empty()).unwrap()
    }

    #[test]
    fn same_origin_posts_pass() {
        assert!(!is_cross_site(&post(&[("sec-fetch-site", "same-origin")])));
        assert!(!is_cross_site(&post(&[("origin", "http://127.0.0.1:3000"), ("host", "127.0.0.1:3000")])));
        // Tools such as curl send neither header.
        assert!(!is_cross_site(&post(&[])));
    }

    #[test]
    fn cross_site_posts_are_caught() {
        assert!(is_cross_site(&post(&[("sec-fetch-site", "cross-site")])));
        assert!(is_cross_site(&post(&[("sec-fetch-site", "same-site")])));
        assert!(is_cross_site(&post(&[("origin", "https://evil.example"), ("host", "127.0.0.1:3000")])));
        assert!(is_cross_site(&post(&[("origin", "null"), ("host", "127.0.0.1:3000")])));
    }
}
