//! What every server function and handler can reach. Nothing in here holds
//! state of its own: sessions, throttles and email all live in the
//! database, so several instances can serve one PostgreSQL. The one copy
//! kept in memory, the directory's, is checked against the database
//! before each use.

use crate::clock::Clock;
use crate::config::Config;
use crate::db::Db;
use crate::directory::listed::Directory;
use leptos::config::LeptosOptions;
use std::sync::Arc;

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub config: Arc<Config>,
    pub clock: Clock,
    pub leptos_options: LeptosOptions,
    /// This instance's copy of the listed directory, checked against the
    /// database on every search.
    pub directory: Arc<Directory>,
}

impl axum::extract::FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

static SERVING: std::sync::OnceLock<AppState> = std::sync::OnceLock::new();

/// Makes `state` reachable from work that outlives its request's context.
/// Called once when the server starts.
pub fn install(state: &AppState) {
    let _ = SERVING.set(state.clone());
}

/// The state inside a server function or a rendered page.
///
/// A page's data loads run as tasks of their own; when the browser goes
/// away mid-render its reactive owner is dropped and the context with it,
/// while the task may still be polled once more. Falling back to the state
/// installed at start-up lets that task finish quietly instead of panicking.
pub fn app_state() -> AppState {
    leptos::prelude::use_context::<AppState>()
        .or_else(|| SERVING.get().cloned())
        .expect("AppState is provided to every request and installed at start-up")
}
