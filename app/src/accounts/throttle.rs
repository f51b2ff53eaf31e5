//! Sign-in throttling, kept in the database so every instance agrees.
//!
//! Five failures for one account, or fifty from one address, within fifteen
//! minutes pause further attempts until the window has passed.

use crate::db::Db;

pub const WINDOW_SECONDS: i64 = 15 * 60;
pub const PER_ACCOUNT: i64 = 5;
pub const PER_ADDRESS: i64 = 50;

pub fn account_key(email: &str) -> String {
    format!("account:{email}")
}

pub fn address_key(address: &str) -> String {
    format!("address:{address}")
}

/// Whether `key` has used up its failures in the current window.
pub async fn is_throttled(db: &Db, key: &str, limit: i64, now: i64) -> Result<bool, sqlx::Error> {
    let (count,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM login_failures WHERE throttle_key = $1 AND failed_at > $2")
            .bind(key)
            .bind(now - WINDOW_SECONDS)
            .fetch_one(db.pool())
            .await?;
    Ok(count >= limit)
}

pub async fn record_failure(db: &Db, keys: &[String], now: i64) -> Result<(), sqlx::Error> {
    let mut tx = db.begin_write().await?;
    for key in keys {
        sqlx::query("INSERT INTO login_failures (throttle_key, failed_at) VALUES ($1, $2)")
            .bind(key)
            .bind(now)
            .execute(&mut *tx)
            .await?;
    }
    // Old rows are useless; clearing them here keeps the table small.
    sqlx::query("DELETE FROM login_failures WHERE failed_at < $1")
        .bind(now - WINDOW_SECONDS)
        .execute(&mut *tx)
        .await?;
    tx.commit().await
}

/// A successful sign-in clears the account's count, not the address's.
pub async fn clear_account(db: &Db, key: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM login_failures WHERE throttle_key = $1").bind(key).execute(db.pool()).await?;
    Ok(())
}
