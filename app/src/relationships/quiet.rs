//! Relationships gone quiet: no session held or booked for
//! `MENTORWELL_QUIET_DAYS`. Each of the pair gets one gentle email per
//! quiet spell (a link, nothing of the relationship in it), and the
//! coordinators' list shows it. Runs in every instance; the nudge is
//! claimed once per spell, so two instances never send it twice.

use super::attention_db;
use crate::db::Db;
use crate::email::{enqueue, Email};
use crate::state::AppState;
use std::time::Duration;

pub const DAY: i64 = 24 * 3600;

/// Neither the subject nor the body names the other person or says
/// "mentoring": an inbox glanced at by someone else gives nothing away.
pub fn nudge(public_url: &str, id: i64) -> (String, String) {
    let subject = "Checking in".to_string();
    let body = format!(
        "Hello,\n\nIt has been a while since a session was held or booked. If you would like to meet again, \
         you can book a time or see how to get in touch here:\n\n{public_url}/mentoring/{id}\n\n\
         If it has run its course, you can close it there too, so that it ends well for you both.\n"
    );
    (subject, body)
}

/// Emails each pair that has gone quiet since its last nudge. Returns how
/// many relationships were nudged.
pub async fn sweep(db: &Db, now: i64, quiet_days: i64, public_url: &str) -> Result<usize, sqlx::Error> {
    let quiet = {
        let mut conn = db.pool().acquire().await?;
        attention_db::quiet(&mut conn, now, quiet_days * DAY).await?
    };
    let mut nudged = 0;
    for q in quiet {
        let mut tx = db.begin_write().await?;
        if attention_db::claim_nudge(&mut tx, q.id, q.quiet_since, now).await? {
            let (mentor, mentee) = attention_db::emails(&mut tx, q.mentor_id, q.mentee_id).await?;
            let (subject, body) = nudge(public_url, q.id);
            for to in [mentor, mentee] {
                enqueue(&mut tx, &Email { to, subject: subject.clone(), body: body.clone() }, now).await?;
            }
            nudged += 1;
        }
        tx.commit().await?;
    }
    Ok(nudged)
}

const EVERY: Duration = Duration::from_secs(15 * 60);

/// Sweeps every fifteen minutes, forever.
pub async fn run(state: AppState) {
    loop {
        let (now, days) = (state.clock.now(), state.config.quiet_days);
        if let Err(err) = sweep(&state.db, now, days, &state.config.public_url).await {
            tracing::warn!(error = %err, "could not check for quiet relationships");
        }
        tokio::time::sleep(EVERY).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_nudge_is_discreet_and_links_to_the_relationship() {
        let (subject, body) = nudge("https://mentoring.example", 42);
        assert!(body.contains("https://mentoring.example/mentoring/42"));
        for text in [&subject, &body] {
            assert!(!text.to_lowercase().contains("mentoring relationship"));
        }
        assert!(!subject.to_lowercase().contains("mentor"));
    }
}
