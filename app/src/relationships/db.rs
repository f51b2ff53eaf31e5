//! SQL for mentoring relationships: starting one, reading them, counting
//! who is mentored, and the one place their state changes ([`change`]),
//! which records who did it and refuses a change made from a stale read.
//! Other domains ask here whether a pair is active rather than spelling
//! the state out in their own SQL.

use super::lifecycle::{Actor, EndReason, Event, Refusal, RelationshipState};
use crate::db::Tx;
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

/// The condition, on a `relationships` row called `alias`, that the pair
/// is under way (agreeing or active, see
/// [`RelationshipState::is_under_way`]): for other domains' queries that
/// join relationships. "Active" in this module's names means this.
pub fn active_sql(alias: &str) -> String {
    format!("{alias}.state IN ('agreeing', 'active')")
}

/// What a person is told when they try to change an ended relationship.
pub const ENDED_READ_ONLY: &str =
    "This mentoring relationship has ended, so nothing in it can be changed. It stays here for you to read.";

/// A relationship as stored. Its id is the id of the request it grew from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredRelationship {
    pub id: i64,
    pub mentor_id: i64,
    pub mentee_id: i64,
    pub state: RelationshipState,
    pub version: i64,
    pub started_at: i64,
    pub ended_at: Option<i64>,
    pub end_reason: Option<EndReason>,
}

const COLUMNS: &str = "id, mentor_id, mentee_id, state, version, started_at, ended_at, end_reason";

fn relationship_from(row: &AnyRow) -> Result<StoredRelationship, sqlx::Error> {
    let key: String = row.try_get("state")?;
    let state = RelationshipState::from_db(&key)
        .ok_or_else(|| sqlx::Error::Decode(format!("relationship state {key}").into()))?;
    let reason: Option<String> = row.try_get("end_reason")?;
    Ok(StoredRelationship {
        id: row.try_get("id")?,
        mentor_id: row.try_get("mentor_id")?,
        mentee_id: row.try_get("mentee_id")?,
        state,
        version: row.try_get("version")?,
        started_at: row.try_get("started_at")?,
        ended_at: row.try_get("ended_at")?,
        end_reason: reason.as_deref().and_then(EndReason::from_key),
    })
}

pub async fn by_id(conn: &mut AnyConnection, id: i64) -> Result<Option<StoredRelationship>, sqlx::Error> {
    let row = sqlx::query(&format!("SELECT {COLUMNS} FROM relationships WHERE id = $1"))
        .bind(id)
        .fetch_optional(conn)
        .await?;
    row.as_ref().map(relationship_from).transpose()
}

/// Every relationship a person is in, either side, newest first.
pub async fn of_person(
    conn: &mut AnyConnection,
    user_id: i64,
) -> Result<Vec<StoredRelationship>, sqlx::Error> {
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM relationships WHERE mentor_id = $1 OR mentee_id = $1 ORDER BY started_at DESC, id DESC"
    ))
    .bind(user_id)
    .fetch_all(conn)
    .await?;
    rows.iter().map(relationship_from).collect()
}

/// True when relationship `id` is under way (agreeing or active).
pub async fn is_active(conn: &mut AnyConnection, id: i64) -> Result<bool, sqlx::Error> {
    Ok(by_id(conn, id).await?.is_some_and(|r| r.state.is_under_way()))
}

/// The relationships a mentor has under way, by id (one query, for a list
/// of their requests).
pub async fn under_way_for_mentor(conn: &mut AnyConnection, mentor_id: i64) -> Result<Vec<i64>, sqlx::Error> {
    let rows: Vec<(i64,)> = sqlx::query_as(&format!(
        "SELECT r.id FROM relationships r WHERE r.mentor_id = $1 AND {}",
        active_sql("r")
    ))
    .bind(mentor_id)
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(|(id,)| id).collect())
}

/// How many people the mentor is mentoring now: what their free places
/// are counted against.
pub async fn active_mentees(conn: &mut AnyConnection, mentor_id: i64) -> Result<i64, sqlx::Error> {
    let (count,): (i64,) = sqlx::query_as(&format!(
        "SELECT COUNT(*) FROM relationships r WHERE r.mentor_id = $1 AND {}",
        active_sql("r")
    ))
    .bind(mentor_id)
    .fetch_one(conn)
    .await?;
    Ok(count)
}

/// The same count as a column of a query over `mentor_profiles p`.
pub const ACTIVE_MENTEES: &str = "(SELECT COUNT(*) FROM relationships r WHERE r.mentor_id = p.user_id \
                                  AND r.state IN ('agreeing', 'active')) AS active_mentees";

/// The mentors a mentee has now.
pub async fn active_mentors_of(conn: &mut AnyConnection, mentee_id: i64) -> Result<Vec<i64>, sqlx::Error> {
    sqlx::query_scalar(&format!(
        "SELECT r.mentor_id FROM relationships r WHERE r.mentee_id = $1 AND {} ORDER BY r.id",
        active_sql("r")
    ))
    .bind(mentee_id)
    .fetch_all(conn)
    .await
}

/// The relationships under way where `mentee_id` is the mentee, with each
/// mentor's name.
pub async fn active_mentors_named(
    conn: &mut AnyConnection,
    mentee_id: i64,
) -> Result<Vec<(i64, String)>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT r.id, u.display_name FROM relationships r JOIN users u ON u.id = r.mentor_id \
         WHERE r.mentee_id = $1 AND {} ORDER BY r.id",
        active_sql("r")
    ))
    .bind(mentee_id)
    .fetch_all(conn)
    .await
}

/// Starts the relationship for request `request_id`, which its mentor has
/// just accepted, in the same transaction. It starts agreeing.
pub async fn start(
    tx: &mut Tx,
    request_id: i64,
    mentor_id: i64,
    mentee_id: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO relationships (id, mentor_id, mentee_id, state, version, started_at, updated_at) \
         VALUES ($1, $2, $3, 'agreeing', 0, $4, $4)",
    )
    .bind(request_id)
    .bind(mentor_id)
    .bind(mentee_id)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    let by = ChangedBy { actor: Actor::Mentor, user_id: Some(mentor_id) };
    record_event(tx, request_id, "start", by, "", "", now).await
}

/// Why a change did not happen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotChanged {
    Refused(Refusal),
    /// Someone else changed the relationship since it was read.
    Moved,
}

impl NotChanged {
    pub fn message(&self) -> &'static str {
        match self {
            NotChanged::Refused(refusal) => refusal.message(),
            NotChanged::Moved => {
                "Someone else changed this relationship at the same moment. Please look again."
            }
        }
    }
}

/// Who makes a change, for the history.
#[derive(Debug, Clone, Copy)]
pub struct ChangedBy {
    pub actor: Actor,
    /// `None` for the system.
    pub user_id: Option<i64>,
}

/// Moves `relationship` on by `event` if the rules allow and nobody changed
/// it since it was read, and records the change with `note` (coordinators
/// only).
pub async fn change(
    tx: &mut Tx,
    relationship: &StoredRelationship,
    event: Event,
    by: ChangedBy,
    note: &str,
    now: i64,
) -> Result<Result<RelationshipState, NotChanged>, sqlx::Error> {
    let next = match relationship.state.apply(event, by.actor) {
        Ok(next) => next,
        Err(refusal) => return Ok(Err(NotChanged::Refused(refusal))),
    };
    let reason = match event {
        Event::End { reason } => Some(reason.key()),
        Event::Agreed => None,
    };
    let updated = sqlx::query(
        "UPDATE relationships SET state = $3, version = version + 1, updated_at = $4, \
         ended_at = CASE WHEN $3 = 'ended' THEN $4 ELSE ended_at END, \
         end_reason = CASE WHEN $3 = 'ended' THEN $5 ELSE end_reason END \
         WHERE id = $1 AND version = $2",
    )
    .bind(relationship.id)
    .bind(relationship.version)
    .bind(next.key())
    .bind(now)
    .bind(reason)
    .execute(&mut **tx)
    .await?;
    if updated.rows_affected() != 1 {
        // Judge the event against what it is now, so a second ending
        // hears "already ended", not "moved".
        return Ok(Err(match by_id(tx, relationship.id).await? {
            Some(current) => match current.state.apply(event, by.actor) {
                Err(refusal) => NotChanged::Refused(refusal),
                Ok(_) => NotChanged::Moved,
            },
            None => NotChanged::Moved,
        }));
    }
    record_event(tx, relationship.id, event.key(), by, reason.unwrap_or(""), note, now).await?;
    Ok(Ok(next))
}

pub(super) async fn record_event(
    tx: &mut Tx,
    relationship_id: i64,
    event: &str,
    by: ChangedBy,
    reason: &str,
    note: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO relationship_events (relationship_id, event, actor_id, actor_role, reason, note, at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(relationship_id)
    .bind(event)
    .bind(by.user_id)
    .bind(by.actor.role())
    .bind(reason)
    .bind(note)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// The note left when the relationship ended, for coordinators only.
pub async fn end_note(conn: &mut AnyConnection, id: i64) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT note FROM relationship_events WHERE relationship_id = $1 AND event = 'end'")
        .bind(id)
        .fetch_optional(conn)
        .await
}

/// Who ended it, in what role: (user id, role).
pub async fn ended_by(
    conn: &mut AnyConnection,
    id: i64,
) -> Result<Option<(Option<i64>, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT actor_id, actor_role FROM relationship_events WHERE relationship_id = $1 AND event = 'end'",
    )
    .bind(id)
    .fetch_optional(conn)
    .await
}
