//! The mentee's days and times of day, as their request stores them.

use crate::db::Tx;
use crate::vocabulary::{join_keys, split_keys, Day, TimeOfDay};
use sqlx::AnyConnection;

/// The days and times of day the mentee of request `id` can usually meet.
pub async fn of(conn: &mut AnyConnection, id: i64) -> Result<(Vec<Day>, Vec<TimeOfDay>), sqlx::Error> {
    let row: Option<(String, String)> =
        sqlx::query_as("SELECT days, times FROM mentoring_requests WHERE id = $1")
            .bind(id)
            .fetch_optional(conn)
            .await?;
    let (days, times) = row.unwrap_or_default();
    Ok((
        split_keys(&days).iter().filter_map(|k| Day::from_key(k)).collect(),
        split_keys(&times).iter().filter_map(|k| TimeOfDay::from_key(k)).collect(),
    ))
}

/// Replaces them. The request's version stays: nothing a coordinator
/// decides on reads these once the pair is matched.
pub async fn set(
    tx: &mut Tx,
    id: i64,
    days: &[Day],
    times: &[TimeOfDay],
    now: i64,
) -> Result<(), sqlx::Error> {
    let keys = |k: Vec<&str>| join_keys(&k.into_iter().map(String::from).collect::<Vec<_>>());
    sqlx::query("UPDATE mentoring_requests SET days = $2, times = $3, updated_at = $4 WHERE id = $1")
        .bind(id)
        .bind(keys(days.iter().map(|d| d.key()).collect()))
        .bind(keys(times.iter().map(|t| t.key()).collect()))
        .bind(now)
        .execute(&mut **tx)
        .await?;
    Ok(())
}
