//! The outbox table: enqueue inside a transaction, claim, mark sent or retry.

use super::OutboxEmail;
use crate::db::{Db, Tx};
use sqlx::Row;

/// A message to send. Bodies carry links, never private text.
pub struct Email {
    pub to: String,
    pub subject: String,
    pub body: String,
}

/// How long a sender may hold a claimed email before another may take it.
/// A sender that dies mid-send leaves its claim to expire, so the email is
/// retried rather than lost.
pub const CLAIM_SECONDS: i64 = 120;

/// A file sent with an email: a calendar invitation.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Attachment {
    pub name: String,
    pub media_type: String,
    pub body: String,
}

pub async fn enqueue(tx: &mut Tx, email: &Email, now: i64) -> Result<(), sqlx::Error> {
    enqueue_with(tx, email, &Attachment::default(), now).await
}

/// An email with a file; an empty `name` means none.
pub async fn enqueue_with(
    tx: &mut Tx,
    email: &Email,
    file: &Attachment,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO outbox (to_address, subject, body_text, created_at, next_attempt_at, \
         attachment_name, attachment_type, attachment_body) VALUES ($1, $2, $3, $4, $4, $5, $6, $7)",
    )
    .bind(&email.to)
    .bind(&email.subject)
    .bind(&email.body)
    .bind(now)
    .bind(&file.name)
    .bind(&file.media_type)
    .bind(&file.body)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub struct Claimed {
    pub id: i64,
    pub to: String,
    pub subject: String,
    pub body: String,
    pub attempts: i64,
    pub created_at: i64,
    pub attachment: Attachment,
}

/// Takes the next due email for this sender. The conditional UPDATE is
/// atomic on both engines, so two instances never claim the same row.
pub async fn claim_next(db: &Db, now: i64) -> Result<Option<Claimed>, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let row = sqlx::query(
        "UPDATE outbox SET claimed_until = $1 \
         WHERE id = (SELECT id FROM outbox WHERE sent_at IS NULL AND next_attempt_at <= $2 \
                     AND (claimed_until IS NULL OR claimed_until < $2) ORDER BY id LIMIT 1) \
           AND (claimed_until IS NULL OR claimed_until < $2) \
         RETURNING id, to_address, subject, body_text, attempts, created_at, \
         attachment_name, attachment_type, attachment_body",
    )
    .bind(now + CLAIM_SECONDS)
    .bind(now)
    .fetch_optional(&mut *tx)
    .await?;
    tx.commit().await?;
    row.map(|r| {
        Ok(Claimed {
            id: r.try_get("id")?,
            to: r.try_get("to_address")?,
            subject: r.try_get("subject")?,
            body: r.try_get("body_text")?,
            attempts: r.try_get("attempts")?,
            created_at: r.try_get("created_at")?,
            attachment: Attachment {
                name: r.try_get("attachment_name")?,
                media_type: r.try_get("attachment_type")?,
                body: r.try_get("attachment_body")?,
            },
        })
    })
    .transpose()
}

pub async fn mark_sent(db: &Db, id: i64, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE outbox SET sent_at = $1, claimed_until = NULL, attempts = attempts + 1 WHERE id = $2",
    )
    .bind(now)
    .bind(id)
    .execute(db.pool())
    .await?;
    Ok(())
}

pub async fn mark_failed(db: &Db, id: i64, error: &str, retry_at: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE outbox SET attempts = attempts + 1, last_error = $1, next_attempt_at = $2, claimed_until = NULL \
         WHERE id = $3",
    )
    .bind(error)
    .bind(retry_at)
    .bind(id)
    .execute(db.pool())
    .await?;
    Ok(())
}

/// The newest emails first, for the coordinators' outbox page.
pub async fn recent(db: &Db, limit: i64) -> Result<Vec<OutboxEmail>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT id, to_address, subject, body_text, created_at, sent_at, attempts FROM outbox ORDER BY id DESC LIMIT $1",
    )
    .bind(limit)
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|r| {
            Ok(OutboxEmail {
                id: r.try_get("id")?,
                to: r.try_get("to_address")?,
                subject: r.try_get("subject")?,
                body: r.try_get("body_text")?,
                created_at: r.try_get("created_at")?,
                sent: r.try_get::<Option<i64>, _>("sent_at")?.is_some(),
                attempts: r.try_get("attempts")?,
            })
        })
        .collect()
}
