//! Refresher reminders: 90 and 30 days before an accreditation is due,
//! once each per due date. Runs in every instance; each reminder is
//! claimed by a conditional update, so two instances never send twice.

use crate::dates;
use crate::db::Db;
use crate::email::{enqueue, Email};
use crate::state::AppState;
use std::time::Duration;

/// Sends the reminders due on `today`. Returns how many were sent.
pub async fn sweep(db: &Db, today: &str, now: i64, public_url: &str) -> Result<usize, sqlx::Error> {
    let mut sent = 0;
    // The nearer reminder first: someone already inside 30 days gets only
    // that one, and the 90-day one is marked as done with it.
    for (days, column, also) in
        [(30, "reminded_30_for", ", reminded_90_for = refresher_due_on"), (90, "reminded_90_for", "")]
    {
        let Some(horizon) = dates::add_days(today, days) else { continue };
        let due: Vec<(i64, String, String)> = sqlx::query_as(&format!(
            "SELECT a.user_id, a.refresher_due_on, u.email FROM accreditations a JOIN users u ON u.id = a.user_id \
             WHERE a.refresher_due_on >= $1 AND a.refresher_due_on <= $2 AND a.{column} <> a.refresher_due_on"
        ))
        .bind(today)
        .bind(&horizon)
        .fetch_all(db.pool())
        .await?;
        for (user_id, due_on, email) in due {
            let mut tx = db.begin_write().await?;
            let claimed = sqlx::query(&format!(
                "UPDATE accreditations SET {column} = refresher_due_on{also} WHERE user_id = $1 AND {column} <> refresher_due_on"
            ))
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
            if claimed.rows_affected() == 1 {
                let body = format!(
                    "Hello,\n\nYour mentor accreditation is due for renewal by {}. To stay listed in the mentor \
                     directory, book a refresher course:\n\n{public_url}/courses?kind=refresher\n",
                    dates::long(&due_on)
                );
                let subject = format!("Your mentor accreditation is due for a refresher within {days} days");
                enqueue(&mut tx, &Email { to: email, subject, body }, now).await?;
                sent += 1;
            }
            tx.commit().await?;
        }
    }
    Ok(sent)
}

const EVERY: Duration = Duration::from_secs(60 * 60);

/// Sweeps every hour, forever.
pub async fn run(state: AppState) {
    loop {
        let now = state.clock.now();
        if let Err(err) = sweep(&state.db, &dates::date_of(now), now, &state.config.public_url).await {
            tracing::warn!(error = %err, "could not send refresher reminders");
        }
        tokio::time::sleep(EVERY).await;
    }
}
