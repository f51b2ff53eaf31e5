//! Availability and sessions in the database. Every booking change takes
//! the mentor's `availability` row first (`UPDATE … SET version = version`:
//! a row lock on PostgreSQL; SQLite's write transaction is exclusive), then
//! decides against what it reads in that transaction. The blocks'
//! primary key refuses any overlap the code might still let through.

use super::rules::Rules;
use super::slots::blocks;
use crate::db::{is_unique_violation, Db, Tx};
use crate::relationships::db::active_sql;
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};
use std::collections::HashMap;

use super::state::{SessionState, LIVE_SQL as LIVE, RECORDABLE_SQL};

mod availability;
mod feeds;

pub use availability::*;
pub use feeds::*;

// Stored states as SQL literals, spelled once in [`SessionState`].
const BOOKED: &str = SessionState::Booked.sql();
const CANCELLED: &str = SessionState::Cancelled.sql();
const HELD: &str = SessionState::Held.sql();

/// A relationship as booking sees it (its id is the request it grew from).
#[derive(Debug, Clone)]
pub struct Pair {
    pub request_id: i64,
    pub mentor_id: i64,
    pub mentee_id: i64,
    pub mentor_name: String,
    pub mentee_name: String,
    pub mentor_email: String,
    pub mentee_email: String,
    pub mentor_zone: String,
    pub mentee_zone: String,
    /// Whether each chose descriptive titles for session emails and
    /// calendar entries (see `titles`).
    pub mentor_descriptive: bool,
    pub mentee_descriptive: bool,
}

const PAIR: &str = "SELECT r.id, r.mentor_id, r.mentee_id, m.display_name AS mentor_name, \
     e.display_name AS mentee_name, m.email AS mentor_email, e.email AS mentee_email, \
     m.time_zone AS mentor_zone, e.time_zone AS mentee_zone, \
     m.descriptive_titles AS mentor_descriptive, e.descriptive_titles AS mentee_descriptive \
     FROM relationships r JOIN users m ON m.id = r.mentor_id JOIN users e ON e.id = r.mentee_id";

fn pair(r: &AnyRow) -> Result<Pair, sqlx::Error> {
    Ok(Pair {
        request_id: r.try_get("id")?,
        mentor_id: r.try_get("mentor_id")?,
        mentee_id: r.try_get("mentee_id")?,
        mentor_name: r.try_get("mentor_name")?,
        mentee_name: r.try_get("mentee_name")?,
        mentor_email: r.try_get("mentor_email")?,
        mentee_email: r.try_get("mentee_email")?,
        mentor_zone: r.try_get("mentor_zone")?,
        mentee_zone: r.try_get("mentee_zone")?,
        mentor_descriptive: r.try_get::<i64, _>("mentor_descriptive")? != 0,
        mentee_descriptive: r.try_get::<i64, _>("mentee_descriptive")? != 0,
    })
}

/// The active relationships a person is in, either side.
pub async fn pairs_of(conn: &mut AnyConnection, user_id: i64) -> Result<Vec<Pair>, sqlx::Error> {
    let rows = sqlx::query(&format!(
        "{PAIR} WHERE {} AND (r.mentee_id = $1 OR r.mentor_id = $1) ORDER BY r.id",
        active_sql("r")
    ))
    .bind(user_id)
    .fetch_all(&mut *conn)
    .await?;
    rows.iter().map(pair).collect()
}

/// Sessions held so far in each of `user_id`'s relationships under way,
/// by relationship: one query for the whole sessions page.
pub async fn held_by_pair(conn: &mut AnyConnection, user_id: i64) -> Result<HashMap<i64, i64>, sqlx::Error> {
    let rows: Vec<(i64, i64)> = sqlx::query_as(&format!(
        "SELECT s.request_id, COUNT(*) FROM mentoring_sessions s JOIN relationships r ON r.id = s.request_id \
         WHERE s.state = {HELD} AND {} AND (r.mentee_id = $1 OR r.mentor_id = $1) GROUP BY s.request_id",
        active_sql("r")
    ))
    .bind(user_id)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows.into_iter().collect())
}

/// A relationship whatever its state: past sessions stay in feeds.
pub async fn any_pair(conn: &mut AnyConnection, request_id: i64) -> Result<Option<Pair>, sqlx::Error> {
    let row =
        sqlx::query(&format!("{PAIR} WHERE r.id = $1")).bind(request_id).fetch_optional(&mut *conn).await?;
    row.as_ref().map(pair).transpose()
}

pub async fn active_pair(conn: &mut AnyConnection, request_id: i64) -> Result<Option<Pair>, sqlx::Error> {
    let row = sqlx::query(&format!("{PAIR} WHERE r.id = $1 AND {}", active_sql("r")))
        .bind(request_id)
        .fetch_optional(&mut *conn)
        .await?;
    row.as_ref().map(pair).transpose()
}

/// A stored session.
#[derive(Debug, Clone)]
pub struct Session {
    pub id: i64,
    pub uid: String,
    pub request_id: i64,
    pub mentor_id: i64,
    pub mentee_id: i64,
    pub starts: i64,
    pub ends: i64,
    pub location: String,
    pub agenda: String,
    pub state: SessionState,
    pub sequence: i64,
    pub cancel_reason: String,
    pub cancelled_by: Option<i64>,
    pub cancelled_at: Option<i64>,
}

const SESSION: &str =
    "SELECT id, uid, request_id, mentor_id, mentee_id, starts_at, ends_at, location, agenda, \
     state, sequence, cancel_reason, cancelled_by, cancelled_at FROM mentoring_sessions";

fn session(r: &AnyRow) -> Result<Session, sqlx::Error> {
    Ok(Session {
        id: r.try_get("id")?,
        uid: r.try_get("uid")?,
        request_id: r.try_get("request_id")?,
        mentor_id: r.try_get("mentor_id")?,
        mentee_id: r.try_get("mentee_id")?,
        starts: r.try_get("starts_at")?,
        ends: r.try_get("ends_at")?,
        location: r.try_get("location")?,
        agenda: r.try_get("agenda")?,
        state: {
            let key: String = r.try_get("state")?;
            SessionState::from_db(&key)
                .ok_or_else(|| sqlx::Error::Decode(format!("session state {key}").into()))?
        },
        sequence: r.try_get("sequence")?,
        cancel_reason: r.try_get("cancel_reason")?,
        cancelled_by: r.try_get("cancelled_by")?,
        cancelled_at: r.try_get("cancelled_at")?,
    })
}

pub async fn session_by_id(conn: &mut AnyConnection, id: i64) -> Result<Option<Session>, sqlx::Error> {
    let row = sqlx::query(&format!("{SESSION} WHERE id = $1")).bind(id).fetch_optional(&mut *conn).await?;
    row.as_ref().map(session).transpose()
}

/// A person's sessions, oldest first, with each relationship they belong
/// to and its mentor's rules (for where they meet), read once per
/// relationship.
pub async fn sessions_with_pairs(
    conn: &mut AnyConnection,
    user_id: i64,
) -> Result<(Vec<Session>, HashMap<i64, (Pair, Option<Rules>)>), sqlx::Error> {
    let sessions = sessions_of(conn, user_id).await?;
    let mut pairs = HashMap::new();
    for s in &sessions {
        if pairs.contains_key(&s.request_id) {
            continue;
        }
        if let Some(pair) = any_pair(conn, s.request_id).await? {
            let rules = rules_of(conn, pair.mentor_id).await?;
            pairs.insert(s.request_id, (pair, rules));
        }
    }
    Ok((sessions, pairs))
}

/// A person's sessions, either side, oldest first.
pub async fn sessions_of(conn: &mut AnyConnection, user_id: i64) -> Result<Vec<Session>, sqlx::Error> {
    let rows =
        sqlx::query(&format!("{SESSION} WHERE mentor_id = $1 OR mentee_id = $1 ORDER BY starts_at, id"))
            .bind(user_id)
            .fetch_all(&mut *conn)
            .await?;
    rows.iter().map(session).collect()
}

/// Holds the session's blocks. False when any is taken already.
async fn hold(
    tx: &mut Tx,
    mentor_id: i64,
    session_id: i64,
    starts: i64,
    until: i64,
) -> Result<bool, sqlx::Error> {
    for block in blocks(starts, until) {
        // DO NOTHING rather than an error: on PostgreSQL an error would
        // abort the transaction before we could answer. Another writer's
        // uncommitted block makes this wait, then count as taken.
        let done = sqlx::query(
            "INSERT INTO session_blocks (mentor_id, block, session_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
        )
        .bind(mentor_id)
        .bind(block)
        .bind(session_id)
        .execute(&mut **tx)
        .await;
        match done {
            Ok(r) if r.rows_affected() == 1 => {}
            Ok(_) => return Ok(false),
            Err(e) if is_unique_violation(&e) => return Ok(false),
            Err(e) => return Err(e),
        }
    }
    Ok(true)
}

async fn release(tx: &mut Tx, session_id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM session_blocks WHERE session_id = $1")
        .bind(session_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// When a session is and how long it holds its mentor's time.
#[derive(Debug, Clone, Copy)]
pub struct Times {
    pub starts: i64,
    pub ends: i64,
    /// The end of the break after it.
    pub holds_until: i64,
}

/// A new session in `tx`, which has locked the mentor and checked the
/// slot. `None` (and nothing kept once the caller rolls back) when its
/// time is already held.
pub async fn insert_session(
    tx: &mut Tx,
    p: &Pair,
    uid: &str,
    t: Times,
    location: &str,
    agenda: &str,
    now: i64,
) -> Result<Option<i64>, sqlx::Error> {
    let id: i64 = sqlx::query_scalar(&format!(
        "INSERT INTO mentoring_sessions (uid, request_id, mentor_id, mentee_id, starts_at, ends_at, holds_until, \
         location, agenda, state, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, {BOOKED}, $10, $10) RETURNING id"
    ))
    .bind(uid)
    .bind(p.request_id)
    .bind(p.mentor_id)
    .bind(p.mentee_id)
    .bind(t.starts)
    .bind(t.ends)
    .bind(t.holds_until)
    .bind(location)
    .bind(agenda)
    .bind(now)
    .fetch_one(&mut **tx)
    .await?;
    Ok(hold(tx, p.mentor_id, id, t.starts, t.holds_until).await?.then_some(id))
}

/// Moves a booked session; the uid stays, the sequence grows. False when
/// the new time is already held.
pub async fn move_session(tx: &mut Tx, s: &Session, t: Times, now: i64) -> Result<bool, sqlx::Error> {
    release(tx, s.id).await?;
    sqlx::query(
        "UPDATE mentoring_sessions SET starts_at = $1, ends_at = $2, holds_until = $3, sequence = sequence + 1, \
         reminded_at = NULL, updated_at = $4 WHERE id = $5",
    )
    .bind(t.starts)
    .bind(t.ends)
    .bind(t.holds_until)
    .bind(now)
    .bind(s.id)
    .execute(&mut **tx)
    .await?;
    hold(tx, s.mentor_id, s.id, t.starts, t.holds_until).await
}

/// Cancels session `id`; `by` is `None` when the service cancelled it
/// (the relationship's agreed time was up).
pub async fn cancel_session(
    tx: &mut Tx,
    id: i64,
    by: Option<i64>,
    reason: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    release(tx, id).await?;
    sqlx::query(&format!(
        "UPDATE mentoring_sessions SET state = {CANCELLED}, cancel_reason = $1, cancelled_by = $2, \
         sequence = sequence + 1, updated_at = $3, cancelled_at = $3 WHERE id = $4"
    ))
    .bind(reason)
    .bind(by)
    .bind(now)
    .bind(id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Booked sessions of relationship `request_id` starting after `now`.
pub async fn upcoming_booked(
    conn: &mut AnyConnection,
    request_id: i64,
    now: i64,
) -> Result<Vec<i64>, sqlx::Error> {
    sqlx::query_scalar(&format!(
        "SELECT id FROM mentoring_sessions WHERE request_id = $1 AND state = {BOOKED} AND starts_at > $2 \
         ORDER BY starts_at"
    ))
    .bind(request_id)
    .bind(now)
    .fetch_all(conn)
    .await
}

/// Records `outcome` (held or no-show) once the session began; only from
/// the states [`SessionState::apply`] lets a mentor record from, checked
/// again here so a cancellation landing first wins. False when refused.
pub async fn mark(db: &Db, id: i64, outcome: SessionState, now: i64) -> Result<bool, sqlx::Error> {
    if !matches!(outcome, SessionState::Held | SessionState::NoShow) {
        return Ok(false);
    }
    let done = sqlx::query(&format!(
        "UPDATE mentoring_sessions SET state = $1, updated_at = $2 \
         WHERE id = $3 AND state IN {RECORDABLE_SQL} AND starts_at <= $2"
    ))
    .bind(outcome.key())
    .bind(now)
    .bind(id)
    .execute(db.pool())
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Sessions held and still booked in one relationship, for coordinators:
/// counts only.
pub async fn counts_of(db: &Db, request_id: i64) -> Result<(i64, i64), sqlx::Error> {
    let (held, booked): (Option<i64>, Option<i64>) = sqlx::query_as(&format!(
        "SELECT SUM(CASE WHEN state = {HELD} THEN 1 ELSE 0 END), SUM(CASE WHEN state = {BOOKED} THEN 1 ELSE 0 END) \
         FROM mentoring_sessions WHERE request_id = $1"
    ))
    .bind(request_id)
    .fetch_one(db.pool())
    .await?;
    Ok((held.unwrap_or(0), booked.unwrap_or(0)))
}
