//! Places on runs, the waiting list, and attendance.

use super::super::lists::PlaceState;
use super::super::places::Waiting;
use crate::db::{Db, Tx};
use sqlx::Row;

/// One person on a run's register.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlaceRow {
    pub user_id: i64,
    pub name: String,
    pub email: String,
    pub state: PlaceState,
    pub position: i64,
    /// Present on each day, in day order (false until marked).
    pub present: Vec<bool>,
    /// The certificate's code once the course is completed.
    pub completion: Option<String>,
}

fn state_of(key: &str) -> PlaceState {
    PlaceState::from_key(key).unwrap_or(PlaceState::Cancelled)
}

/// Everyone with a place, waiting or cancelled, in order of arrival.
pub async fn places(db: &Db, run_id: i64, days: usize) -> Result<Vec<PlaceRow>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT p.user_id, u.display_name, u.email, p.state, p.position, \
         (SELECT c.verification_code FROM course_completions c WHERE c.run_id = p.run_id AND c.user_id = p.user_id) AS code \
         FROM course_places p JOIN users u ON u.id = p.user_id WHERE p.run_id = $1 ORDER BY p.position",
    )
    .bind(run_id)
    .fetch_all(db.pool())
    .await?;
    let marks: Vec<(i64, i64, i64)> =
        sqlx::query_as("SELECT user_id, day_number, present FROM course_attendance WHERE run_id = $1")
            .bind(run_id)
            .fetch_all(db.pool())
            .await?;
    rows.iter()
        .map(|r| {
            let user_id: i64 = r.try_get("user_id")?;
            Ok(PlaceRow {
                user_id,
                name: r.try_get("display_name")?,
                email: r.try_get("email")?,
                state: state_of(&r.try_get::<String, _>("state")?),
                position: r.try_get("position")?,
                present: (1..=days as i64)
                    .map(|day| marks.iter().any(|m| m.0 == user_id && m.1 == day && m.2 != 0))
                    .collect(),
                completion: r.try_get("code")?,
            })
        })
        .collect()
}

/// Someone's place on one run, if they ever had one.
pub async fn place_state(tx: &mut Tx, run_id: i64, user_id: i64) -> Result<Option<PlaceState>, sqlx::Error> {
    let row: Option<(String,)> =
        sqlx::query_as("SELECT state FROM course_places WHERE run_id = $1 AND user_id = $2")
            .bind(run_id)
            .bind(user_id)
            .fetch_optional(&mut **tx)
            .await?;
    Ok(row.map(|(s,)| state_of(&s)))
}

/// How many are registered and how many wait, on one run.
pub async fn counts(tx: &mut Tx, run_id: i64) -> Result<(i64, i64), sqlx::Error> {
    sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM course_places WHERE run_id = $1 AND state = 'registered'), \
                (SELECT COUNT(*) FROM course_places WHERE run_id = $1 AND state = 'waitlisted')",
    )
    .bind(run_id)
    .fetch_one(&mut **tx)
    .await
}

/// Adds someone at the end of the run's order of arrival, first removing
/// a place they gave up before. Returns their position.
pub async fn join(
    tx: &mut Tx,
    run_id: i64,
    user_id: i64,
    state: PlaceState,
    now: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query("DELETE FROM course_places WHERE run_id = $1 AND user_id = $2")
        .bind(run_id)
        .bind(user_id)
        .execute(&mut **tx)
        .await?;
    let (position,): (i64,) = sqlx::query_as(
        "INSERT INTO course_places (run_id, user_id, state, position, registered_at, changed_at) \
         SELECT $1, $2, $3, COALESCE(MAX(position), 0) + 1, $4, $4 FROM course_places WHERE run_id = $1 RETURNING position",
    )
    .bind(run_id)
    .bind(user_id)
    .bind(state.key())
    .bind(now)
    .fetch_one(&mut **tx)
    .await?;
    Ok(position)
}

/// How many wait ahead of `position`.
pub async fn waiting_ahead(tx: &mut Tx, run_id: i64, position: i64) -> Result<i64, sqlx::Error> {
    let (n,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM course_places WHERE run_id = $1 AND state = 'waitlisted' AND position < $2",
    )
    .bind(run_id)
    .bind(position)
    .fetch_one(&mut **tx)
    .await?;
    Ok(n)
}

/// The waiting list, in any order ([`super::super::places::promoted`] sorts it).
pub async fn waiting_list(tx: &mut Tx, run_id: i64) -> Result<Vec<Waiting>, sqlx::Error> {
    let rows: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT position, user_id FROM course_places WHERE run_id = $1 AND state = 'waitlisted'",
    )
    .bind(run_id)
    .fetch_all(&mut **tx)
    .await?;
    Ok(rows.into_iter().map(|(position, user_id)| Waiting { position, user_id }).collect())
}

/// Moves one place to a new state.
pub async fn set_state(
    tx: &mut Tx,
    run_id: i64,
    user_id: i64,
    state: PlaceState,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE course_places SET state = $3, changed_at = $4 WHERE run_id = $1 AND user_id = $2")
        .bind(run_id)
        .bind(user_id)
        .bind(state.key())
        .bind(now)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Everyone registered or waiting: (email, run title), in order of arrival.
pub async fn people_on(tx: &mut Tx, run_id: i64) -> Result<Vec<(String, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT u.email, r.title FROM course_places p JOIN users u ON u.id = p.user_id JOIN course_runs r ON r.id = p.run_id \
         WHERE p.run_id = $1 AND p.state IN ('registered', 'waitlisted') ORDER BY p.position",
    )
    .bind(run_id)
    .fetch_all(&mut **tx)
    .await
}

/// Cancels every place and waiting-list place on a run.
pub async fn cancel_all(tx: &mut Tx, run_id: i64, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE course_places SET state = 'cancelled', changed_at = $2 WHERE run_id = $1 \
         AND state IN ('registered', 'waitlisted')",
    )
    .bind(run_id)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Someone's email and a run's title, to tell them of a place.
pub async fn email_and_title(
    tx: &mut Tx,
    run_id: i64,
    user_id: i64,
) -> Result<(String, String), sqlx::Error> {
    sqlx::query_as("SELECT u.email, r.title FROM users u JOIN course_runs r ON r.id = $1 WHERE u.id = $2")
        .bind(run_id)
        .bind(user_id)
        .fetch_one(&mut **tx)
        .await
}

/// Marks someone present or absent on one day of a run, with the run's
/// row taken first so a completion reads attendance that stays true.
pub async fn set_attendance(
    db: &Db,
    run_id: i64,
    user_id: i64,
    day: i64,
    present: bool,
    by: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    let mut tx = db.begin_write().await?;
    super::lock_run(&mut tx, run_id).await?;
    sqlx::query(
        "INSERT INTO course_attendance (run_id, user_id, day_number, present, marked_by, marked_at) \
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (run_id, user_id, day_number) \
         DO UPDATE SET present = excluded.present, marked_by = excluded.marked_by, marked_at = excluded.marked_at",
    )
    .bind(run_id)
    .bind(user_id)
    .bind(day)
    .bind(i64::from(present))
    .bind(by)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    tx.commit().await
}

/// Whether someone is a trainee mentor: registered on initial training
/// they have not completed.
pub async fn is_trainee(db: &Db, user_id: i64) -> Result<bool, sqlx::Error> {
    let (n,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM course_places p JOIN course_runs r ON r.id = p.run_id WHERE p.user_id = $1 \
         AND p.state = 'registered' AND r.kind = 'initial' AND r.status <> 'cancelled' AND NOT EXISTS \
         (SELECT 1 FROM course_completions c WHERE c.run_id = p.run_id AND c.user_id = p.user_id)",
    )
    .bind(user_id)
    .fetch_one(db.pool())
    .await?;
    Ok(n > 0)
}

/// Someone's places on runs: (run id, state).
pub async fn places_of(db: &Db, user_id: i64) -> Result<Vec<(i64, PlaceState)>, sqlx::Error> {
    let rows: Vec<(i64, String)> =
        sqlx::query_as("SELECT run_id, state FROM course_places WHERE user_id = $1")
            .bind(user_id)
            .fetch_all(db.pool())
            .await?;
    Ok(rows.into_iter().filter_map(|(id, s)| Some((id, PlaceState::from_key(&s)?))).collect())
}
