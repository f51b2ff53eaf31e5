//! Throttling of sign-ins, registrations and password resets, kept in the
//! database so every instance agrees.
//!
//! Sign-in: five failures for one account within fifteen minutes pause
//! further attempts on it until the window has passed. A whole hospital
//! can share one address, so one person's typos must not lock out their
//! colleagues: an address is limited to fifty failures on accounts that do
//! not exist (someone guessing who has an account) and five hundred in all
//! (someone trying a few passwords on many accounts). Every attempt is
//! written down before its password is checked and taken back if the
//! password was right. Registrations, reset requests and resets count
//! every attempt that passed the form's checks.

use crate::db::{Backend, Db};
use crate::error::AppError;

pub const WINDOW_SECONDS: i64 = 15 * 60;
pub const WINDOW_MINUTES: u32 = (WINDOW_SECONDS / 60) as u32;
pub const PER_ACCOUNT: i64 = 5;
pub const UNKNOWN_ACCOUNTS_PER_ADDRESS: i64 = 50;
pub const PER_ADDRESS: i64 = 500;
pub const REGISTRATIONS_PER_ADDRESS: i64 = 100;
pub const RESET_REQUESTS_PER_EMAIL: i64 = 3;
pub const RESET_REQUESTS_PER_ADDRESS: i64 = 100;
pub const RESETS_PER_ADDRESS: i64 = 100;

/// The key for one kind of attempt by one address or email.
pub fn key(kind: &str, who: &str) -> String {
    format!("{kind}:{who}")
}

pub fn account_key(email: &str) -> String {
    format!("account:{email}")
}

pub fn address_key(address: &str) -> String {
    format!("address:{address}")
}

/// What one sign-in attempt counts against.
pub fn sign_in_keys(email: &str, address: &str, account_exists: bool) -> Vec<(String, i64)> {
    let mut keys = vec![(account_key(email), PER_ACCOUNT), (address_key(address), PER_ADDRESS)];
    if !account_exists {
        keys.push((key("unknown-account", address), UNKNOWN_ACCOUNTS_PER_ADDRESS));
    }
    keys
}

/// Counts a sign-in attempt against every key *before* the password is
/// checked, so guesses sent in parallel cannot all slip in under the limit.
/// Returns the ids of the rows written, or `None` (writing nothing) when a
/// key has used up its attempts. `keys` pairs each key with its limit.
pub async fn take_attempt(
    db: &Db,
    keys: &[(String, i64)],
    now: i64,
) -> Result<Option<Vec<i64>>, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    // SQLite's BEGIN IMMEDIATE already serialises writers; PostgreSQL needs
    // a lock per key, taken in the same order everywhere.
    if db.backend() == Backend::Postgres {
        for (key, _) in keys {
            sqlx::query("SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(hashtext($1))) AS l")
                .bind(key)
                .fetch_one(&mut *tx)
                .await?;
        }
    }
    for (key, limit) in keys {
        let (count,): (i64,) =
            sqlx::query_as("SELECT COUNT(*) FROM login_failures WHERE throttle_key = $1 AND failed_at > $2")
                .bind(key)
                .bind(now - WINDOW_SECONDS)
                .fetch_one(&mut *tx)
                .await?;
        if count >= *limit {
            return Ok(None);
        }
    }
    let mut ids = Vec::with_capacity(keys.len());
    for (key, _) in keys {
        let (id,): (i64,) = sqlx::query_as(
            "INSERT INTO login_failures (throttle_key, failed_at) VALUES ($1, $2) RETURNING id",
        )
        .bind(key)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        ids.push(id);
    }
    // Old rows are useless; clearing them here keeps the table small.
    sqlx::query("DELETE FROM login_failures WHERE failed_at < $1")
        .bind(now - WINDOW_SECONDS)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(Some(ids))
}

/// What a throttled person is told.
pub fn throttled() -> AppError {
    AppError::Throttled { minutes: WINDOW_MINUTES }
}

/// Counts an attempt that is never taken back (a registration, a reset),
/// or refuses it when a key has used up its attempts.
pub async fn count(db: &Db, keys: &[(String, i64)], now: i64) -> Result<(), AppError> {
    match take_attempt(db, keys, now).await? {
        Some(_) => Ok(()),
        None => Err(throttled()),
    }
}

/// Takes back an attempt that turned out to be the right password.
pub async fn forgive(db: &Db, ids: &[i64]) -> Result<(), sqlx::Error> {
    for id in ids {
        sqlx::query("DELETE FROM login_failures WHERE id = $1").bind(id).execute(db.pool()).await?;
    }
    Ok(())
}

/// A successful sign-in clears the account's count, not the address's.
pub async fn clear_account(db: &Db, key: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM login_failures WHERE throttle_key = $1").bind(key).execute(db.pool()).await?;
    Ok(())
}
