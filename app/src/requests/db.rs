//! SQL for mentoring requests: reading and saving them, and the one place
//! their state changes ([`change`]), which records who did it and refuses
//! a change made from a stale read.

use super::form::RequestFields;
use super::lifecycle::{Actor, Event, Refusal, RequestState};
use crate::db::{Db, Tx};
use crate::vocabulary::{join_keys, split_keys};
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

/// A request as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredRequest {
    pub id: i64,
    pub mentee_id: i64,
    pub state: RequestState,
    pub version: i64,
    pub fields: RequestFields,
    pub priority: bool,
    pub created_at: i64,
    pub submitted_at: Option<i64>,
    pub offer_expires_at: Option<i64>,
}

const COLUMNS: &str = "id, mentee_id, state, mentor_id, goal, topics, professions, sectors, areas, modes, forms, \
                       days, times, organisation, outside_own_organisation, named_mentor_id, share_with_mentor, \
                       priority, version, created_at, submitted_at, offer_expires_at";

fn request_from(row: &AnyRow) -> Result<StoredRequest, sqlx::Error> {
    let list =
        |name: &str| -> Result<Vec<String>, sqlx::Error> { Ok(split_keys(&row.try_get::<String, _>(name)?)) };
    let key: String = row.try_get("state")?;
    let state = RequestState::from_db(&key, row.try_get("mentor_id")?)
        .ok_or_else(|| sqlx::Error::Decode(format!("request state {key} without its mentor").into()))?;
    Ok(StoredRequest {
        id: row.try_get("id")?,
        mentee_id: row.try_get("mentee_id")?,
        state,
        version: row.try_get("version")?,
        fields: RequestFields {
            goal: row.try_get("goal")?,
            topics: list("topics")?,
            professions: list("professions")?,
            sectors: list("sectors")?,
            areas: list("areas")?,
            modes: list("modes")?,
            forms: list("forms")?,
            days: list("days")?,
            times: list("times")?,
            organisation: row.try_get("organisation")?,
            outside_own_organisation: row.try_get::<i64, _>("outside_own_organisation")? != 0,
            named_mentor: row.try_get("named_mentor_id")?,
            share_with_mentor: row.try_get::<i64, _>("share_with_mentor")? != 0,
        },
        priority: row.try_get::<i64, _>("priority")? != 0,
        created_at: row.try_get("created_at")?,
        submitted_at: row.try_get("submitted_at")?,
        offer_expires_at: row.try_get("offer_expires_at")?,
    })
}

/// Names a different mentor on a request already sent.
pub async fn set_named_mentor(tx: &mut Tx, id: i64, mentor_id: i64, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE mentoring_requests SET named_mentor_id = $1, updated_at = $2 WHERE id = $3")
        .bind(mentor_id)
        .bind(now)
        .bind(id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

pub async fn by_id(conn: &mut AnyConnection, id: i64) -> Result<Option<StoredRequest>, sqlx::Error> {
    let row = sqlx::query(&format!("SELECT {COLUMNS} FROM mentoring_requests WHERE id = $1"))
        .bind(id)
        .fetch_optional(conn)
        .await?;
    row.as_ref().map(request_from).transpose()
}

/// The mentee's request that is not yet matched or withdrawn, if any.
pub async fn open_request_of(
    conn: &mut AnyConnection,
    mentee_id: i64,
) -> Result<Option<StoredRequest>, sqlx::Error> {
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM mentoring_requests WHERE mentee_id = $1 \
         AND state IN ('draft', 'submitted', 'proposed', 'offered', 'expired')"
    ))
    .bind(mentee_id)
    .fetch_optional(conn)
    .await?;
    row.as_ref().map(request_from).transpose()
}

/// All of a mentee's requests, newest first.
pub async fn requests_of(db: &Db, mentee_id: i64) -> Result<Vec<StoredRequest>, sqlx::Error> {
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM mentoring_requests WHERE mentee_id = $1 ORDER BY created_at DESC, id DESC"
    ))
    .bind(mentee_id)
    .fetch_all(db.pool())
    .await?;
    rows.iter().map(request_from).collect()
}

/// Requests in these states, priority first, then oldest first.
pub async fn in_states(db: &Db, states: &[&str]) -> Result<Vec<StoredRequest>, sqlx::Error> {
    let params = (1..=states.len()).map(|i| format!("${i}")).collect::<Vec<_>>().join(", ");
    let sql = format!(
        "SELECT {COLUMNS} FROM mentoring_requests WHERE state IN ({params}) \
         ORDER BY priority DESC, submitted_at, id"
    );
    let mut query = sqlx::query(&sql);
    for state in states {
        query = query.bind(*state);
    }
    query.fetch_all(db.pool()).await?.iter().map(request_from).collect()
}

/// Requests offered to or matched with a mentor, newest first.
pub async fn for_mentor(db: &Db, mentor_id: i64) -> Result<Vec<StoredRequest>, sqlx::Error> {
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM mentoring_requests WHERE mentor_id = $1 AND state IN ('offered', 'active') \
         ORDER BY updated_at DESC, id DESC"
    ))
    .bind(mentor_id)
    .fetch_all(db.pool())
    .await?;
    rows.iter().map(request_from).collect()
}

/// What saving a draft found.
#[derive(Debug, PartialEq, Eq)]
pub enum Saved {
    Draft(StoredRequest),
    /// The mentee's open request has been sent, so it is not a draft.
    AlreadySent(StoredRequest),
}

/// Saves the mentee's draft: creates it, or updates the one they have.
pub async fn save_draft(
    tx: &mut Tx,
    mentee_id: i64,
    fields: &RequestFields,
    now: i64,
) -> Result<Saved, sqlx::Error> {
    if let Some(open) = open_request_of(tx, mentee_id).await? {
        if open.state != RequestState::Draft {
            return Ok(Saved::AlreadySent(open));
        }
        let updated = bind_fields(
            sqlx::query(
                "UPDATE mentoring_requests SET goal = $2, topics = $3, professions = $4, sectors = $5, areas = $6, \
                 modes = $7, forms = $8, days = $9, times = $10, organisation = $11, outside_own_organisation = $12, \
                 named_mentor_id = $13, share_with_mentor = $14, priority = $15, updated_at = $16, \
                 version = version + 1 WHERE id = $1 AND state = 'draft'",
            )
            .bind(open.id),
            fields,
        )
        .bind(now)
        .execute(&mut **tx)
        .await?;
        // Sent by another tab between the read and this write: a sent
        // request's words are not changed behind the coordinators' backs.
        if updated.rows_affected() == 0 {
            let now_open = by_id(tx, open.id).await?.unwrap_or(open);
            return Ok(Saved::AlreadySent(now_open));
        }
    } else {
        bind_fields(
            sqlx::query(
                "INSERT INTO mentoring_requests (mentee_id, goal, topics, professions, sectors, areas, modes, forms, \
                 days, times, organisation, outside_own_organisation, named_mentor_id, share_with_mentor, priority, \
                 updated_at, created_at, state) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $16, 'draft')",
            )
            .bind(mentee_id),
            fields,
        )
        .bind(now)
        .execute(&mut **tx)
        .await?;
    }
    let saved = open_request_of(tx, mentee_id).await?.ok_or(sqlx::Error::RowNotFound)?;
    Ok(Saved::Draft(saved))
}

/// Binds the fields in form order, then the priority flag.
fn bind_fields<'q>(
    query: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>,
    f: &RequestFields,
) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>> {
    query
        .bind(f.goal.clone())
        .bind(join_keys(&f.topics))
        .bind(join_keys(&f.professions))
        .bind(join_keys(&f.sectors))
        .bind(join_keys(&f.areas))
        .bind(join_keys(&f.modes))
        .bind(join_keys(&f.forms))
        .bind(join_keys(&f.days))
        .bind(join_keys(&f.times))
        .bind(f.organisation.clone())
        .bind(i64::from(f.outside_own_organisation))
        .bind(f.named_mentor)
        .bind(i64::from(f.share_with_mentor))
        .bind(i64::from(f.is_priority()))
}

/// Why a change did not happen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotChanged {
    Refused(Refusal),
    /// Someone else changed the request since it was read.
    Moved,
}

impl NotChanged {
    pub fn message(&self) -> &'static str {
        match self {
            NotChanged::Refused(refusal) => refusal.message(),
            NotChanged::Moved => "Someone else changed this request at the same moment. Please look again.",
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

/// Moves the request to `next` if it is still at `version`. False if
/// someone changed it first.
async fn write_state(
    tx: &mut Tx,
    id: i64,
    version: i64,
    next: RequestState,
    now: i64,
    offer_seconds: i64,
) -> Result<bool, sqlx::Error> {
    let offered = matches!(next, RequestState::Offered { .. });
    let updated = sqlx::query(
        "UPDATE mentoring_requests SET state = $3, mentor_id = $4, version = version + 1, updated_at = $5, \
         submitted_at = CASE WHEN $3 = 'submitted' AND submitted_at IS NULL THEN $5 ELSE submitted_at END, \
         offered_at = CASE WHEN $6 = 1 THEN $5 ELSE offered_at END, \
         offer_expires_at = CASE WHEN $6 = 1 THEN $7 ELSE NULL END, \
         reminder_due_at = CASE WHEN $6 = 1 THEN $8 ELSE NULL END, \
         reminded_at = NULL \
         WHERE id = $1 AND version = $2",
    )
    .bind(id)
    .bind(version)
    .bind(next.key())
    .bind(next.mentor())
    .bind(now)
    .bind(i64::from(offered))
    .bind(now + offer_seconds)
    .bind(now + offer_seconds / 2)
    .execute(&mut **tx)
    .await?;
    Ok(updated.rows_affected() == 1)
}

/// Moves `request` on by `event`, if the rules allow and nobody changed it
/// since it was read, and records the change. `offer_seconds` sets the
/// answer deadline when the event makes an offer.
pub async fn change(
    tx: &mut Tx,
    request: &StoredRequest,
    event: Event,
    by: ChangedBy,
    note: &str,
    now: i64,
    offer_seconds: i64,
) -> Result<Result<RequestState, NotChanged>, sqlx::Error> {
    let next = match request.state.apply(event, by.actor) {
        Ok(next) => next,
        Err(refusal) => return Ok(Err(NotChanged::Refused(refusal))),
    };
    let mut version = request.version;
    // A change that finds the row moved on tries again when only details
    // moved (the mentee saving their draft a moment before), not the state.
    for attempt in 0..3 {
        if write_state(tx, request.id, version, next, now, offer_seconds).await? {
            break;
        }
        match by_id(tx, request.id).await? {
            Some(current)
                if current.state == request.state && current.fields == request.fields && attempt < 2 =>
            {
                version = current.version
            }
            // Judge the event against what it is now, so a double
            // submission hears "already sent", not "moved".
            Some(current) => {
                return Ok(Err(match current.state.apply(event, by.actor) {
                    Err(refusal) => NotChanged::Refused(refusal),
                    Ok(_) => NotChanged::Moved,
                }))
            }
            None => return Ok(Err(NotChanged::Moved)),
        }
    }
    let mentor = match event {
        Event::Propose { mentor_id } | Event::Approve { mentor_id } => Some(mentor_id),
        _ => request.state.mentor(),
    };
    record_event(tx, request.id, event.key(), by, mentor, note, now).await?;
    Ok(Ok(next))
}

pub async fn record_event(
    tx: &mut Tx,
    request_id: i64,
    event: &str,
    by: ChangedBy,
    mentor_id: Option<i64>,
    note: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO request_events (request_id, event, actor_id, actor_role, mentor_id, note, at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(request_id)
    .bind(event)
    .bind(by.user_id)
    .bind(by.actor.role())
    .bind(mentor_id)
    .bind(note)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Mentors who declined this request or let the offer lapse: not
/// suggested again for it.
pub async fn passed_over(conn: &mut AnyConnection, request_id: i64) -> Result<Vec<i64>, sqlx::Error> {
    let rows: Vec<(Option<i64>,)> = sqlx::query_as(
        "SELECT mentor_id FROM request_events WHERE request_id = $1 AND event IN ('decline', 'expire')",
    )
    .bind(request_id)
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().filter_map(|(id,)| id).collect())
}

/// Whether the request was offered to `mentor_id` when its mentee withdrew
/// it (a withdrawal records the mentor it was with).
pub async fn was_offered_when_withdrawn(
    conn: &mut AnyConnection,
    request_id: i64,
    mentor_id: i64,
) -> Result<bool, sqlx::Error> {
    let row: Option<(i64,)> = sqlx::query_as(
        "SELECT id FROM request_events WHERE request_id = $1 AND event = 'withdraw' AND mentor_id = $2",
    )
    .bind(request_id)
    .bind(mentor_id)
    .fetch_optional(conn)
    .await?;
    Ok(row.is_some())
}

/// Takes the mentor's profile row for this transaction, so two answers
/// by one mentor are counted one after the other. Returns their capacity.
pub async fn lock_mentor(tx: &mut Tx, mentor_id: i64) -> Result<Option<i64>, sqlx::Error> {
    let row: Option<(i64,)> = sqlx::query_as(
        "UPDATE mentor_profiles SET capacity = capacity WHERE user_id = $1 RETURNING capacity",
    )
    .bind(mentor_id)
    .fetch_optional(&mut **tx)
    .await?;
    Ok(row.map(|(c,)| c))
}

pub async fn email_of(conn: &mut AnyConnection, user_id: i64) -> Result<Option<String>, sqlx::Error> {
    let row: Option<(String,)> =
        sqlx::query_as("SELECT email FROM users WHERE id = $1").bind(user_id).fetch_optional(conn).await?;
    Ok(row.map(|(e,)| e))
}

pub async fn coordinator_emails(conn: &mut AnyConnection) -> Result<Vec<String>, sqlx::Error> {
    let rows: Vec<(String,)> = sqlx::query_as(
        "SELECT u.email FROM users u JOIN user_roles r ON r.user_id = u.id \
         WHERE r.role = 'coordinator' AND u.deactivated_at IS NULL ORDER BY u.id",
    )
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(|(e,)| e).collect())
}

/// Display names for these people.
pub async fn names(db: &Db, ids: &[i64]) -> Result<Vec<(i64, String)>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(vec![]);
    }
    let params = (1..=ids.len()).map(|i| format!("${i}")).collect::<Vec<_>>().join(", ");
    let sql = format!("SELECT id, display_name FROM users WHERE id IN ({params})");
    let mut query = sqlx::query_as(&sql);
    for id in ids {
        query = query.bind(*id);
    }
    query.fetch_all(db.pool()).await
}
