//! SQL for ending at the agreed end: the length both of the pair last
//! agreed, the day an agreed number of sessions was reached, and the one
//! prompt per agreed end, claimed so two sweeping instances never both
//! send it.

use super::agreement::Length;
use crate::db::Tx;
use sqlx::AnyConnection;

/// A relationship under way whose pair have agreed how long it lasts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WithAgreedEnd {
    pub id: i64,
    pub mentor_id: i64,
    pub mentee_id: i64,
    pub length: Length,
}

fn length_of(sessions: Option<i64>, ends_on: Option<String>) -> Option<Length> {
    match (sessions, ends_on) {
        (Some(n), _) => Some(Length::Sessions(n)),
        (None, Some(date)) => Some(Length::Until(date)),
        (None, None) => None,
    }
}

/// Keeps the length of relationship `id`'s agreement as agreed by both:
/// call once both have agreed its current version.
pub async fn record_agreed(tx: &mut Tx, id: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE relationship_agreements SET agreed_sessions = sessions, agreed_ends_on = ends_on \
         WHERE relationship_id = $1 AND mentee_agreed_version = version AND mentor_agreed_version = version",
    )
    .bind(id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// How long the pair of relationship `id` last agreed together, if they
/// have: never a change only one of them has agreed.
pub async fn agreed_length(conn: &mut AnyConnection, id: i64) -> Result<Option<Length>, sqlx::Error> {
    let row: Option<(Option<i64>, Option<String>)> = sqlx::query_as(
        "SELECT agreed_sessions, agreed_ends_on FROM relationship_agreements WHERE relationship_id = $1",
    )
    .bind(id)
    .fetch_optional(conn)
    .await?;
    Ok(row.and_then(|(sessions, ends_on)| length_of(sessions, ends_on)))
}

/// A row of [`under_way`]: id, mentor, mentee, agreed sessions or end date.
type UnderWayRow = (i64, i64, i64, Option<i64>, Option<String>);

/// Every relationship under way with an agreed length.
pub async fn under_way(conn: &mut AnyConnection) -> Result<Vec<WithAgreedEnd>, sqlx::Error> {
    let rows: Vec<UnderWayRow> = sqlx::query_as(&format!(
        "SELECT r.id, r.mentor_id, r.mentee_id, a.agreed_sessions, a.agreed_ends_on \
         FROM relationships r JOIN relationship_agreements a ON a.relationship_id = r.id \
         WHERE {} AND (a.agreed_sessions IS NOT NULL OR a.agreed_ends_on IS NOT NULL) ORDER BY r.id",
        super::db::active_sql("r")
    ))
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, mentor_id, mentee_id, sessions, ends_on)| {
            Some(WithAgreedEnd { id, mentor_id, mentee_id, length: length_of(sessions, ends_on)? })
        })
        .collect())
}

/// The day (`YYYY-MM-DD`, UTC) the `n`th session of relationship `id` was
/// held, if that many have been.
pub async fn reached_on(conn: &mut AnyConnection, id: i64, n: i64) -> Result<Option<String>, sqlx::Error> {
    let starts: Option<i64> = sqlx::query_scalar(&format!(
        "SELECT starts_at FROM mentoring_sessions WHERE request_id = $1 AND state = {} \
         ORDER BY starts_at, id LIMIT 1 OFFSET $2",
        crate::sessions::state::SessionState::Held.sql()
    ))
    .bind(id)
    .bind(n - 1)
    .fetch_optional(conn)
    .await?;
    Ok(starts.map(crate::dates::date_of))
}

/// The day the agreed time ends for `length`, from the sessions held.
pub async fn ends_on(
    conn: &mut AnyConnection,
    id: i64,
    length: &Length,
) -> Result<Option<String>, sqlx::Error> {
    let reached = match length {
        Length::Sessions(n) => reached_on(conn, id, *n).await?,
        Length::Until(_) => None,
    };
    Ok(super::ending::ends_on(length, reached.as_deref()))
}

/// The prompt to extend or end relationship `id` at `now`, while its
/// agreed end (as both agreed it) calls for one.
pub async fn prompt(
    conn: &mut AnyConnection,
    id: i64,
    now: i64,
    grace_days: i64,
) -> Result<Option<String>, sqlx::Error> {
    use super::ending::{due, prompt_text, Due};
    let Some(length) = agreed_length(conn, id).await? else { return Ok(None) };
    let Some(end) = ends_on(conn, id, &length).await? else { return Ok(None) };
    let today = crate::dates::date_of(now);
    Ok((due(&length, Some(&end), &today, grace_days) != Due::NotYet)
        .then(|| prompt_text(&length, &end, &today, grace_days)))
}

/// Claims the prompt for relationship `id`'s agreed end named `key` (see
/// [`super::ending::key`]). Only one claim per key succeeds, however many
/// instances sweep at once.
pub async fn claim_prompt(tx: &mut Tx, id: i64, key: &str, now: i64) -> Result<bool, sqlx::Error> {
    let inserted = sqlx::query(
        "INSERT INTO relationship_end_prompts (relationship_id, agreed_end, sent_at) VALUES ($1, $2, $3) \
         ON CONFLICT DO NOTHING",
    )
    .bind(id)
    .bind(key)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(inserted.rows_affected() == 1)
}
