//! The private calendar feed: `/calendar/feed.ics?key=…` lists a person's
//! sessions for Outlook or Google to subscribe to. The key sits in the
//! query string because request logs record paths only; only its hash is
//! stored, and a replaced or revoked key answers 404.

use super::booking::event;
use super::db;
use super::ics::{calendar, Method};
use crate::accounts::tokens::token_hash;
use crate::db::Db;
use crate::state::AppState;
use axum::extract::{Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use std::collections::HashMap;

/// Sessions older than this stay out of the feed.
const KEEP_SECONDS: i64 = 90 * 86_400;

pub async fn feed(State(state): State<AppState>, Query(query): Query<HashMap<String, String>>) -> Response {
    match build(&state, query.get("key").map(String::as_str).unwrap_or("")).await {
        Ok(Some(body)) => (
            [
                (header::CONTENT_TYPE, "text/calendar; charset=utf-8"),
                (header::CACHE_CONTROL, "private, max-age=300"),
                (header::HeaderName::from_static("x-robots-tag"), "noindex"),
            ],
            body,
        )
            .into_response(),
        Ok(None) => (StatusCode::NOT_FOUND, "No calendar here.").into_response(),
        Err(err) => {
            tracing::error!(error = %err, "could not build a calendar feed");
            (StatusCode::INTERNAL_SERVER_ERROR, "Something went wrong on our side.").into_response()
        }
    }
}

async fn build(state: &AppState, key: &str) -> Result<Option<String>, sqlx::Error> {
    if key.len() != 64 {
        return Ok(None);
    }
    let Some(user_id) = db::feed_owner(&state.db, &token_hash(key)).await? else { return Ok(None) };
    Ok(Some(calendar_of(&state.db, user_id, state.clock.now(), &state.config.public_url).await?))
}

/// A person's sessions from the last 90 days on, as a calendar.
pub async fn calendar_of(
    database: &Db,
    user_id: i64,
    now: i64,
    public_url: &str,
) -> Result<String, sqlx::Error> {
    let mut conn = database.pool().acquire().await?;
    let (sessions, pairs) = db::sessions_with_pairs(&mut conn, user_id).await?;
    let descriptive = crate::accounts::titles::descriptive(&mut conn, user_id).await?;
    let events: Vec<_> = sessions
        .iter()
        .filter(|s| s.ends > now - KEEP_SECONDS)
        .filter_map(|s| match pairs.get(&s.request_id) {
            Some((pair, Some(rules))) => Some(event(public_url, pair, s, rules, descriptive)),
            _ => None,
        })
        .collect();
    Ok(calendar(Method::Publish, super::titles::calendar_name(descriptive), &events, now))
}
