//! A mentor's availability in the database: their rota and booking rules,
//! leave and extra times, and everything slot-finding reads.

use super::super::rota::MAX_ROTA_WEEKS;
use super::super::rules::{clock, clock_end, parse_clock, Rules, Window};
use super::super::slots::{Diary, Exception, Held};
use super::LIVE;
use crate::db::{Db, Tx};
use jiff::civil::Date;
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};
use std::collections::HashMap;

const RULES: &str =
    "SELECT mentor_id, time_zone, session_minutes, buffer_minutes, notice_hours, max_per_week, \
     room, video_link, phone, rota_weeks, rota_starts FROM availability";
const WINDOWS: &str = "SELECT mentor_id, rota_week, weekday, starts_at, ends_at FROM availability_windows";

/// A stored window: mentor, rota week and weekday (from 1), start, end.
type StoredWindow = (i64, i64, i64, String, String);

fn rules_from<'a>(
    row: &AnyRow,
    windows: impl Iterator<Item = &'a StoredWindow>,
) -> Result<Rules, sqlx::Error> {
    let rota_weeks: i64 = row.try_get("rota_weeks")?;
    let mut weeks = vec![vec![Vec::new(); 7]; rota_weeks.clamp(1, MAX_ROTA_WEEKS as i64) as usize];
    for (_, week, weekday, starts, ends) in windows {
        if let (Ok(s), Ok(e), Some(day)) = (
            parse_clock(starts),
            parse_clock(ends),
            weeks.get_mut((week - 1) as usize).and_then(|w| w.get_mut((weekday - 1) as usize)),
        ) {
            // A night is stored with the clock time it ends at the next day.
            day.push(Window { starts: s, ends: if e <= s { e + 1440 } else { e } });
        }
    }
    Ok(Rules {
        weeks,
        rota_starts: row.try_get("rota_starts")?,
        time_zone: row.try_get("time_zone")?,
        session_minutes: row.try_get("session_minutes")?,
        buffer_minutes: row.try_get("buffer_minutes")?,
        notice_hours: row.try_get("notice_hours")?,
        max_per_week: row.try_get("max_per_week")?,
        room: row.try_get("room")?,
        video_link: row.try_get("video_link")?,
        phone: row.try_get("phone")?,
    })
}

pub async fn rules_of(conn: &mut AnyConnection, mentor_id: i64) -> Result<Option<Rules>, sqlx::Error> {
    let Some(row) = sqlx::query(&format!("{RULES} WHERE mentor_id = $1"))
        .bind(mentor_id)
        .fetch_optional(&mut *conn)
        .await?
    else {
        return Ok(None);
    };
    let windows: Vec<StoredWindow> =
        sqlx::query_as(&format!("{WINDOWS} WHERE mentor_id = $1 ORDER BY rota_week, weekday, starts_at"))
            .bind(mentor_id)
            .fetch_all(&mut *conn)
            .await?;
    Ok(Some(rules_from(&row, windows.iter())?))
}

/// The rules of `mentors` (every mentor when `None`), and their leave and
/// extra times ending on or after `from`, in three queries: matching reads
/// them all at once.
pub async fn diaries_of(
    conn: &mut AnyConnection,
    from: Date,
    mentors: Option<&[i64]>,
) -> Result<HashMap<i64, (Rules, Vec<Exception>)>, sqlx::Error> {
    // Ids are numbers, written into the SQL as such.
    let (only, and_only) = match mentors {
        Some(ids) => {
            let list = ids.iter().map(i64::to_string).collect::<Vec<_>>().join(", ");
            (format!(" WHERE mentor_id IN ({list})"), format!(" AND mentor_id IN ({list})"))
        }
        None => (String::new(), String::new()),
    };
    let rows = sqlx::query(&format!("{RULES}{only}")).fetch_all(&mut *conn).await?;
    let windows: Vec<StoredWindow> =
        sqlx::query_as(&format!("{WINDOWS}{only} ORDER BY mentor_id, rota_week, weekday, starts_at"))
            .fetch_all(&mut *conn)
            .await?;
    let mut by_mentor: HashMap<i64, Vec<&StoredWindow>> = HashMap::new();
    for w in &windows {
        by_mentor.entry(w.0).or_default().push(w);
    }
    let mut out = HashMap::with_capacity(rows.len());
    for row in rows {
        let id: i64 = row.try_get("mentor_id")?;
        let rules = rules_from(&row, by_mentor.get(&id).into_iter().flatten().copied())?;
        out.insert(id, (rules, Vec::new()));
    }
    let exceptions = sqlx::query(&format!("{EXCEPTIONS} WHERE last_day >= $1{and_only}"))
        .bind(from.to_string())
        .fetch_all(&mut *conn)
        .await?;
    for r in exceptions {
        let id: i64 = r.try_get("mentor_id")?;
        if let (Some(exception), Some((_, list))) = (exception_from(&r)?, out.get_mut(&id)) {
            list.push(exception);
        }
    }
    Ok(out)
}

/// A mentor's stored free-time summary: (mentor, availability version,
/// the version it was made from, the day it starts, the minutes).
pub type StoredSummary = (i64, i64, i64, String, String);

/// Every mentor's stored summary (or `only` this mentor's).
pub async fn free_summaries(
    conn: &mut AnyConnection,
    only: Option<i64>,
) -> Result<Vec<StoredSummary>, sqlx::Error> {
    let sql = "SELECT mentor_id, version, free_version, free_from, free_minutes FROM availability";
    match only {
        Some(id) => sqlx::query_as(&format!("{sql} WHERE mentor_id = $1")).bind(id).fetch_all(conn).await,
        None => sqlx::query_as(sql).fetch_all(conn).await,
    }
}

/// Keeps a summary made from `version`, unless the rules have changed
/// since it was read.
pub async fn store_free_summary(
    conn: &mut AnyConnection,
    mentor_id: i64,
    version: i64,
    from: &str,
    minutes: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE availability SET free_version = $2, free_from = $3, free_minutes = $4 \
         WHERE mentor_id = $1 AND version = $2",
    )
    .bind(mentor_id)
    .bind(version)
    .bind(from)
    .bind(minutes)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn save_rules(db: &Db, mentor_id: i64, rules: &Rules, now: i64) -> Result<(), sqlx::Error> {
    let mut tx = db.begin_write().await?;
    sqlx::query(
        "INSERT INTO availability (mentor_id, time_zone, session_minutes, buffer_minutes, notice_hours, max_per_week, \
         room, video_link, phone, updated_at, rota_weeks, rota_starts) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) \
         ON CONFLICT (mentor_id) DO UPDATE SET time_zone = excluded.time_zone, \
         session_minutes = excluded.session_minutes, buffer_minutes = excluded.buffer_minutes, \
         notice_hours = excluded.notice_hours, max_per_week = excluded.max_per_week, room = excluded.room, \
         video_link = excluded.video_link, phone = excluded.phone, updated_at = excluded.updated_at, \
         rota_weeks = excluded.rota_weeks, rota_starts = excluded.rota_starts, version = availability.version + 1",
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
    .bind(rules.weeks.len() as i64)
    .bind(&rules.rota_starts)
    .execute(&mut *tx)
    .await?;
    sqlx::query("DELETE FROM availability_windows WHERE mentor_id = $1")
        .bind(mentor_id)
        .execute(&mut *tx)
        .await?;
    for (week, days) in rules.weeks.iter().enumerate() {
        for (i, day) in days.iter().enumerate() {
            for w in day {
                sqlx::query(
                    "INSERT INTO availability_windows (mentor_id, rota_week, weekday, starts_at, ends_at) \
                     VALUES ($1, $2, $3, $4, $5)",
                )
                .bind(mentor_id)
                .bind(week as i64 + 1)
                .bind(i as i64 + 1)
                .bind(clock(w.starts))
                .bind(clock_end(w.ends))
                .execute(&mut *tx)
                .await?;
            }
        }
    }
    tx.commit().await
}

/// A stored exception, as the availability page lists it.
pub struct StoredException {
    pub id: i64,
    pub exception: Exception,
}

const EXCEPTIONS: &str =
    "SELECT id, mentor_id, kind, first_day, last_day, starts_at, ends_at FROM availability_exceptions";

fn exception_from(r: &AnyRow) -> Result<Option<Exception>, sqlx::Error> {
    let (kind, first, last): (String, String, String) =
        (r.try_get("kind")?, r.try_get("first_day")?, r.try_get("last_day")?);
    let (Ok(first), Ok(last)) = (first.parse::<Date>(), last.parse::<Date>()) else { return Ok(None) };
    if kind == "leave" {
        return Ok(Some(Exception::Leave { first, last }));
    }
    let (s, e): (String, String) = (r.try_get("starts_at")?, r.try_get("ends_at")?);
    let (Ok(starts), Ok(ends)) = (parse_clock(&s), parse_clock(&e)) else { return Ok(None) };
    Ok(Some(Exception::Extra { day: first, window: Window { starts, ends } }))
}

/// Exceptions that end on or after `from` (a local date).
pub async fn exceptions_of(
    conn: &mut AnyConnection,
    mentor_id: i64,
    from: Date,
) -> Result<Vec<StoredException>, sqlx::Error> {
    let rows = sqlx::query(&format!(
        "{EXCEPTIONS} WHERE mentor_id = $1 AND last_day >= $2 ORDER BY first_day, starts_at"
    ))
    .bind(mentor_id)
    .bind(from.to_string())
    .fetch_all(&mut *conn)
    .await?;
    let mut out = Vec::new();
    for r in rows {
        if let Some(exception) = exception_from(&r)? {
            out.push(StoredException { id: r.try_get("id")?, exception });
        }
    }
    Ok(out)
}

pub async fn add_exception(db: &Db, mentor_id: i64, exception: &Exception) -> Result<(), sqlx::Error> {
    let (kind, first, last, starts, ends) = match exception {
        Exception::Leave { first, last } => ("leave", *first, *last, String::new(), String::new()),
        Exception::Extra { day, window } => ("extra", *day, *day, clock(window.starts), clock(window.ends)),
    };
    let mut tx = db.begin_write().await?;
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
    .execute(&mut *tx)
    .await?;
    changed(&mut tx, mentor_id).await?;
    tx.commit().await
}

pub async fn remove_exception(db: &Db, mentor_id: i64, id: i64) -> Result<bool, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let done = sqlx::query("DELETE FROM availability_exceptions WHERE id = $1 AND mentor_id = $2")
        .bind(id)
        .bind(mentor_id)
        .execute(&mut *tx)
        .await?;
    changed(&mut tx, mentor_id).await?;
    tx.commit().await?;
    Ok(done.rows_affected() == 1)
}

/// Moves the mentor's availability version on: what was worked out from
/// the old one (the free-time summary) is made again.
async fn changed(tx: &mut Tx, mentor_id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE availability SET version = version + 1 WHERE mentor_id = $1")
        .bind(mentor_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
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
            zone: super::super::slots::zone(&self.rules.time_zone),
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
    let zone = super::super::slots::zone(&rules.time_zone);
    let today = super::super::slots::local(&zone, now).date();
    let from = today.checked_sub(jiff::Span::new().days(1)).unwrap_or(today);
    let exceptions = exceptions_of(conn, mentor_id, from).await?.into_iter().map(|e| e.exception).collect();
    let held = held_of(conn, mentor_id, now, leaving).await?;
    Ok(Some(MentorDiary { rules, exceptions, held }))
}
