//! SQL for outcome questionnaires: who is due to be asked, claiming each
//! invitation once by its key, a person's open invitations, and the one
//! answer to each. Free text goes into `survey_answers.body` and nowhere
//! else: no function here logs what it stores.

use super::questionnaires::{Answer, Point};
use super::schedule::{self, LAPSE_SECONDS};
use crate::db::Tx;
use crate::directory::listing::{listing_status, ListingFacts, ListingStatus};
use sqlx::{AnyConnection, Row};

/// An invitation the sweep should make, if it has not been made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Due {
    pub key: String,
    pub person_id: i64,
    pub relationship_id: Option<i64>,
    pub point: Point,
    pub role: &'static str,
}

/// A row of [`relationship_points`]: id, mentor, mentee, agreed, ended.
type PointsRow = (i64, i64, i64, Option<i64>, Option<i64>);

/// Every relationship point (the agreement made, the end, the follow-up
/// `follow_up_days` after the end) that fell due within the lapse before
/// `now`, for each of the pair.
pub async fn relationship_points(
    conn: &mut AnyConnection,
    now: i64,
    follow_up_days: i64,
) -> Result<Vec<Due>, sqlx::Error> {
    let follow_up = follow_up_days * schedule::DAY;
    // The agreement is made when the relationship moves from agreeing to
    // active: that change writes the one 'agreed' event.
    let rows: Vec<PointsRow> = sqlx::query_as(
        "SELECT r.id, r.mentor_id, r.mentee_id, \
           (SELECT MIN(e.at) FROM relationship_events e WHERE e.relationship_id = r.id AND e.event = 'agreed'), \
           r.ended_at \
         FROM relationships r WHERE r.state = 'active' OR r.ended_at > $1 ORDER BY r.id",
    )
    .bind(now - follow_up - LAPSE_SECONDS)
    .fetch_all(conn)
    .await?;
    let mut due = Vec::new();
    for (id, mentor, mentee, agreed_at, ended_at) in rows {
        let points = [
            (Point::Start, agreed_at),
            (Point::End, ended_at),
            (Point::FollowUp, ended_at.map(|at| at + follow_up)),
        ];
        for (point, at) in points {
            if !at.is_some_and(|at| schedule::worth_asking(at, now)) {
                continue;
            }
            for (role, person_id) in [("mentee", mentee), ("mentor", mentor)] {
                let key = schedule::relationship_key(id, point, role);
                due.push(Due { key, person_id, relationship_id: Some(id), point, role });
            }
        }
    }
    Ok(due)
}

/// A check-in for every listed mentor, once per half-year, asked in the
/// first thirty days of it.
pub async fn check_ins(conn: &mut AnyConnection, today: &str) -> Result<Vec<Due>, sqlx::Error> {
    let half = schedule::half_year_start(today);
    if !schedule::check_in_open(&half, today) {
        return Ok(Vec::new());
    }
    let rows: Vec<(i64, Option<i64>, Option<String>)> = sqlx::query_as(
        "SELECT p.user_id, u.deactivated_at, a.refresher_due_on FROM mentor_profiles p \
         JOIN users u ON u.id = p.user_id LEFT JOIN accreditations a ON a.user_id = p.user_id ORDER BY p.user_id",
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .filter(|(_, deactivated, due)| {
            // A row in mentor_profiles is an approved profile.
            let facts = ListingFacts {
                profile_approved: true,
                account_active: deactivated.is_none(),
                refresher_due_on: due.as_deref(),
            };
            listing_status(&facts, today) == ListingStatus::Listed
        })
        .map(|(person_id, _, _)| Due {
            key: schedule::check_in_key(person_id, &half),
            person_id,
            relationship_id: None,
            point: Point::CheckIn,
            role: "mentor",
        })
        .collect())
}

/// Keys already claimed since `since`, so a sweep skips them without a
/// write. (The claim itself is what guarantees once.)
pub async fn claimed_since(
    conn: &mut AnyConnection,
    since: i64,
) -> Result<std::collections::HashSet<String>, sqlx::Error> {
    let keys: Vec<String> =
        sqlx::query_scalar("SELECT claim_key FROM survey_invitations WHERE created_at >= $1")
            .bind(since)
            .fetch_all(conn)
            .await?;
    Ok(keys.into_iter().collect())
}

/// Makes the invitation `due` unless its key was claimed already or the
/// person said "don't ask me again" (or has left): checked in the same
/// statement, so a choice made a moment ago is honoured. Returns the new
/// invitation's id and the person's address.
pub async fn claim(
    tx: &mut Tx,
    due: &Due,
    questionnaire: &str,
    now: i64,
) -> Result<Option<(i64, String)>, sqlx::Error> {
    let id: Option<i64> = sqlx::query_scalar(
        "INSERT INTO survey_invitations \
           (claim_key, person_id, relationship_id, point, role, questionnaire, created_at, expires_at) \
         SELECT $1, u.id, $3, $4, $5, $6, $7, $8 FROM users u \
         WHERE u.id = $2 AND u.no_surveys = 0 AND u.deactivated_at IS NULL \
         ON CONFLICT DO NOTHING RETURNING id",
    )
    .bind(&due.key)
    .bind(due.person_id)
    .bind(due.relationship_id)
    .bind(due.point.key())
    .bind(due.role)
    .bind(questionnaire)
    .bind(now)
    .bind(now + LAPSE_SECONDS)
    .fetch_optional(&mut **tx)
    .await?;
    let Some(id) = id else { return Ok(None) };
    sqlx::query("UPDATE survey_invitations SET emailed_at = $2 WHERE id = $1")
        .bind(id)
        .bind(now)
        .execute(&mut **tx)
        .await?;
    let email: String = sqlx::query_scalar("SELECT email FROM users WHERE id = $1")
        .bind(due.person_id)
        .fetch_one(&mut **tx)
        .await?;
    Ok(Some((id, email)))
}

/// One invitation as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredInvitation {
    pub id: i64,
    pub person_id: i64,
    pub point: Point,
    pub role: String,
    pub questionnaire: String,
    pub created_at: i64,
    pub expires_at: i64,
    pub answered_at: Option<i64>,
}

const COLUMNS: &str = "id, person_id, point, role, questionnaire, created_at, expires_at, answered_at";

fn invitation_from(row: &sqlx::any::AnyRow) -> Result<StoredInvitation, sqlx::Error> {
    let point: String = row.try_get("point")?;
    Ok(StoredInvitation {
        id: row.try_get("id")?,
        person_id: row.try_get("person_id")?,
        point: Point::from_key(&point).unwrap_or(Point::CheckIn),
        role: row.try_get("role")?,
        questionnaire: row.try_get("questionnaire")?,
        created_at: row.try_get("created_at")?,
        expires_at: row.try_get("expires_at")?,
        answered_at: row.try_get("answered_at")?,
    })
}

/// Invitation `id`, if it is `person_id`'s: anyone else's does not exist
/// for them.
pub async fn invitation_of(
    conn: &mut AnyConnection,
    id: i64,
    person_id: i64,
) -> Result<Option<StoredInvitation>, sqlx::Error> {
    let row =
        sqlx::query(&format!("SELECT {COLUMNS} FROM survey_invitations WHERE id = $1 AND person_id = $2"))
            .bind(id)
            .bind(person_id)
            .fetch_optional(conn)
            .await?;
    row.as_ref().map(invitation_from).transpose()
}

/// `person_id`'s invitations still to answer at `now`, newest first. None
/// once they said "don't ask me again".
pub async fn open_for(
    conn: &mut AnyConnection,
    person_id: i64,
    now: i64,
) -> Result<Vec<StoredInvitation>, sqlx::Error> {
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM survey_invitations WHERE person_id = $1 AND answered_at IS NULL AND expires_at > $2 \
         AND NOT EXISTS (SELECT 1 FROM users u WHERE u.id = $1 AND u.no_surveys = 1) ORDER BY created_at DESC, id DESC"
    ))
    .bind(person_id)
    .bind(now)
    .fetch_all(conn)
    .await?;
    rows.iter().map(invitation_from).collect()
}

/// Why an answer was not stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotAnswered {
    /// No such invitation for this person.
    NotFound,
    AlreadyAnswered,
    Lapsed,
}

/// Stores `answers` to invitation `id` for `person_id` at `now`, once.
/// The invitation is marked answered only where it was still open, in the
/// same transaction as the answers, so of two tabs or twenty clicks one
/// answer is kept and the rest are told it was already sent.
pub async fn answer(
    tx: &mut Tx,
    id: i64,
    person_id: i64,
    answers: &[(&str, Answer)],
    now: i64,
) -> Result<Result<(), NotAnswered>, sqlx::Error> {
    let marked = sqlx::query(
        "UPDATE survey_invitations SET answered_at = $3 \
         WHERE id = $1 AND person_id = $2 AND answered_at IS NULL AND expires_at > $3",
    )
    .bind(id)
    .bind(person_id)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    if marked.rows_affected() != 1 {
        let why = match invitation_of(tx, id, person_id).await? {
            None => NotAnswered::NotFound,
            Some(i) if i.answered_at.is_some() => NotAnswered::AlreadyAnswered,
            Some(_) => NotAnswered::Lapsed,
        };
        return Ok(Err(why));
    }
    for (item, value) in answers {
        let (score, choice, body) = match value {
            Answer::Score(n) => (Some(*n), None, None),
            Answer::Choice(c) => (None, Some(c.to_string()), None),
            Answer::Text(t) => (None, None, Some(t.clone())),
        };
        sqlx::query("INSERT INTO survey_answers (invitation_id, item, score, choice, body) VALUES ($1, $2, $3, $4, $5)")
            .bind(id)
            .bind(*item)
            .bind(score)
            .bind(choice)
            .bind(body)
            .execute(&mut **tx)
            .await?;
    }
    Ok(Ok(()))
}

/// Whether `person_id` said "don't ask me again".
pub async fn no_surveys(conn: &mut AnyConnection, person_id: i64) -> Result<bool, sqlx::Error> {
    let value: Option<i64> = sqlx::query_scalar("SELECT no_surveys FROM users WHERE id = $1")
        .bind(person_id)
        .fetch_optional(conn)
        .await?;
    Ok(value.unwrap_or(0) != 0)
}

/// Records "don't ask me again" (`true`) or asking again (`false`).
pub async fn set_no_surveys(conn: &mut AnyConnection, person_id: i64, off: bool) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE users SET no_surveys = $2 WHERE id = $1")
        .bind(person_id)
        .bind(i64::from(off))
        .execute(conn)
        .await?;
    Ok(())
}
