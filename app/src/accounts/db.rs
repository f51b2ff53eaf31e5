//! SQL for accounts. Every write that must be atomic is one transaction.

use super::tokens::{new_token, token_hash};
use super::Role;
use crate::db::{is_unique_violation, Db, Tx};
use crate::email::{enqueue, Email};
use sqlx::Row;

pub const VERIFY_TOKEN_SECONDS: i64 = 48 * 60 * 60;
pub const RESET_TOKEN_SECONDS: i64 = 60 * 60;

pub enum NewUser {
    Created { user_id: i64 },
    EmailTaken,
}

/// The email is the identity: compare and store it trimmed and lower-cased.
pub fn normalise_email(email: &str) -> String {
    email.trim().to_lowercase()
}

/// Creates the account, its verification token and the email carrying the
/// link, all in one transaction. `link` turns a token into a URL.
pub async fn create_user(
    db: &Db,
    email: &str,
    display_name: &str,
    password_hash: &str,
    now: i64,
    link: impl Fn(&str) -> String,
) -> Result<NewUser, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let inserted = sqlx::query(
        "INSERT INTO users (email, display_name, password_hash, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(email)
    .bind(display_name)
    .bind(password_hash)
    .bind(now)
    .fetch_one(&mut *tx)
    .await;
    let user_id: i64 = match inserted {
        Ok(row) => row.try_get("id")?,
        Err(err) if is_unique_violation(&err) => return Ok(NewUser::EmailTaken),
        Err(err) => return Err(err),
    };
    let token = insert_token(&mut tx, user_id, "verify", now, VERIFY_TOKEN_SECONDS).await?;
    enqueue(&mut tx, &verification_email(email, display_name, &link(&token)), now).await?;
    tx.commit().await?;
    Ok(NewUser::Created { user_id })
}

fn verification_email(to: &str, name: &str, link: &str) -> Email {
    Email {
        to: to.into(),
        subject: "Confirm your email for Mentorwell".into(),
        body: format!(
            "Hello {name},\n\nPlease confirm your email address to finish setting up your \
             Mentorwell account:\n\n{link}\n\nThe link works once and expires in 48 hours. \
             If you did not ask for an account, you can ignore this email.\n"
        ),
    }
}

async fn insert_token(
    tx: &mut Tx,
    user_id: i64,
    purpose: &str,
    now: i64,
    lifetime: i64,
) -> Result<String, sqlx::Error> {
    let token = new_token();
    sqlx::query(
        "INSERT INTO email_tokens (token_hash, user_id, purpose, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(token_hash(&token))
    .bind(user_id)
    .bind(purpose)
    .bind(now)
    .bind(now + lifetime)
    .execute(&mut **tx)
    .await?;
    Ok(token)
}

/// Marks a live token used and returns its user. A token works once.
pub async fn use_token(
    tx: &mut Tx,
    token: &str,
    purpose: &str,
    now: i64,
) -> Result<Option<i64>, sqlx::Error> {
    let row = sqlx::query(
        "UPDATE email_tokens SET used_at = $1 \
         WHERE token_hash = $2 AND purpose = $3 AND used_at IS NULL AND expires_at > $1 \
         RETURNING user_id",
    )
    .bind(now)
    .bind(token_hash(token))
    .bind(purpose)
    .fetch_optional(&mut **tx)
    .await?;
    row.map(|r| r.try_get("user_id")).transpose()
}

/// Whether `token` would be accepted now, without using it: checked before
/// any expensive work, so a stream of made-up tokens costs a lookup each.
pub async fn token_is_live(db: &Db, token: &str, purpose: &str, now: i64) -> Result<bool, sqlx::Error> {
    let row = sqlx::query(
        "SELECT 1 AS live FROM email_tokens \
         WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3",
    )
    .bind(token_hash(token))
    .bind(purpose)
    .bind(now)
    .fetch_optional(db.pool())
    .await?;
    Ok(row.is_some())
}

pub async fn verify_email(db: &Db, token: &str, now: i64) -> Result<bool, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let Some(user_id) = use_token(&mut tx, token, "verify", now).await? else {
        return Ok(false);
    };
    mark_verified(&mut tx, user_id, now).await?;
    tx.commit().await?;
    Ok(true)
}

pub async fn mark_verified(tx: &mut Tx, user_id: i64, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE users SET email_verified_at = $1 WHERE id = $2 AND email_verified_at IS NULL")
        .bind(now)
        .bind(user_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

pub struct LoginRecord {
    pub user_id: i64,
    pub password_hash: String,
    pub verified: bool,
    pub deactivated: bool,
}

pub async fn login_record(db: &Db, email: &str) -> Result<Option<LoginRecord>, sqlx::Error> {
    let row = sqlx::query(
        "SELECT id, password_hash, email_verified_at, deactivated_at FROM users WHERE email = $1",
    )
    .bind(email)
    .fetch_optional(db.pool())
    .await?;
    row.map(|r| {
        Ok(LoginRecord {
            user_id: r.try_get("id")?,
            password_hash: r.try_get("password_hash")?,
            verified: r.try_get::<Option<i64>, _>("email_verified_at")?.is_some(),
            deactivated: r.try_get::<Option<i64>, _>("deactivated_at")?.is_some(),
        })
    })
    .transpose()
}

pub async fn password_hash_of(db: &Db, user_id: i64) -> Result<String, sqlx::Error> {
    let (hash,): (String,) = sqlx::query_as("SELECT password_hash FROM users WHERE id = $1")
        .bind(user_id)
        .fetch_one(db.pool())
        .await?;
    Ok(hash)
}

/// Sets a new password and ends every session of the user except `keep`
/// (the hash of the session that made the change, if any).
pub async fn set_password(
    tx: &mut Tx,
    user_id: i64,
    password_hash: &str,
    keep: Option<&str>,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
        .bind(password_hash)
        .bind(user_id)
        .execute(&mut **tx)
        .await?;
    sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND id_hash <> $2")
        .bind(user_id)
        .bind(keep.unwrap_or(""))
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Writes a reset token and its email, if the address has an account.
/// The caller answers the same either way.
pub async fn start_reset(
    db: &Db,
    email: &str,
    now: i64,
    link: impl Fn(&str) -> String,
) -> Result<(), sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let row = sqlx::query("SELECT id, display_name FROM users WHERE email = $1")
        .bind(email)
        .fetch_optional(&mut *tx)
        .await?;
    if let Some(row) = row {
        let user_id: i64 = row.try_get("id")?;
        let name: String = row.try_get("display_name")?;
        let token = insert_token(&mut tx, user_id, "reset", now, RESET_TOKEN_SECONDS).await?;
        let body = format!(
            "Hello {name},\n\nSomeone asked to reset the password of your Mentorwell account. \
             To choose a new password, open:\n\n{}\n\nThe link works once and expires in an hour. \
             If it was not you, ignore this email: your password has not changed.\n",
            link(&token)
        );
        enqueue(
            &mut tx,
            &Email { to: email.into(), subject: "Reset your Mentorwell password".into(), body },
            now,
        )
        .await?;
    }
    tx.commit().await
}

pub async fn roles_of(db: &Db, user_id: i64) -> Result<Vec<Role>, sqlx::Error> {
    let rows: Vec<(String,)> = sqlx::query_as("SELECT role FROM user_roles WHERE user_id = $1 ORDER BY role")
        .bind(user_id)
        .fetch_all(db.pool())
        .await?;
    Ok(rows.iter().filter_map(|(r,)| Role::parse(r)).collect())
}

/// Grants `role` (from the command line or demo data, so no actor), and
/// records it in the audit trail when it is new.
pub async fn grant_role(db: &Db, user_id: i64, role: Role, now: i64) -> Result<(), sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let added = sqlx::query(
        "INSERT INTO user_roles (user_id, role, granted_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
    )
    .bind(user_id)
    .bind(role.as_str())
    .bind(now)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if added > 0 {
        let entry = crate::audit::db::Entry {
            actor: None,
            subject: Some(user_id),
            action: crate::audit::action::ROLE_GRANTED,
            outcome: role.as_str(),
            address: "",
        };
        crate::audit::db::insert(&mut *tx, &entry, now).await?;
    }
    tx.commit().await
}

/// Creates a verified account directly (CLI and demo data), or updates the
/// password of an existing one. Returns the user id.
pub async fn upsert_verified_user(
    db: &Db,
    email: &str,
    display_name: &str,
    password_hash: &str,
    now: i64,
) -> Result<i64, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let row = sqlx::query(
        "INSERT INTO users (email, display_name, password_hash, email_verified_at, created_at) \
         VALUES ($1, $2, $3, $4, $4) \
         ON CONFLICT (email) DO UPDATE SET password_hash = excluded.password_hash, \
         email_verified_at = COALESCE(users.email_verified_at, excluded.email_verified_at) \
         RETURNING id",
    )
    .bind(email)
    .bind(display_name)
    .bind(password_hash)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    tx.commit().await?;
    row.try_get("id")
}
