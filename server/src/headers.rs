//! Security and caching headers: the Content-Security-Policy (a fresh
//! nonce on every page), HSTS over https, and `Cache-Control: no-store` on
//! every response made for a particular person.

use app::accounts::session;
use app::cookies::full_name;
use axum::extract::Request;
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use leptos::nonce::Nonce;
use leptos::prelude::{provide_context, use_context};
use std::sync::Arc;

/// The policy of a page. Scripts run only with this response's nonce,
/// except that files from this site may load as scripts too: the nonced
/// loader imports the bundle's script (`shell::assets`), and `'self'`
/// keeps that import working whether or not a browser passes the nonce on
/// to it. An injected inline script still
/// cannot run, and nothing this site serves is JavaScript but its own
/// files (uploads are documents and pictures, sent with `nosniff`). `'wasm-unsafe-eval'` lets the bundle compile its wasm;
/// `worker-src 'self'` lets `pwa.js` register the service worker.
/// `img-src https:` because library articles may show images from other
/// sites (`resources::markdown` allows https images).
pub fn page_policy(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; worker-src 'self'; \
         img-src 'self' https:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; \
         form-action 'self'"
    )
}

/// The policy of everything that is not a page (server function answers,
/// files, errors). No inline script can run; `default-src 'self'` rather
/// than `'none'` because `/sw.js` runs under the policy it was served with
/// and must fetch pages from this site.
pub const FIXED_POLICY: &str =
    "default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

const HSTS: &str = "max-age=31536000; includeSubDomains";

/// The nonce of one response. The layer makes it before the app runs and
/// writes the policy header itself, so the header and the page's scripts
/// always carry the same nonce. Pages used to send their own policy through
/// `ResponseOptions`; now and then under load one arrived with
/// [`FIXED_POLICY`] instead and none of its scripts ran. Deciding the policy
/// here, from the answer's content type, leaves no path for that.
#[derive(Clone, Debug)]
pub struct ResponseNonce(pub Arc<str>);

/// Gives the page being rendered the nonce the layer made for this
/// response, in place of the one Leptos made. Called in the context of
/// every rendered page and server function (which ignore it).
pub fn use_response_nonce() {
    let Some(parts) = use_context::<Parts>() else { return };
    if let Some(nonce) = parts.extensions.get::<ResponseNonce>() {
        provide_context(Nonce::from_value(nonce.0.clone()));
    }
}

/// Every response gets a policy: a page (HTML) the page policy with this
/// response's nonce, anything else the fixed one. A policy a handler set
/// itself is kept: pages no longer set one, so only a deliberate one (a
/// downloaded file's `sandbox`) can be there.
pub async fn content_security_policy(mut request: Request, next: Next) -> Response {
    let nonce: Arc<str> = Nonce::new().to_string().into();
    request.extensions_mut().insert(ResponseNonce(nonce.clone()));
    let mut response = next.run(request).await;
    if response.headers().contains_key(header::CONTENT_SECURITY_POLICY) {
        return response;
    }
    let is_page = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    let policy = if is_page {
        HeaderValue::from_str(&page_policy(&nonce)).ok()
    } else {
        Some(HeaderValue::from_static(FIXED_POLICY))
    };
    if let Some(policy) = policy {
        response.headers_mut().insert(header::CONTENT_SECURITY_POLICY, policy);
    }
    response
}

/// `no-store` on any response to a request that carries one of our
/// cookies (a session, or a form's outcome), and on any response that sets
/// the session cookie: neither the browser's cache nor one on the way may
/// keep a page or answer drawn for one person, and Back after signing out
/// must not show it again. The hashed bundle under `/pkg` is the same for
/// everyone and keeps its own headers. HSTS everywhere over https.
pub async fn caching_and_transport(https: bool, request: Request, next: Next) -> Response {
    let personal = !request.uri().path().starts_with("/pkg/") && carries_our_cookie(request.headers());
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    if personal || sets_session_cookie(headers) {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    if https {
        headers.insert(header::STRICT_TRANSPORT_SECURITY, HeaderValue::from_static(HSTS));
    }
    response
}

/// Both spellings count, `__Host-` or not: for caching, erring towards
/// `no-store` costs nothing.
fn our_cookie_names() -> [String; 4] {
    let form = app::shell::forms::COOKIE_NAME;
    [
        full_name(session::COOKIE_NAME, false),
        full_name(session::COOKIE_NAME, true),
        full_name(form, false),
        full_name(form, true),
    ]
}

fn carries_our_cookie(headers: &HeaderMap) -> bool {
    let names = our_cookie_names();
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .any(|(name, _)| names.iter().any(|n| n == name))
}

fn sets_session_cookie(headers: &HeaderMap) -> bool {
    let names = [full_name(session::COOKIE_NAME, false), full_name(session::COOKIE_NAME, true)];
    headers
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .filter_map(|v| v.split_once('='))
        .any(|(name, _)| names.iter().any(|n| n == name.trim()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(name: header::HeaderName, value: &'static str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(name, HeaderValue::from_static(value));
        headers
    }

    #[test]
    fn our_cookies_are_recognised_in_either_spelling() {
        assert!(carries_our_cookie(&with(header::COOKIE, "theme=dark; mw_session=ab")));
        assert!(carries_our_cookie(&with(header::COOKIE, "__Host-mw_session=ab")));
        assert!(carries_our_cookie(&with(header::COOKIE, "mw_form=7b")));
        assert!(!carries_our_cookie(&with(header::COOKIE, "theme=dark; not_mw_session=1")));
        assert!(!carries_our_cookie(&HeaderMap::new()));
    }

    #[test]
    fn signing_in_or_out_is_seen_in_set_cookie() {
        assert!(sets_session_cookie(&with(header::SET_COOKIE, "mw_session=ab; Path=/")));
        assert!(sets_session_cookie(&with(header::SET_COOKIE, "__Host-mw_session=; Max-Age=0")));
        assert!(!sets_session_cookie(&with(header::SET_COOKIE, "mw_form=7b; Path=/")));
    }

    #[test]
    fn the_page_policy_holds_the_nonce_and_the_issue_directives() {
        let policy = page_policy("abc123");
        for part in [
            "default-src 'self'",
            "script-src 'self' 'nonce-abc123' 'wasm-unsafe-eval'",
            "object-src 'none'",
            "base-uri 'none'",
            "frame-ancestors 'none'",
            "form-action 'self'",
        ] {
            assert!(policy.contains(part), "{part} in {policy}");
        }
        assert!(!policy.contains("unsafe-inline"));
    }
}
