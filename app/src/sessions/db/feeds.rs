//! Calendar feeds, reminders due and the zone each person reads times in.

use super::BOOKED;
use crate::db::{Db, Tx};
use sqlx::AnyConnection;

pub async fn set_feed(db: &Db, user_id: i64, token_hash: &str, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO calendar_feeds (user_id, token_hash, created_at) VALUES ($1, $2, $3) \
         ON CONFLICT (user_id) DO UPDATE SET token_hash = excluded.token_hash, created_at = excluded.created_at",
    )
    .bind(user_id)
    .bind(token_hash)
    .bind(now)
    .execute(db.pool())
    .await?;
    Ok(())
}

pub async fn revoke_feed(db: &Db, user_id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM calendar_feeds WHERE user_id = $1").bind(user_id).execute(db.pool()).await?;
    Ok(())
}

/// When the person's feed link was made, if they have one.
pub async fn feed_made(db: &Db, user_id: i64) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT created_at FROM calendar_feeds WHERE user_id = $1")
        .bind(user_id)
        .fetch_optional(db.pool())
        .await
}

pub async fn feed_owner(db: &Db, token_hash: &str) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT user_id FROM calendar_feeds WHERE token_hash = $1")
        .bind(token_hash)
        .fetch_optional(db.pool())
        .await
}

/// Booked sessions starting within `within` seconds of `now` not yet
/// reminded. Each is then claimed by [`claim_reminder`].
pub async fn due_reminders(db: &Db, now: i64, within: i64) -> Result<Vec<i64>, sqlx::Error> {
    let due: Vec<i64> = sqlx::query_scalar(&format!(
        "SELECT id FROM mentoring_sessions WHERE state = {BOOKED} AND reminded_at IS NULL \
         AND starts_at > $1 AND starts_at <= $2"
    ))
    .bind(now)
    .bind(now + within)
    .fetch_all(db.pool())
    .await?;
    Ok(due)
}

pub async fn claim_reminder(tx: &mut Tx, id: i64, now: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(&format!(
        "UPDATE mentoring_sessions SET reminded_at = $1 WHERE id = $2 AND reminded_at IS NULL AND state = {BOOKED}"
    ))
    .bind(now)
    .bind(id)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The zone a person reads times in.
pub async fn zone_of(conn: &mut AnyConnection, user_id: i64) -> Result<String, sqlx::Error> {
    let zone: Option<String> = sqlx::query_scalar("SELECT time_zone FROM users WHERE id = $1")
        .bind(user_id)
        .fetch_optional(&mut *conn)
        .await?;
    Ok(zone.unwrap_or_else(|| "Europe/London".into()))
}

pub async fn set_zone(db: &Db, user_id: i64, zone: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE users SET time_zone = $1 WHERE id = $2")
        .bind(zone)
        .bind(user_id)
        .execute(db.pool())
        .await?;
    Ok(())
}
