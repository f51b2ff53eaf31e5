//! Closing an account (asked for by the person, confirmed by a
//! coordinator, then erased: see `erasure`) and deactivating one
//! (reversible): the account states, the closure request, and the
//! deactivation that ends every session at once.

use super::Role;
use crate::audit::{self, db::Entry};
use crate::db::Db;
use sqlx::Row;

pub const LAST_COORDINATOR: &str =
    "You are the only coordinator, so your account cannot be closed or deactivated. Make someone else a coordinator first.";

/// An account as closure and deactivation see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountState {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub deactivated_at: Option<i64>,
    pub closure_requested_at: Option<i64>,
    pub erased_at: Option<i64>,
    pub coordinator: bool,
}

pub async fn account(db: &Db, user_id: i64) -> Result<Option<AccountState>, sqlx::Error> {
    let row = sqlx::query(
        "SELECT u.id, u.email, u.display_name, u.deactivated_at, u.closure_requested_at, u.erased_at, \
         (SELECT COUNT(*) FROM user_roles r WHERE r.user_id = u.id AND r.role = 'coordinator') AS coordinator \
         FROM users u WHERE u.id = $1",
    )
    .bind(user_id)
    .fetch_optional(db.pool())
    .await?;
    row.map(|r| {
        Ok(AccountState {
            id: r.try_get("id")?,
            email: r.try_get("email")?,
            display_name: r.try_get("display_name")?,
            deactivated_at: r.try_get("deactivated_at")?,
            closure_requested_at: r.try_get("closure_requested_at")?,
            erased_at: r.try_get("erased_at")?,
            coordinator: r.try_get::<i64, _>("coordinator")? > 0,
        })
    })
    .transpose()
}

/// Whether `user_id` is the only coordinator still able to act (not
/// deactivated, not erased).
pub async fn is_last_coordinator(db: &Db, user_id: i64) -> Result<bool, sqlx::Error> {
    let (others,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM user_roles r JOIN users u ON u.id = r.user_id \
         WHERE r.role = 'coordinator' AND u.id <> $1 AND u.deactivated_at IS NULL AND u.erased_at IS NULL",
    )
    .bind(user_id)
    .fetch_one(db.pool())
    .await?;
    let (mine,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM user_roles WHERE user_id = $1 AND role = $2")
        .bind(user_id)
        .bind(Role::Coordinator.as_str())
        .fetch_one(db.pool())
        .await?;
    Ok(mine > 0 && others == 0)
}

/// Records that the person asks to close their account (or no longer
/// does, with `asked` false). Returns whether anything changed.
pub async fn set_closure_request(db: &Db, user_id: i64, asked: bool, now: i64) -> Result<bool, sqlx::Error> {
    let done = if asked {
        sqlx::query(
            "UPDATE users SET closure_requested_at = $1 WHERE id = $2 AND closure_requested_at IS NULL AND erased_at IS NULL",
        )
        .bind(now)
        .bind(user_id)
        .execute(db.pool())
        .await?
    } else {
        sqlx::query("UPDATE users SET closure_requested_at = NULL WHERE id = $1 AND erased_at IS NULL")
            .bind(user_id)
            .execute(db.pool())
            .await?
    };
    Ok(done.rows_affected() > 0)
}

/// A closure waiting for a coordinator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pending {
    pub id: i64,
    pub display_name: String,
    pub email: String,
    pub requested_at: i64,
}

pub async fn pending_closures(db: &Db) -> Result<Vec<Pending>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT id, display_name, email, closure_requested_at FROM users \
         WHERE closure_requested_at IS NOT NULL AND erased_at IS NULL ORDER BY closure_requested_at, id",
    )
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|r| {
            Ok(Pending {
                id: r.try_get("id")?,
                display_name: r.try_get("display_name")?,
                email: r.try_get("email")?,
                requested_at: r.try_get("closure_requested_at")?,
            })
        })
        .collect()
}

/// Deactivates (`active` false) or reactivates an account. Deactivating
/// ends every one of its sign-in sessions in the same transaction, so no
/// device stays signed in; the directory stops listing a deactivated
/// mentor because it reads `deactivated_at`. Returns whether it changed.
pub async fn set_active(
    db: &Db,
    user_id: i64,
    active: bool,
    by: Option<i64>,
    address: &str,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let changed = if active {
        sqlx::query("UPDATE users SET deactivated_at = NULL WHERE id = $1 AND deactivated_at IS NOT NULL AND erased_at IS NULL")
            .bind(user_id)
            .execute(&mut *tx)
            .await?
    } else {
        sqlx::query("UPDATE users SET deactivated_at = $1 WHERE id = $2 AND deactivated_at IS NULL AND erased_at IS NULL")
            .bind(now)
            .bind(user_id)
            .execute(&mut *tx)
            .await?
    }
    .rows_affected()
        > 0;
    if changed {
        if !active {
            sqlx::query("DELETE FROM sessions WHERE user_id = $1").bind(user_id).execute(&mut *tx).await?;
        }
        let action = if active { audit::action::REACTIVATED } else { audit::action::DEACTIVATED };
        let entry = Entry { actor: by, subject: Some(user_id), action, outcome: audit::outcome::OK, address };
        audit::db::insert(&mut *tx, &entry, now).await?;
    }
    tx.commit().await?;
    Ok(changed)
}
