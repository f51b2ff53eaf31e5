//! Availability and sessions in the database. Every booking change takes
//! the mentor's `availability` row first (`UPDATE … SET version = version`:
//! a row lock on PostgreSQL; SQLite's write transaction is exclusive), then
//! decides against what it reads in that transaction. The blocks'
//! primary key refuses any overlap the code might still let through.

use super::rules::{Rules, Window};
use super::slots::{blocks, Diary, Exception, Held};
use crate::db::{is_unique_violation, Db, Tx};
use crate::relationships::db::active_sql;
use jiff::civil::Date;
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};
use std::collections::HashMap;

use super::state::{SessionState, LIVE_SQL as LIVE, RECORDABLE_SQL};

// Stored states as SQL literals, spelled once in [`SessionState`].
const BOOKED: &str = SessionState::Booked.sql();
const CANCELLED: &str = SessionState::Cancelled.sql();
const HELD: &str = SessionState::Held.sql();

pub async fn rules_of(conn: &mut AnyConnection, mentor_id: i64) -> Result<Option<Rules>, sqlx::Error> {
    let Some(row) = sqlx::query(
        "SELECT time_zone, session_minutes, buffer_minutes, notice_hours, max_per_week, room, video_link, phone \
         FROM availability WHERE mentor_id = $1",
    )
    .bind(mentor_id)
    .fetch_optional(&mut *conn)
    .await?
    else {
        return Ok(None);
    };
    let windows: Vec<(i64, String, String)> = sqlx::query_as(
        "SELECT weekday, starts_at, ends_at FROM availability_windows WHERE mentor_id = $1 ORDER BY weekday, starts_at",
    )
    .bind(mentor_id)
    .fetch_all(&mut *conn)
    .await?;
    let mut weekly = vec![Vec::new(); 7];
    for (weekday, starts, ends) in windows {
        if let (Ok(s), Ok(e), Some(day)) = (
            super::rules::parse_clock(&starts),
            super::rules::parse_clock(&ends),
            weekly.get_mut((weekday - 1) as usize),
        ) {
            day.push(Window { starts: s, ends: e });
        }
    }
    Ok(Some(Rules {
        weekly,
        time_zone: row.try_get("time_zone")?,
        session_minutes: row.try_get("session_minutes")?,
        buffer_minutes: row.try_get("buffer_minutes")?,
        notice_hours: row.try_get("notice_hours")?,
        max_per_week: row.try_get("max_per_week")?,
        room: row.try_get("room")?,
        video_link: row.try_get("video_link")?,
        phone: row.try_get("phone")?,
    }))
}

pub async fn save_rules(db: &Db, mentor_id: i64, rules: &Rules, now: i64) -> Result<(), sqlx::Error> {
    let mut tx = db.begin_write().await?;
    sqlx::query(
        "INSERT INTO availability (mentor_id, time_zone, session_minutes, buffer_minutes, notice_hours, max_per_week, \
         room, video_link, phone, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) \
         ON CONFLICT (mentor_id) DO UPDATE SET time_zone = excluded.time_zone, \
         session_minutes = excluded.session_minutes, buffer_minutes = excluded.buffer_minutes, \
         notice_hours = excluded.notice_hours, max_per_week = excluded.max_per_week, room = excluded.room, \
         video_link = excluded.video_link, phone = excluded.phone, updated_at = excluded.updated_at, \
         version = availability.version + 1",
    )
    .bind(mentor_id)
    .bind(&rules.time_zone)
    .bind(rules.session_minutes)
    .bind(rules.buffer_minutes)
    .bind(rules.notice_hours)
    .bind(rules.max_per_week)
    .bind(&rules.room)
    .bind(&rules.video_link)
    .bind(&rules.phone)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    sqlx::query("DELETE FROM availability_windows WHERE mentor_id = $1")
        .bind(mentor_id)
        .execute(&mut *tx)
        .await?;
    for (i, day) in rules.weekly.iter().enumerate() {
        for w in day {
            sqlx::query("INSERT INTO availability_windows (mentor_id, weekday, starts_at, ends_at) VALUES ($1, $2, $3, $4)")
                .bind(mentor_id)
                .bind(i as i64 + 1)
                .bind(super::rules::clock(w.starts))
                .bind(super::rules::clock(w.ends))
                .execute(&mut *tx)
                .await?;
        }
    }
    tx.commit().await
}

/// A stored exception, as the availability page lists it.
pub struct StoredException {
    pub id: i64,
    pub exception: Exception,
}

/// Exceptions that end on or after `from` (a local date).
pub async fn exceptions_of(
    conn: &mut AnyConnection,
    mentor_id: i64,
    from: Date,
) -> Result<Vec<StoredException>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT id, kind, first_day, last_day, starts_at, ends_at FROM availability_exceptions \
         WHERE mentor_id = $1 AND last_day >= $2 ORDER BY first_day, starts_at",
    )
    .bind(mentor_id)
    .bind(from.to_string())
    .fetch_all(&mut *conn)
    .await?;
    let mut out = Vec::new();
    for r in rows {
        let (kind, first, last): (String, String, String) =
            (r.try_get("kind")?, r.try_get("first_day")?, r.try_get("last_day")?);
        let (Ok(first), Ok(last)) = (first.parse::<Date>(), last.parse::<Date>()) else { continue };
        let exception = if kind == "leave" {
            Exception::Leave { first, last }
        } else {
            let (s, e): (String, String) = (r.try_get("starts_at")?, r.try_get("ends_at")?);
            let (Ok(starts), Ok(ends)) = (super::rules::parse_clock(&s), super::rules::parse_clock(&e))
            else {
                continue;
            };
            Exception::Extra { day: first, window: Window { starts, ends } }
        };
        out.push(StoredException { id: r.try_get("id")?, exception });
    }
    Ok(out)
}

pub async fn add_exception(db: &Db, mentor_id: i64, exception: &Exception) -> Result<(), sqlx::Error> {
    let (kind, first, last, starts, ends) = match exception {
        Exception::Leave { first, last } => ("leave", *first, *last, String::new(), String::new()),
        Exception::Extra { day, window } => {
            ("extra", *day, *day, super::rules::clock(window.starts), super::rules::clock(window.ends))
        }
    };
    sqlx::query(
        "INSERT INTO availability_exceptions (mentor_id, kind, first_day, last_day, starts_at, ends_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(mentor_id)
    .bind(kind)
    .bind(first.to_string())
    .bind(last.to_string())
    .bind(starts)
    .bind(ends)
    .execute(db.pool())
    .await?;
    Ok(())
}

pub async fn remove_exception(db: &Db, mentor_id: i64, id: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("DELETE FROM availability_exceptions WHERE id = $1 AND mentor_id = $2")
        .bind(id)
        .bind(mentor_id)
        .execute(db.pool())
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Live sessions of a mentor from `from` on (a week earlier than any day
/// asked about, so weekly counts are whole), except `leaving` (the session
/// being moved).
pub async fn held_of(
    conn: &mut AnyConnection,
    mentor_id: i64,
    from: i64,
    leaving: i64,
) -> Result<Vec<Held>, sqlx::Error> {
    let rows: Vec<(i64, i64)> = sqlx::query_as(&format!(
        "SELECT starts_at, holds_until FROM mentoring_sessions \
         WHERE mentor_id = $1 AND state IN {LIVE} AND holds_until > $2 AND id <> $3 ORDER BY starts_at"
    ))
    .bind(mentor_id)
    .bind(from - 8 * 86_400)
    .bind(leaving)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows.into_iter().map(|(starts, until)| Held { starts, until }).collect())
}

/// Takes the mentor's row for the rest of the transaction: bookings for
/// one mentor are decided one at a time. `None` when they have no rules.
pub async fn lock_mentor(tx: &mut Tx, mentor_id: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("UPDATE availability SET version = version WHERE mentor_id = $1")
        .bind(mentor_id)
        .execute(&mut **tx)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Everything slot-finding needs, read inside `conn`.
pub struct MentorDiary {
    pub rules: Rules,
    pub exceptions: Vec<Exception>,
    pub held: Vec<Held>,
}

impl MentorDiary {
    pub fn diary(&self) -> Diary<'_> {
        Diary {
            rules: &self.rules,
            zone: super::slots::zone(&self.rules.time_zone),
            exceptions: &self.exceptions,
            held: &self.held,
        }
    }
}

pub async fn diary_of(
    conn: &mut AnyConnection,
    mentor_id: i64,
    now: i64,
    leaving: i64,
) -> Result<Option<MentorDiary>, sqlx::Error> {
    let Some(rules) = rules_of(conn, mentor_id).await? else { return Ok(None) };
    let zone = super::slots::zone(&rules.time_zone);
    let today = super::slots::local(&zone, now).date();
    let from = today.checked_sub(jiff::Span::new().days(1)).unwrap_or(today);
    let exceptions = exceptions_of(conn, mentor_id, from).await?.into_iter().map(|e| e.exception).collect();
    let held = held_of(conn, mentor_id, now, leaving).await?;
    Ok(Some(MentorDiary { rules, exceptions, held }))
}

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

// ---- calendar feeds ----

pub async fn set_feed(db: &Db, user_id: i64, token_hash: &str, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO calendar_feeds (user_id, token_hash, created_at) VALUES ($1, $2, $3) \
         ON CONFLICT (user_id) DO UPDATE SET token_hash = excluded.token_hash, created_at = excluded.created_at",
    )
    .bind(user_id)
    .bind(token_hash)
    .bind(now)
    .execute(db.pool())
    .await?;
    Ok(())
}

pub async fn revoke_feed(db: &Db, user_id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM calendar_feeds WHERE user_id = $1").bind(user_id).execute(db.pool()).await?;
    Ok(())
}

/// When the person's feed link was made, if they have one.
pub async fn feed_made(db: &Db, user_id: i64) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT created_at FROM calendar_feeds WHERE user_id = $1")
        .bind(user_id)
        .fetch_optional(db.pool())
        .await
}

pub async fn feed_owner(db: &Db, token_hash: &str) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT user_id FROM calendar_feeds WHERE token_hash = $1")
        .bind(token_hash)
        .fetch_optional(db.pool())
        .await
}

/// Booked sessions starting within `within` seconds of `now` not yet
/// reminded. Each is then claimed by [`claim_reminder`].
pub async fn due_reminders(db: &Db, now: i64, within: i64) -> Result<Vec<i64>, sqlx::Error> {
    let due: Vec<i64> = sqlx::query_scalar(&format!(
        "SELECT id FROM mentoring_sessions WHERE state = {BOOKED} AND reminded_at IS NULL \
         AND starts_at > $1 AND starts_at <= $2"
    ))
    .bind(now)
    .bind(now + within)
    .fetch_all(db.pool())
    .await?;
    Ok(due)
}

pub async fn claim_reminder(tx: &mut Tx, id: i64, now: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(&format!(
        "UPDATE mentoring_sessions SET reminded_at = $1 WHERE id = $2 AND reminded_at IS NULL AND state = {BOOKED}"
    ))
    .bind(now)
    .bind(id)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The zone a person reads times in.
pub async fn zone_of(conn: &mut AnyConnection, user_id: i64) -> Result<String, sqlx::Error> {
    let zone: Option<String> = sqlx::query_scalar("SELECT time_zone FROM users WHERE id = $1")
        .bind(user_id)
        .fetch_optional(&mut *conn)
        .await?;
    Ok(zone.unwrap_or_else(|| "Europe/London".into()))
}

pub async fn set_zone(db: &Db, user_id: i64, zone: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE users SET time_zone = $1 WHERE id = $2")
        .bind(zone)
        .bind(user_id)
        .execute(db.pool())
        .await?;
    Ok(())
}
