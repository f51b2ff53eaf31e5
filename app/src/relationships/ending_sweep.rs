//! The agreed-end sweep: two weeks before the agreed end date (or once the
//! agreed number of sessions has been held) each of the pair gets one
//! prompt to extend or end it; after `MENTORWELL_END_GRACE_DAYS` past the
//! end the service ends it as "the agreed time is up", through the same
//! path as a person ending it. Runs in every instance: the prompt is
//! claimed once per agreed end, and the ending is a versioned change that
//! only one instance can make.

use super::ending::{self, Due};
use super::{attention_db, ending_db, flow};
use crate::db::Db;
use crate::email::subjects::{send, Subject};
use crate::error::AppError;
use crate::sessions::booking::Context;
use crate::state::AppState;
use std::time::Duration;

/// What one sweep did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Swept {
    /// Relationships whose pair were prompted.
    pub prompted: usize,
    /// Relationships this sweep ended.
    pub ended: usize,
}

/// Prompts or ends every relationship whose agreed end calls for it at
/// `c.now`.
pub async fn sweep(database: &Db, c: &Context<'_>, grace_days: i64) -> Result<Swept, sqlx::Error> {
    let today = crate::dates::date_of(c.now);
    let mut work = Vec::new();
    {
        let mut conn = database.pool().acquire().await?;
        for r in ending_db::under_way(&mut conn).await? {
            let end = ending_db::ends_on(&mut conn, r.id, &r.length).await?;
            let due = ending::due(&r.length, end.as_deref(), &today, grace_days);
            if due != Due::NotYet {
                work.push((r, due));
            }
        }
    }
    let mut swept = Swept::default();
    for (r, due) in work {
        match due {
            Due::Prompt => {
                let mut tx = database.begin_write().await?;
                if ending_db::claim_prompt(&mut tx, r.id, &ending::key(&r.length), c.now).await? {
                    let (mentor, mentee) = attention_db::emails(&mut tx, r.mentor_id, r.mentee_id).await?;
                    let body = ending::prompt_email(c.public_url, r.id);
                    send(&mut tx, &[mentor, mentee], Subject::AgreedEndNear, &body, c.now).await?;
                    swept.prompted += 1;
                }
                tx.commit().await?;
            }
            Due::Close => match flow::end_as_service(database, c, r.id).await {
                Ok(_) => swept.ended += 1,
                // Ended by someone (or another instance) since it was read.
                Err(AppError::Refused(_)) => {}
                Err(err) => {
                    tracing::warn!(relationship = r.id, error = %err, "could not close at the agreed end")
                }
            },
            Due::NotYet => {}
        }
    }
    Ok(swept)
}

const EVERY: Duration = Duration::from_secs(15 * 60);

/// Sweeps every fifteen minutes, forever.
pub async fn run(state: AppState) {
    loop {
        let c = Context::of(&state);
        if let Err(err) = sweep(&state.db, &c, state.config.end_grace_days).await {
            tracing::warn!(error = %err, "could not check agreed ends");
        }
        tokio::time::sleep(EVERY).await;
    }
}
