//! Email text is kept only as long as it is useful: after
//! `MENTORWELL_EMAIL_KEEP_DAYS` (30 by default) the body and any calendar
//! file are removed, leaving who was emailed, the subject and when. Runs in
//! every instance; the update is idempotent.

use crate::db::Db;
use crate::state::AppState;
use std::time::Duration;

const EVERY: Duration = Duration::from_secs(10 * 60);

/// Clears the text of emails sent more than `keep_days` ago, and of
/// emails still unsent after that long, which are given up on (their links
/// expired long before). Returns how many emails were cleared.
pub async fn clear_old_texts(db: &Db, now: i64, keep_days: i64) -> Result<u64, sqlx::Error> {
    let before = now - keep_days * 24 * 60 * 60;
    let sent = sqlx::query(
        "UPDATE outbox SET body_text = '', attachment_body = '' \
         WHERE sent_at IS NOT NULL AND sent_at < $1 AND (body_text <> '' OR attachment_body <> '')",
    )
    .bind(before)
    .execute(db.pool())
    .await?;
    let abandoned = sqlx::query(
        "UPDATE outbox SET body_text = '', attachment_body = '', next_attempt_at = $2, \
         last_error = 'not delivered in time; text removed' \
         WHERE sent_at IS NULL AND created_at < $1 AND (body_text <> '' OR attachment_body <> '')",
    )
    .bind(before)
    .bind(i64::MAX / 2)
    .execute(db.pool())
    .await?;
    Ok(sent.rows_affected() + abandoned.rows_affected())
}

/// Clears old email text every ten minutes, forever.
pub async fn run(state: AppState) {
    loop {
        match clear_old_texts(&state.db, state.clock.now(), state.config.email_keep_days).await {
            Ok(0) => {}
            Ok(cleared) => tracing::info!(cleared, "old email text removed"),
            Err(err) => tracing::warn!(error = %err, "could not remove old email text"),
        }
        tokio::time::sleep(EVERY).await;
    }
}
