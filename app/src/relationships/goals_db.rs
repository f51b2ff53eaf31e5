//! SQL for the mentee's goals.

use super::goals::{GoalState, GoalView};
use sqlx::{AnyConnection, Row};

/// Relationship `id`'s goals, oldest first; only the shared ones when
/// `shared_only` (the mentor's view).
pub async fn of(conn: &mut AnyConnection, id: i64, shared_only: bool) -> Result<Vec<GoalView>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT id, body, state, shared FROM relationship_goals \
         WHERE relationship_id = $1 AND (shared = 1 OR $2 = 0) ORDER BY created_at, id",
    )
    .bind(id)
    .bind(i64::from(shared_only))
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|row| {
            let key: String = row.try_get("state")?;
            Ok(GoalView {
                id: row.try_get("id")?,
                body: row.try_get("body")?,
                state: GoalState::from_key(&key)
                    .ok_or_else(|| sqlx::Error::Decode(format!("goal state {key}").into()))?,
                shared: row.try_get::<i64, _>("shared")? == 1,
            })
        })
        .collect()
}

pub async fn add(
    conn: &mut AnyConnection,
    id: i64,
    body: &str,
    shared: bool,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO relationship_goals (relationship_id, body, state, shared, created_at, updated_at) \
         VALUES ($1, $2, 'open', $3, $4, $4)",
    )
    .bind(id)
    .bind(body)
    .bind(i64::from(shared))
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

/// Moves goal `goal_id` of relationship `id` on; false if it is not one
/// of this relationship's.
pub async fn change(
    conn: &mut AnyConnection,
    id: i64,
    goal_id: i64,
    state: GoalState,
    shared: bool,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE relationship_goals SET state = $3, shared = $4, updated_at = $5 \
         WHERE relationship_id = $1 AND id = $2",
    )
    .bind(id)
    .bind(goal_id)
    .bind(state.key())
    .bind(i64::from(shared))
    .bind(now)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}
