//! The questionnaire sweep: makes each invitation that has fallen due (the
//! agreement made, the end, the follow-up after the end, the mentors'
//! six-monthly check-in) and emails it once. Runs in every instance; each
//! invitation is claimed by its key in the same transaction as its email,
//! so two instances never make or send it twice.

use super::db::{self, Due};
use super::questionnaires::Questionnaire;
use super::schedule::LAPSE_SECONDS;
use crate::db::Db;
use crate::email::subjects::{send, Subject};
use crate::state::AppState;
use std::time::Duration;

/// The email: a link and nothing else. No question, no answer, no name,
/// so an inbox glanced at by someone else gives nothing away.
pub fn invitation_email(public_url: &str, id: i64) -> String {
    format!(
        "Hello,\n\nWe would be grateful for a few minutes of your time: there are a few short questions \
         waiting for you here:\n\n{public_url}/questions/{id}\n\n\
         Your answers help the service show what difference it makes. Nobody else you know through it \
         sees them. The questions stay open for 30 days, and on that page you can also ask not to be \
         asked again.\n"
    )
}

/// Makes and emails every invitation due at `now`. Returns how many this
/// sweep made.
pub async fn sweep(
    database: &Db,
    now: i64,
    follow_up_days: i64,
    public_url: &str,
) -> Result<usize, sqlx::Error> {
    let due: Vec<Due> = {
        let mut conn = database.pool().acquire().await?;
        let mut due = db::relationship_points(&mut conn, now, follow_up_days).await?;
        due.extend(db::check_ins(&mut conn, &crate::dates::date_of(now)).await?);
        // Anything claimed could only have been claimed inside the lapse.
        let claimed = db::claimed_since(&mut conn, now - 2 * LAPSE_SECONDS).await?;
        due.retain(|d| !claimed.contains(&d.key));
        due
    };
    let mut made = 0;
    for d in due {
        let questionnaire = Questionnaire::for_point(d.point, d.role);
        let mut tx = database.begin_write().await?;
        if let Some((id, email)) = db::claim(&mut tx, &d, questionnaire.id, now).await? {
            send(&mut tx, &[email], Subject::QuestionsWaiting, &invitation_email(public_url, id), now)
                .await?;
            made += 1;
        }
        tx.commit().await?;
    }
    Ok(made)
}

const EVERY: Duration = Duration::from_secs(15 * 60);

/// Sweeps every fifteen minutes, forever.
pub async fn run(state: AppState) {
    loop {
        let now = state.clock.now();
        if let Err(err) = sweep(&state.db, now, state.config.follow_up_days, &state.config.public_url).await {
            tracing::warn!(error = %err, "could not make questionnaire invitations");
        }
        tokio::time::sleep(EVERY).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_email_is_a_link_and_says_nothing_of_mentoring() {
        let body = invitation_email("https://mentorwell.example", 9);
        assert!(body.contains("https://mentorwell.example/questions/9\n"));
        // The service's own address aside.
        assert!(!body.replace("https://mentorwell.example", "").to_lowercase().contains("mentor"));
        assert!(!Subject::QuestionsWaiting.text(false).to_lowercase().contains("mentor"));
    }
}
