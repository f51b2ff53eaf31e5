//! Reminders a day before each booked session, to both of the pair. Runs
//! in every instance; each reminder is claimed by a conditional update, so
//! it is sent once however many instances sweep.

use super::db;
use super::when::when;
use crate::db::Db;
use crate::email::{enqueue, Email};
use crate::state::AppState;
use std::time::Duration;

pub const AHEAD_SECONDS: i64 = 24 * 3600;

/// Sends the reminders due at `now`. Returns how many sessions were reminded.
pub async fn sweep(database: &Db, now: i64, public_url: &str) -> Result<usize, sqlx::Error> {
    let mut sent = 0;
    for id in db::due_reminders(database, now, AHEAD_SECONDS).await? {
        let mut tx = database.begin_write().await?;
        let Some(s) = db::session_by_id(&mut tx, id).await? else { continue };
        let Some(pair) = db::active_pair(&mut tx, s.request_id).await? else { continue };
        if db::claim_reminder(&mut tx, id, now).await? {
            for (to, zone, other, descriptive) in [
                (&pair.mentee_email, &pair.mentee_zone, &pair.mentor_name, pair.mentee_descriptive),
                (&pair.mentor_email, &pair.mentor_zone, &pair.mentee_name, pair.mentor_descriptive),
            ] {
                let time = when(zone, s.starts);
                let body = format!(
                    "Hello,\n\nA reminder: your mentoring session with {other} is on {time}.\n\n\
                     If you need to change it: {public_url}/sessions\n"
                );
                enqueue(
                    &mut tx,
                    &Email {
                        to: to.clone(),
                        subject: super::titles::reminder_subject(descriptive, &time),
                        body,
                    },
                    now,
                )
                .await?;
            }
            sent += 1;
        }
        tx.commit().await?;
    }
    Ok(sent)
}

const EVERY: Duration = Duration::from_secs(5 * 60);

/// Sweeps every five minutes, forever.
pub async fn run(state: AppState) {
    loop {
        if let Err(err) = sweep(&state.db, state.clock.now(), &state.config.public_url).await {
            tracing::warn!(error = %err, "could not send session reminders");
        }
        tokio::time::sleep(EVERY).await;
    }
}
