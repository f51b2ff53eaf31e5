//! A mentor's working copy of their profile and its review: save, send for
//! approval, approve (it goes live) or return with a comment.

use super::db::{bind_fields, fields_from, publish_profile};
use super::profile::{Draft, DraftState, ProfileFields};
use crate::db::{Db, Tx};
use crate::email::{enqueue, Email};
use sqlx::any::AnyRow;
use sqlx::Row;

const COLUMNS: &str = "user_id, state, display_name, pronouns, profession, grade, specialty, sector, organisation, \
                       area, models, forms, topics, modes, languages, bio, capacity, review_comment, submitted_at";

fn draft_from(row: &AnyRow) -> Result<Draft, sqlx::Error> {
    Ok(Draft {
        user_id: row.try_get("user_id")?,
        state: DraftState::from_db(&row.try_get::<String, _>("state")?),
        fields: fields_from(row)?,
        review_comment: row.try_get("review_comment")?,
        submitted_at: row.try_get("submitted_at")?,
    })
}

pub async fn draft_of(db: &Db, user_id: i64) -> Result<Option<Draft>, sqlx::Error> {
    let row = sqlx::query(&format!("SELECT {COLUMNS} FROM profile_drafts WHERE user_id = $1"))
        .bind(user_id)
        .fetch_optional(db.pool())
        .await?;
    row.as_ref().map(draft_from).transpose()
}

/// Drafts waiting for a coordinator, oldest first.
pub async fn submitted(db: &Db) -> Result<Vec<Draft>, sqlx::Error> {
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM profile_drafts WHERE state = 'submitted' ORDER BY submitted_at, user_id"
    ))
    .fetch_all(db.pool())
    .await?;
    rows.iter().map(draft_from).collect()
}

/// Saves the mentor's draft; `submit` also sends it for approval.
pub async fn save(
    db: &Db,
    user_id: i64,
    fields: &ProfileFields,
    submit: bool,
    now: i64,
) -> Result<(), sqlx::Error> {
    let state = if submit { "submitted" } else { "editing" };
    let submitted_at = submit.then_some(now);
    let mut tx = db.begin_write().await?;
    let query = sqlx::query(
        "INSERT INTO profile_drafts (user_id, state, display_name, pronouns, profession, grade, specialty, sector, \
         organisation, area, models, forms, topics, modes, languages, bio, capacity, review_comment, updated_at, submitted_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, '', $18, $19) \
         ON CONFLICT (user_id) DO UPDATE SET state = excluded.state, display_name = excluded.display_name, \
         pronouns = excluded.pronouns, profession = excluded.profession, grade = excluded.grade, \
         specialty = excluded.specialty, sector = excluded.sector, organisation = excluded.organisation, \
         area = excluded.area, models = excluded.models, forms = excluded.forms, topics = excluded.topics, \
         modes = excluded.modes, languages = excluded.languages, bio = excluded.bio, capacity = excluded.capacity, \
         review_comment = CASE WHEN excluded.state = 'submitted' THEN '' ELSE profile_drafts.review_comment END, \
         updated_at = excluded.updated_at, submitted_at = excluded.submitted_at",
    )
    .bind(user_id)
    .bind(state);
    bind_fields(query, fields).bind(now).bind(submitted_at).execute(&mut *tx).await?;
    tx.commit().await?;
    Ok(())
}

/// What a review found.
#[derive(Debug, PartialEq, Eq)]
pub enum Review {
    Done,
    /// No draft is waiting: another coordinator got there first, or the
    /// mentor took it back to edit.
    NothingWaiting,
    /// The draft is not complete enough to go live.
    Incomplete(Vec<crate::error::FieldError>),
}

/// Puts a submitted draft live, in one transaction with its email.
pub async fn approve(
    db: &Db,
    mentor_id: i64,
    coordinator_id: i64,
    now: i64,
    link: &str,
) -> Result<Review, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    // Taking the draft is the claim: a second coordinator's transaction
    // waits on this row and then finds nothing to approve.
    let taken = sqlx::query(&format!(
        "DELETE FROM profile_drafts WHERE user_id = $1 AND state = 'submitted' RETURNING {COLUMNS}"
    ))
    .bind(mentor_id)
    .fetch_optional(&mut *tx)
    .await?;
    let Some(draft) = taken.as_ref().map(draft_from).transpose()? else {
        return Ok(Review::NothingWaiting);
    };
    let problems = draft.fields.problems_for_approval();
    if !problems.is_empty() {
        // Dropping the transaction puts the draft back.
        return Ok(Review::Incomplete(problems));
    }
    publish_profile(&mut tx, mentor_id, &draft.fields, Some(coordinator_id), now).await?;
    if let Some(to) = email_of(&mut tx, mentor_id).await? {
        let body = format!(
            "Hello,\n\nA coordinator has approved your mentor profile. It is now what staff see in the \
             Mentorwell directory.\n\nSee your profile: {link}\n"
        );
        enqueue(&mut tx, &Email { to, subject: "Your mentor profile is approved".into(), body }, now).await?;
    }
    tx.commit().await?;
    Ok(Review::Done)
}

/// Sends a submitted draft back to the mentor with a comment.
pub async fn return_to_mentor(
    db: &Db,
    mentor_id: i64,
    comment: &str,
    now: i64,
    link: &str,
) -> Result<Review, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let updated = sqlx::query(
        "UPDATE profile_drafts SET state = 'returned', review_comment = $2, updated_at = $3 \
         WHERE user_id = $1 AND state = 'submitted'",
    )
    .bind(mentor_id)
    .bind(comment)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    if updated.rows_affected() == 0 {
        return Ok(Review::NothingWaiting);
    }
    if let Some(to) = email_of(&mut tx, mentor_id).await? {
        // The comment stays in the app; the email only points to it.
        let body = format!(
            "Hello,\n\nA coordinator has looked at your mentor profile and returned it with a comment. \
             Please read it and send your profile again when ready:\n\n{link}\n"
        );
        enqueue(&mut tx, &Email { to, subject: "Your mentor profile needs a change".into(), body }, now)
            .await?;
    }
    tx.commit().await?;
    Ok(Review::Done)
}

async fn email_of(tx: &mut Tx, user_id: i64) -> Result<Option<String>, sqlx::Error> {
    let row =
        sqlx::query("SELECT email FROM users WHERE id = $1").bind(user_id).fetch_optional(&mut **tx).await?;
    row.map(|r| r.try_get("email")).transpose()
}

/// The mentor's own switch: pause or resume new mentees, no approval
/// needed. False if they have no live profile yet.
pub async fn set_accepting(db: &Db, user_id: i64, accepting: bool) -> Result<bool, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let updated = sqlx::query("UPDATE mentor_profiles SET accepting = $2 WHERE user_id = $1")
        .bind(user_id)
        .bind(i64::from(accepting))
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(updated.rows_affected() > 0)
}
