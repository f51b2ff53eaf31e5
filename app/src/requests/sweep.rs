//! Offers nobody answered: a reminder to the mentor half way to the
//! deadline, and expiry at the deadline. Runs in every instance; each step
//! is a conditional change, so two instances never act twice.

use super::db::{self, ChangedBy};
use super::lifecycle::{Actor, Event, RequestState};
use crate::db::Db;
use crate::email::subjects::{send, Subject};
use crate::state::AppState;
use std::time::Duration;

/// What one sweep did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Swept {
    pub reminded: usize,
    pub expired: usize,
}

/// Sends due reminders and expires offers past their deadline, as of `now`.
pub async fn sweep(database: &Db, now: i64, public_url: &str) -> Result<Swept, sqlx::Error> {
    let mut swept = Swept::default();
    let due: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT id, mentor_id FROM mentoring_requests WHERE state = 'offered' AND reminded_at IS NULL \
         AND reminder_due_at <= $1 AND offer_expires_at > $1",
    )
    .bind(now)
    .fetch_all(database.pool())
    .await?;
    for (id, mentor_id) in due {
        let mut tx = database.begin_write().await?;
        let claimed = sqlx::query(
            "UPDATE mentoring_requests SET reminded_at = $2 WHERE id = $1 AND state = 'offered' AND reminded_at IS NULL",
        )
        .bind(id)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        if claimed.rows_affected() == 1 {
            let system = ChangedBy { actor: Actor::System, user_id: None };
            db::record_event(&mut tx, id, "remind", system, Some(mentor_id), "", now).await?;
            if let Some(to) = db::email_of(&mut tx, mentor_id).await? {
                let body = format!(
                    "Hello,\n\nA reminder: you have been offered a new mentee and have not answered yet. \
                     Please accept or decline before the offer lapses:\n\n{public_url}/offers\n"
                );
                send(&mut tx, &[to], Subject::OfferReminder, &body, now).await?;
            }
            swept.reminded += 1;
        }
        tx.commit().await?;
    }
    let lapsed: Vec<(i64,)> = sqlx::query_as(
        "SELECT id FROM mentoring_requests WHERE state = 'offered' AND offer_expires_at <= $1",
    )
    .bind(now)
    .fetch_all(database.pool())
    .await?;
    for (id,) in lapsed {
        let mut tx = database.begin_write().await?;
        let Some(request) = db::by_id(&mut tx, id).await? else { continue };
        if !matches!(request.state, RequestState::Offered { .. }) {
            continue;
        }
        let system = ChangedBy { actor: Actor::System, user_id: None };
        if db::change(&mut tx, &request, Event::Expire, system, "", now, 0).await?.is_ok() {
            let body = format!(
                "Hello,\n\nA mentor did not answer an offer in time, so it has lapsed. Please choose another \
                 mentor:\n\n{public_url}/requests/{id}\n"
            );
            let to = db::coordinator_emails(&mut tx).await?;
            send(&mut tx, &to, Subject::OfferLapsed, &body, now).await?;
            swept.expired += 1;
        }
        tx.commit().await?;
    }
    Ok(swept)
}

const EVERY: Duration = Duration::from_secs(30);

/// Sweeps every half minute, forever.
pub async fn run(state: AppState) {
    loop {
        if let Err(err) = sweep(&state.db, state.clock.now(), &state.config.public_url).await {
            tracing::warn!(error = %err, "could not sweep mentoring offers");
        }
        tokio::time::sleep(EVERY).await;
    }
}
