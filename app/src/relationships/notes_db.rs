//! SQL for what the pair keep about their sessions: each author's private
//! notes (read back only with the author's own id) and the actions they
//! agreed, which both of the pair see.

use super::notes::Notes;
use crate::sessions::state::SessionState;
use sqlx::{AnyConnection, Row};

/// One session of a relationship, as its notes page needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionFacts {
    pub id: i64,
    pub starts_at: i64,
    pub ends_at: i64,
    pub state: SessionState,
}

/// Every session of relationship `id` that was not cancelled, in time order.
pub async fn sessions_of(conn: &mut AnyConnection, id: i64) -> Result<Vec<SessionFacts>, sqlx::Error> {
    let rows = sqlx::query_as::<_, (i64, i64, i64, String)>(&format!(
        "SELECT id, starts_at, ends_at, state FROM mentoring_sessions \
         WHERE request_id = $1 AND state <> {} ORDER BY starts_at, id",
        SessionState::Cancelled.sql()
    ))
    .bind(id)
    .fetch_all(conn)
    .await?;
    rows.into_iter()
        .map(|(id, starts_at, ends_at, key)| {
            let state = SessionState::from_db(&key)
                .ok_or_else(|| sqlx::Error::Decode(format!("session state {key}").into()))?;
            Ok(SessionFacts { id, starts_at, ends_at, state })
        })
        .collect()
}

/// Minutes held in relationship `id`, over its whole life.
pub async fn minutes_held(conn: &mut AnyConnection, id: i64) -> Result<i64, sqlx::Error> {
    let (seconds,): (Option<i64>,) = sqlx::query_as(&format!(
        "SELECT CAST(SUM(ends_at - starts_at) AS BIGINT) FROM mentoring_sessions \
         WHERE request_id = $1 AND state = {}",
        SessionState::Held.sql()
    ))
    .bind(id)
    .fetch_one(conn)
    .await?;
    Ok(seconds.unwrap_or(0) / 60)
}

/// `author_id`'s own notes on session `session_id`.
pub async fn notes_of(
    conn: &mut AnyConnection,
    session_id: i64,
    author_id: i64,
) -> Result<Option<Notes>, sqlx::Error> {
    let row = sqlx::query("SELECT model, parts FROM session_notes WHERE session_id = $1 AND author_id = $2")
        .bind(session_id)
        .bind(author_id)
        .fetch_optional(conn)
        .await?;
    let Some(row) = row else { return Ok(None) };
    let parts: String = row.try_get("parts")?;
    let parts: Vec<(String, String)> =
        serde_json::from_str(&parts).map_err(|e| sqlx::Error::Decode(Box::new(e)))?;
    Ok(Some(Notes { model: row.try_get("model")?, parts }))
}

/// Keeps `notes` as `author_id`'s notes on the session, replacing any
/// earlier ones: a save is the whole page, as the author last saw it.
pub async fn save_notes(
    conn: &mut AnyConnection,
    session_id: i64,
    author_id: i64,
    notes: &Notes,
    now: i64,
) -> Result<(), sqlx::Error> {
    let parts = serde_json::to_string(&notes.parts).map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
    sqlx::query(
        "INSERT INTO session_notes (session_id, author_id, model, parts, updated_at) VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (session_id, author_id) DO UPDATE SET model = $3, parts = $4, updated_at = $5",
    )
    .bind(session_id)
    .bind(author_id)
    .bind(&notes.model)
    .bind(parts)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

/// An action as stored, with the session it was agreed at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredAction {
    pub id: i64,
    pub session_id: i64,
    pub agreed_at: i64,
    pub body: String,
    pub done: bool,
}

/// Relationship `id`'s actions in the order they were agreed.
pub async fn actions_of(conn: &mut AnyConnection, id: i64) -> Result<Vec<StoredAction>, sqlx::Error> {
    let rows = sqlx::query_as::<_, (i64, i64, i64, String, Option<i64>)>(
        "SELECT a.id, a.session_id, s.starts_at, a.body, a.done_at FROM session_actions a \
         JOIN mentoring_sessions s ON s.id = a.session_id \
         WHERE a.relationship_id = $1 ORDER BY s.starts_at, a.id",
    )
    .bind(id)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, session_id, agreed_at, body, done_at)| StoredAction {
            id,
            session_id,
            agreed_at,
            body,
            done: done_at.is_some(),
        })
        .collect())
}

pub async fn add_action(
    conn: &mut AnyConnection,
    id: i64,
    session_id: i64,
    body: &str,
    by: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO session_actions (relationship_id, session_id, body, added_by, added_at) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(id)
    .bind(session_id)
    .bind(body)
    .bind(by)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

/// Marks action `action_id` of relationship `id` done or not done; false
/// if it is not one of this relationship's.
pub async fn mark_action(
    conn: &mut AnyConnection,
    id: i64,
    action_id: i64,
    done: bool,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let done_at = done.then_some(now);
    let changed =
        sqlx::query("UPDATE session_actions SET done_at = $3 WHERE relationship_id = $1 AND id = $2")
            .bind(id)
            .bind(action_id)
            .bind(done_at)
            .execute(conn)
            .await?;
    Ok(changed.rows_affected() == 1)
}
