//! Erasing a closed account (`erase`), once a coordinator has confirmed
//! the person's request: what the service's figures need is kept without
//! the person, and the rest is deleted.
//!
//! Every table in `migrations/` and what happens to the erased person's
//! part of it:
//!
//! - `users`: the row stays (so relationships, sessions, answers and course
//!   records still count), as "erased user #N" with a made-up address at
//!   `erased.invalid` that can receive nothing, no password (an empty hash
//!   never verifies), default time zone and titles, no surveys, deactivated
//!   and `erased_at` set. `created_at`, `email_verified_at` and
//!   `closure_requested_at` stay (dates only).
//! - `user_roles`: deleted (an erased person is no longer a mentor or a
//!   coordinator). `sessions`, `email_tokens`, `calendar_feeds`: deleted.
//! - `login_failures`: rows keyed by their email deleted; rows keyed by a
//!   network address are not theirs alone and go within a day anyway.
//! - `outbox`: emails to them deleted. Emails to others that name them
//!   (name or address, three characters or more): already sent ones
//!   deleted, unsent ones have the name replaced by "erased user #N".
//! - `accreditations`, `mentor_profiles` (with its search words),
//!   `profile_drafts`, `availability`,
//!   `availability_windows`, `availability_exceptions`, `saved_resources`:
//!   deleted. The directory no longer lists them.
//! - `mentoring_requests` they made: the text (`goal`, `organisation`)
//!   emptied; one still open is withdrawn. Topics, dates and state stay for
//!   the figures. Requests proposed or offered to them as mentor go back to
//!   the coordinators' queue (`submitted`, no mentor).
//! - `request_events`, `relationship_events`: the free-text `note` emptied
//!   where they acted or the request or relationship was theirs; event
//!   names, reasons and dates stay. `request_views`: kept (no content; the
//!   access record).
//! - `relationships`: kept; an ongoing one is ended first ("circumstances
//!   changed"), its sessions still to come cancelled, and the other person
//!   sent an email that names nobody. `relationship_agreements`: the
//!   free text (`meeting`, `contact`, `hopes`) emptied; frequency, length
//!   and protected-time answers stay. `relationship_flags`,
//!   `relationship_nudges`, `relationship_end_prompts`: kept (no content).
//! - `relationship_goals` of relationships where they were the mentee
//!   (goals are the mentee's): deleted. `session_notes` they wrote and
//!   `session_actions` they added: deleted. The other person's own notes
//!   and actions are theirs and stay.
//! - `mentoring_sessions`: kept (sessions held are counted); `agenda`
//!   emptied in theirs, and the `cancel_reason` they wrote emptied.
//!   `session_blocks`: freed by the cancellations above.
//! - `survey_invitations`: kept (who was asked counts); `survey_answers` of
//!   their invitations keep scores and choices, and lose the free text
//!   (`body`).
//! - `course_places`: places on courses not yet started are cancelled;
//!   `course_attendance` kept (counts); `course_completions` kept with the
//!   `evidence_note` emptied. `course_runs.facilitators` (typed by
//!   coordinators): their name replaced, as in the outbox.
//! - `resources`, `resource_versions`, `resource_files`, `service_texts`
//!   (the service's own texts, written by coordinators at work): kept; the
//!   author now shows as "erased user #N".
//! - `audit_events`: kept whole (append-only); the person now shows as
//!   "erased user #N".

use super::closure_db::{account, AccountState};
use crate::audit::{self, db::Entry};
use crate::db::{Db, Tx};
use crate::error::AppError;
use crate::relationships::lifecycle::EndReason;
use crate::sessions::booking::Context;

/// How an erased person is shown everywhere.
pub fn erased_name(user_id: i64) -> String {
    format!("erased user #{user_id}")
}

/// The address an erased account is given: unique, and `.invalid` can
/// never receive mail.
pub fn erased_email(user_id: i64) -> String {
    format!("erased-user-{user_id}@erased.invalid")
}

/// What the other person of an ended relationship is told: that it has
/// closed, never who left or why.
pub fn partner_left_email(public_url: &str, relationship_id: i64) -> String {
    format!(
        "Hello,\n\nA mentoring relationship you were part of has been closed, because the other person is no \
         longer using the service. Any sessions still to come have been cancelled.\n\n\
         You can look back at it here:\n\n{public_url}/mentoring/{relationship_id}\n\n\
         If you would like a new mentor or mentee, contact your mentoring coordinator.\n"
    )
}

/// Erases account `user_id`, confirmed by coordinator `by`: ends what is
/// ongoing, then in one transaction anonymises what the figures need and
/// deletes the rest (see the table-by-table list above), and records it.
/// Safe to run again on an erased account (it changes nothing more).
pub async fn erase(
    db: &Db,
    c: &Context<'_>,
    user_id: i64,
    by: Option<i64>,
    address: &str,
) -> Result<(), AppError> {
    let Some(person) = account(db, user_id).await? else { return Err(AppError::NotFound) };
    if person.erased_at.is_some() {
        return Ok(());
    }
    // Ongoing relationships end the way a person ends one (sessions to
    // come cancelled, both told of each), one transaction each; the other
    // person is then told it has closed, without a name or a reason.
    let ongoing: Vec<(i64, i64, i64)> = sqlx::query_as(
        "SELECT id, mentor_id, mentee_id FROM relationships WHERE (mentor_id = $1 OR mentee_id = $1) AND state <> 'ended' ORDER BY id",
    )
    .bind(user_id)
    .fetch_all(db.pool())
    .await?;
    for (id, mentor, mentee) in ongoing {
        crate::relationships::flow::end(db, c, id, user_id, false, EndReason::CircumstancesChanged, "")
            .await?;
        let other = if mentor == user_id { mentee } else { mentor };
        let email: Option<String> =
            sqlx::query_scalar("SELECT email FROM users WHERE id = $1 AND erased_at IS NULL")
                .bind(other)
                .fetch_optional(db.pool())
                .await?;
        if let Some(email) = email {
            let mut tx = db.begin_write().await?;
            let body = partner_left_email(c.public_url, id);
            crate::email::subjects::send(
                &mut tx,
                &[email],
                crate::email::subjects::Subject::PartnerLeft,
                &body,
                c.now,
            )
            .await?;
            tx.commit().await?;
        }
    }
    let mut tx = db.begin_write().await?;
    anonymise(&mut tx, &person, c.now).await?;
    let entry = Entry {
        actor: by,
        subject: Some(user_id),
        action: audit::action::ERASED,
        outcome: audit::outcome::OK,
        address,
    };
    audit::db::insert(&mut *tx, &entry, c.now).await?;
    tx.commit().await?;
    Ok(())
}

async fn run(tx: &mut Tx, sql: &str, user_id: i64) -> Result<(), sqlx::Error> {
    sqlx::query(sql).bind(user_id).execute(&mut **tx).await?;
    Ok(())
}

async fn anonymise(tx: &mut Tx, person: &AccountState, now: i64) -> Result<(), sqlx::Error> {
    let id = person.id;
    let theirs = "SELECT id FROM relationships WHERE mentor_id = $1 OR mentee_id = $1";
    // Each statement takes the person's id as $1.
    let by_id = [
        "DELETE FROM sessions WHERE user_id = $1".to_string(),
        "DELETE FROM email_tokens WHERE user_id = $1".into(),
        "DELETE FROM calendar_feeds WHERE user_id = $1".into(),
        "DELETE FROM user_roles WHERE user_id = $1".into(),
        "DELETE FROM accreditations WHERE user_id = $1".into(),
        "DELETE FROM mentor_profiles WHERE user_id = $1".into(),
        "DELETE FROM profile_drafts WHERE user_id = $1".into(),
        "DELETE FROM availability_windows WHERE mentor_id = $1".into(),
        "DELETE FROM availability_exceptions WHERE mentor_id = $1".into(),
        "DELETE FROM availability WHERE mentor_id = $1".into(),
        "DELETE FROM saved_resources WHERE user_id = $1".into(),
        // Their request: text gone, an open one withdrawn.
        "UPDATE mentoring_requests SET goal = '', organisation = '' WHERE mentee_id = $1".into(),
        "UPDATE mentoring_requests SET state = 'withdrawn' \
         WHERE mentee_id = $1 AND state IN ('draft', 'submitted', 'proposed', 'offered', 'expired')"
            .into(),
        // Someone else's request waiting on them goes back to the queue.
        "UPDATE mentoring_requests SET state = 'submitted', mentor_id = NULL \
         WHERE mentor_id = $1 AND mentee_id <> $1 AND state IN ('proposed', 'offered')"
            .into(),
        "UPDATE request_events SET note = '' WHERE note <> '' AND (actor_id = $1 OR mentor_id = $1 OR request_id IN \
         (SELECT id FROM mentoring_requests WHERE mentee_id = $1 OR mentor_id = $1))"
            .into(),
        format!("UPDATE relationship_events SET note = '' WHERE note <> '' AND (actor_id = $1 OR relationship_id IN ({theirs}))"),
        format!("UPDATE relationship_agreements SET meeting = '', contact = '', hopes = '' WHERE relationship_id IN ({theirs})"),
        "DELETE FROM relationship_goals WHERE relationship_id IN (SELECT id FROM relationships WHERE mentee_id = $1)".into(),
        "DELETE FROM session_notes WHERE author_id = $1".into(),
        "DELETE FROM session_actions WHERE added_by = $1".into(),
        "UPDATE mentoring_sessions SET agenda = '' WHERE (mentor_id = $1 OR mentee_id = $1) AND agenda <> ''".into(),
        "UPDATE mentoring_sessions SET cancel_reason = '' WHERE cancelled_by = $1".into(),
        "UPDATE survey_answers SET body = NULL WHERE invitation_id IN (SELECT id FROM survey_invitations WHERE person_id = $1)"
            .into(),
        "UPDATE course_completions SET evidence_note = '' WHERE user_id = $1".into(),
    ];
    super::erasure_mentions::remove_agendas(tx, id).await?;
    for sql in &by_id {
        run(tx, sql, id).await?;
    }
    // Places on courses still to come are given up (today's date as text
    // orders like the stored ISO dates).
    sqlx::query(
        "UPDATE course_places SET state = 'cancelled', changed_at = $1 WHERE user_id = $2 AND state <> 'cancelled' \
         AND run_id IN (SELECT id FROM course_runs WHERE starts_on > $3)",
    )
    .bind(now)
    .bind(id)
    .bind(crate::dates::date_of(now))
    .execute(&mut **tx)
    .await?;
    super::erasure_mentions::remove(tx, person).await?;
    let label = erased_name(id);
    sqlx::query(
        "UPDATE users SET email = $1, display_name = $2, password_hash = '', time_zone = 'Europe/London', \
         descriptive_titles = 0, no_surveys = 1, deactivated_at = COALESCE(deactivated_at, $3), erased_at = $3 \
         WHERE id = $4",
    )
    .bind(erased_email(id))
    .bind(&label)
    .bind(now)
    .bind(id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}
