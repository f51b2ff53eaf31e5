//! What every server function and handler can reach. Nothing in here holds
//! state of its own: sessions, throttles and email all live in the
//! database, so several instances can serve one PostgreSQL.

use crate::clock::Clock;
use crate::config::Config;
use crate::db::Db;
use leptos::config::LeptosOptions;
use std::sync::Arc;

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub config: Arc<Config>,
    pub clock: Clock,
    pub leptos_options: LeptosOptions,
}

impl axum::extract::FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

/// The state inside a server function or a rendered page.
pub fn app_state() -> AppState {
    leptos::prelude::expect_context::<AppState>()
}
