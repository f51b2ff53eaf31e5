//! SQL for what needs a coordinator's attention: flags the pair raise,
//! relationships gone quiet, and the one nudge per quiet spell.

use super::flags::Flag;
use crate::db::Tx;
use sqlx::{AnyConnection, Row};

/// Raises `flag` on relationship `id`. Raising one already open changes
/// nothing (a second click, or both tabs), and says so with `false`.
pub async fn raise(tx: &mut Tx, id: i64, flag: Flag, user_id: i64, now: i64) -> Result<bool, sqlx::Error> {
    let inserted = sqlx::query(
        "INSERT INTO relationship_flags (relationship_id, kind, raised_by, raised_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT DO NOTHING",
    )
    .bind(id)
    .bind(flag.key())
    .bind(user_id)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(inserted.rows_affected() == 1)
}

/// The open flags on relationship `id`, with when each was raised.
pub async fn open_on(conn: &mut AnyConnection, id: i64) -> Result<Vec<(Flag, i64)>, sqlx::Error> {
    let rows: Vec<(String, i64)> = sqlx::query_as(
        "SELECT kind, raised_at FROM relationship_flags WHERE relationship_id = $1 AND dealt_with_at IS NULL \
         ORDER BY raised_at",
    )
    .bind(id)
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().filter_map(|(kind, at)| Some((Flag::from_key(&kind)?, at))).collect())
}

/// An open flag, for the coordinators' list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WaitingFlag {
    pub id: i64,
    pub relationship_id: i64,
    pub flag: Flag,
    pub raised_at: i64,
    pub mentor_id: i64,
    pub mentee_id: i64,
}

/// Every open flag: concerns first, then the oldest.
pub async fn waiting(conn: &mut AnyConnection) -> Result<Vec<WaitingFlag>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT f.id, f.relationship_id, f.kind, f.raised_at, r.mentor_id, r.mentee_id \
         FROM relationship_flags f JOIN relationships r ON r.id = f.relationship_id \
         WHERE f.dealt_with_at IS NULL ORDER BY f.raised_at, f.id",
    )
    .fetch_all(conn)
    .await?;
    let mut flags = Vec::with_capacity(rows.len());
    for row in &rows {
        let kind: String = row.try_get("kind")?;
        let Some(flag) = Flag::from_key(&kind) else { continue };
        flags.push(WaitingFlag {
            id: row.try_get("id")?,
            relationship_id: row.try_get("relationship_id")?,
            flag,
            raised_at: row.try_get("raised_at")?,
            mentor_id: row.try_get("mentor_id")?,
            mentee_id: row.try_get("mentee_id")?,
        });
    }
    flags.sort_by_key(|f| !f.flag.priority());
    Ok(flags)
}

/// Marks flag `flag_id` dealt with; `false` when it already was.
pub async fn deal_with(tx: &mut Tx, flag_id: i64, user_id: i64, now: i64) -> Result<bool, sqlx::Error> {
    let updated = sqlx::query(
        "UPDATE relationship_flags SET dealt_with_by = $2, dealt_with_at = $3 \
         WHERE id = $1 AND dealt_with_at IS NULL",
    )
    .bind(flag_id)
    .bind(user_id)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(updated.rows_affected() == 1)
}

/// A relationship under way with no session held or booked for a while.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quiet {
    pub id: i64,
    pub mentor_id: i64,
    pub mentee_id: i64,
    pub started_at: i64,
    /// The last sign of life: the start, a booking made, or a session's
    /// time. The spell is named by it.
    pub quiet_since: i64,
    pub last_session: Option<i64>,
}

/// Relationships under way, with nothing booked ahead, whose last sign of
/// life is at least `quiet_seconds` before `now`. Oldest silence first.
pub async fn quiet(
    conn: &mut AnyConnection,
    now: i64,
    quiet_seconds: i64,
) -> Result<Vec<Quiet>, sqlx::Error> {
    // A session still marked booked after its time counts at its time;
    // cancelled ones count only as the booking made.
    let rows = sqlx::query(&format!(
        "SELECT r.id, r.mentor_id, r.mentee_id, r.started_at, \
           (SELECT MAX(s.starts_at) FROM mentoring_sessions s \
              WHERE s.request_id = r.id AND s.state IN {live} AND s.starts_at <= $1) AS last_session, \
           (SELECT MAX(s.created_at) FROM mentoring_sessions s WHERE s.request_id = r.id) AS last_booked \
         FROM relationships r \
         WHERE r.state <> 'ended' AND NOT EXISTS ( \
           SELECT 1 FROM mentoring_sessions s \
           WHERE s.request_id = r.id AND s.state = {booked} AND s.starts_at > $1)",
        live = crate::sessions::state::LIVE_SQL,
        booked = crate::sessions::state::SessionState::Booked.sql(),
    ))
    .bind(now)
    .fetch_all(conn)
    .await?;
    let mut quiet = Vec::new();
    for row in &rows {
        let started_at: i64 = row.try_get("started_at")?;
        let last_session: Option<i64> = row.try_get("last_session")?;
        let last_booked: Option<i64> = row.try_get("last_booked")?;
        let quiet_since =
            [Some(started_at), last_session, last_booked].into_iter().flatten().max().unwrap_or(started_at);
        if now - quiet_since >= quiet_seconds {
            quiet.push(Quiet {
                id: row.try_get("id")?,
                mentor_id: row.try_get("mentor_id")?,
                mentee_id: row.try_get("mentee_id")?,
                started_at,
                quiet_since,
                last_session,
            });
        }
    }
    quiet.sort_by_key(|q| (q.quiet_since, q.id));
    Ok(quiet)
}

/// Claims the nudge for relationship `id`'s quiet spell that began at
/// `quiet_since`. Only one claim per spell succeeds, however many
/// instances sweep at once.
pub async fn claim_nudge(tx: &mut Tx, id: i64, quiet_since: i64, now: i64) -> Result<bool, sqlx::Error> {
    let inserted = sqlx::query(
        "INSERT INTO relationship_nudges (relationship_id, quiet_since, sent_at) VALUES ($1, $2, $3) \
         ON CONFLICT DO NOTHING",
    )
    .bind(id)
    .bind(quiet_since)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(inserted.rows_affected() == 1)
}

/// The email addresses of the pair: (mentor, mentee).
pub async fn emails(
    conn: &mut AnyConnection,
    mentor_id: i64,
    mentee_id: i64,
) -> Result<(String, String), sqlx::Error> {
    let email = "SELECT email FROM users WHERE id = $1";
    let mentor: String = sqlx::query_scalar(email).bind(mentor_id).fetch_one(&mut *conn).await?;
    let mentee: String = sqlx::query_scalar(email).bind(mentee_id).fetch_one(&mut *conn).await?;
    Ok((mentor, mentee))
}
