//! The router: health checks, the wasm/CSS bundle, server functions and
//! pages, and the fallback for other files and unknown paths.

use crate::{headers, layers};
use app::state::AppState;
use app::{shell, App};
use axum::extract::DefaultBodyLimit;
use axum::extract::State;
use axum::http::{header, HeaderValue, StatusCode};
use axum::routing::{get, post};
use axum::Router;
use leptos::prelude::provide_context;
use leptos_axum::{file_and_error_handler_with_context, generate_route_list, LeptosRoutes};
use tower_http::services::ServeDir;

pub fn router(state: AppState) -> Router {
    let options = state.leptos_options.clone();
    let pkg_dir = format!("{}/{}", options.site_root, options.site_pkg_dir);
    let bundle = Router::new()
        .fallback_service(ServeDir::new(pkg_dir).precompressed_br().precompressed_gzip())
        .layer(axum::middleware::map_response(bundle_cache_headers));
    let page_state = state.clone();
    let router = with_benchmark_baseline(Router::new());
    let fallback_state = state.clone();
    // Room for a file up to twice the limit, so one a little too big is
    // read whole and answered with a message rather than cut off.
    let upload_limit = (state.config.upload_max_bytes as usize).saturating_mul(2) + 1024 * 1024;
    let router = router
        .route("/healthz", get(|| async { "ok" }))
        .route(
            "/coordinator/resources/{slug}/file",
            post(app::resources::uploads::upload).layer(DefaultBodyLimit::max(upload_limit)),
        )
        .route("/resources/{slug}/file", get(app::resources::uploads::download))
        .route("/api/report.csv", get(app::report::csv::download))
        .route("/calendar/feed.ics", get(app::sessions::feed::feed))
        .route("/readyz", get(readyz))
        .leptos_routes_with_context(
            &state,
            generate_route_list(App),
            move || {
                provide_context(page_state.clone());
                app::accounts::session::provide_user_once();
                headers::use_response_nonce();
            },
            move || shell(options.clone()),
        )
        .nest_service("/pkg", bundle)
        .fallback(file_and_error_handler_with_context::<AppState, _>(
            move || {
                provide_context(fallback_state.clone());
                headers::use_response_nonce();
            },
            shell,
        ));
    let https = state.config.public_url.starts_with("https://");
    layers::wrap(router.with_state(state), https)
}

/// Ready when the database answers; a load balancer stops sending traffic
/// to an instance that cannot reach it.
async fn readyz(State(state): State<AppState>) -> (StatusCode, &'static str) {
    match sqlx::query("SELECT 1").execute(state.db.pool()).await {
        Ok(_) => (StatusCode::OK, "ready"),
        Err(err) => {
            tracing::warn!(error = %err, "readiness check failed");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
        }
    }
}

/// Bundle files named with a content hash (`mentorwell.<hash>.wasm`) never
/// change, so browsers keep them for a year; anything else is revalidated.
async fn bundle_cache_headers(
    uri: axum::http::Uri,
    mut response: axum::response::Response,
) -> axum::response::Response {
    let value = if is_hashed_name(uri.path()) { "public, max-age=31536000, immutable" } else { "no-cache" };
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static(value));
    response
}

fn is_hashed_name(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    let mut parts = name.split('.');
    parts.next();
    parts.next().is_some_and(|hash| {
        hash.len() >= 8 && hash.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    }) && parts.next().is_some()
}

/// For `scripts/bench.sh` only: serves a saved copy of a rendered page from
/// memory, the baseline a rendered page is compared with in the same run.
fn with_benchmark_baseline(router: Router<AppState>) -> Router<AppState> {
    let Some(path) = std::env::var_os("MENTORWELL_BENCH_PAGE") else { return router };
    let bytes = axum::body::Bytes::from(std::fs::read(&path).expect("MENTORWELL_BENCH_PAGE is readable"));
    router.route(
        "/bench/static",
        get(move || {
            let bytes = bytes.clone();
            async move { ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], bytes) }
        }),
    )
}

#[cfg(test)]
mod tests {
    use super::is_hashed_name;

    #[test]
    fn only_hashed_bundle_names_are_immutable() {
        assert!(is_hashed_name("/mentorwell.Ab3dEf9x_Q1w.wasm"));
        assert!(is_hashed_name("/mentorwell.Ab3dEf9x_Q1w.css"));
        assert!(!is_hashed_name("/mentorwell.wasm"));
        assert!(!is_hashed_name("/mentorwell_bg.wasm"));
        assert!(!is_hashed_name("/favicon.svg"));
    }
}
