//! What the service keeps, and for how long (UK GDPR's storage
//! limitation). One sweep in every instance removes what has outlived its
//! use; each step is a plain delete or update that is safe to run twice,
//! so several instances sweeping together do no harm. Email text has its
//! own sweep (`email::retention`).
//!
//! - Sign-in sessions past their limits and used or expired email links:
//!   at once. Failed sign-ins: after a day (throttles look back minutes).
//! - The text of requests withdrawn or lapsed (expired):
//!   `MENTORWELL_REQUEST_TEXT_KEEP_DAYS` (365) after their last change. Their
//!   topics and dates stay, for the service's figures.
//! - What the pair wrote in a relationship (private notes, goals, actions,
//!   the agreement's free text, session agendas, and the request it grew
//!   from): `MENTORWELL_NOTES_KEEP_DAYS` (730) after it ended. Dates,
//!   counts, topics and the reason it ended stay.

use crate::accounts::session::{ABSOLUTE_SECONDS, IDLE_SECONDS};
use crate::db::Db;
use crate::state::AppState;
use std::time::Duration;

const DAY: i64 = 24 * 60 * 60;
const EVERY: Duration = Duration::from_secs(60 * 60);

/// How long each kind of record is kept, in days.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Periods {
    pub request_text_days: i64,
    pub notes_days: i64,
}

/// What one sweep removed, by kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Removed {
    pub sign_in_sessions: u64,
    pub email_links: u64,
    pub failed_sign_ins: u64,
    pub request_texts: u64,
    pub relationships: u64,
}

impl Removed {
    pub fn total(&self) -> u64 {
        self.sign_in_sessions
            + self.email_links
            + self.failed_sign_ins
            + self.request_texts
            + self.relationships
    }
}

async fn run_sql(db: &Db, sql: &str, binds: &[i64]) -> Result<u64, sqlx::Error> {
    let mut query = sqlx::query(sql);
    for value in binds {
        query = query.bind(*value);
    }
    Ok(query.execute(db.pool()).await?.rows_affected())
}

/// Removes everything past its period at `now`.
pub async fn sweep(db: &Db, now: i64, periods: Periods) -> Result<Removed, sqlx::Error> {
    let mut removed = Removed {
        sign_in_sessions: run_sql(
            db,
            "DELETE FROM sessions WHERE last_seen_at <= $1 OR created_at <= $2",
            &[now - IDLE_SECONDS, now - ABSOLUTE_SECONDS],
        )
        .await?,
        email_links: run_sql(db, "DELETE FROM email_tokens WHERE used_at IS NOT NULL OR expires_at <= $1", &[now])
            .await?,
        failed_sign_ins: run_sql(db, "DELETE FROM login_failures WHERE failed_at <= $1", &[now - DAY]).await?,
        request_texts: run_sql(
            db,
            "UPDATE mentoring_requests SET goal = '', organisation = '' \
             WHERE state IN ('withdrawn', 'expired') AND updated_at <= $1 AND (goal <> '' OR organisation <> '')",
            &[now - periods.request_text_days * DAY],
        )
        .await?,
        ..Removed::default()
    };
    let before = now - periods.notes_days * DAY;
    // One relationship at a time, in a transaction, so its parts go together.
    let due: Vec<(i64,)> = sqlx::query_as(
        "SELECT r.id FROM relationships r WHERE r.state = 'ended' AND r.ended_at <= $1 AND (\
           EXISTS (SELECT 1 FROM relationship_goals g WHERE g.relationship_id = r.id) \
           OR EXISTS (SELECT 1 FROM session_actions a WHERE a.relationship_id = r.id) \
           OR EXISTS (SELECT 1 FROM session_notes n JOIN mentoring_sessions s ON s.id = n.session_id \
                      WHERE s.request_id = r.id) \
           OR EXISTS (SELECT 1 FROM relationship_agreements a WHERE a.relationship_id = r.id \
                      AND (a.meeting <> '' OR a.contact <> '' OR a.hopes <> '')) \
           OR EXISTS (SELECT 1 FROM mentoring_sessions s WHERE s.request_id = r.id AND s.agenda <> '') \
           OR EXISTS (SELECT 1 FROM mentoring_requests q WHERE q.id = r.id AND (q.goal <> '' OR q.organisation <> '')))",
    )
    .bind(before)
    .fetch_all(db.pool())
    .await?;
    for (id,) in due {
        let mut tx = db.begin_write().await?;
        sqlx::query(
            "DELETE FROM session_notes WHERE session_id IN (SELECT id FROM mentoring_sessions WHERE request_id = $1)",
        )
        .bind(id)
        .execute(&mut *tx)
        .await?;
        for sql in [
            "DELETE FROM relationship_goals WHERE relationship_id = $1",
            "DELETE FROM session_actions WHERE relationship_id = $1",
            "UPDATE relationship_agreements SET meeting = '', contact = '', hopes = '' WHERE relationship_id = $1",
            "UPDATE mentoring_sessions SET agenda = '' WHERE request_id = $1",
            "UPDATE mentoring_requests SET goal = '', organisation = '' WHERE id = $1",
        ] {
            sqlx::query(sql).bind(id).execute(&mut *tx).await?;
        }
        tx.commit().await?;
        removed.relationships += 1;
    }
    Ok(removed)
}

/// Sweeps every hour, forever.
pub async fn run(state: AppState) {
    loop {
        let periods = Periods {
            request_text_days: state.config.request_text_keep_days,
            notes_days: state.config.notes_keep_days,
        };
        match sweep(&state.db, state.clock.now(), periods).await {
            Ok(removed) if removed.total() > 0 => {
                tracing::info!(?removed, "records past their keeping period removed")
            }
            Ok(_) => {}
            Err(err) => tracing::warn!(error = %err, "could not remove records past their keeping period"),
        }
        tokio::time::sleep(EVERY).await;
    }
}
