//! Course runs and their days, and the coordinators' training figures.

use super::super::lists::{CourseKind, RunStatus};
use super::super::places::Gate;
use super::super::run::{DayFields, RunFields};
use crate::db::{Db, Tx};
use sqlx::Row;

/// A run as stored, with its days and how many places are taken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredRun {
    pub id: i64,
    pub kind: CourseKind,
    pub title: String,
    pub venue: String,
    pub online_link: String,
    pub area: String,
    pub facilitators: String,
    pub capacity: i64,
    pub register_by: String,
    pub status: RunStatus,
    pub cancel_reason: String,
    pub days: Vec<DayFields>,
    pub registered: i64,
    pub waiting: i64,
}

const RUN: &str =
    "r.id, r.kind, r.title, r.venue, r.online_link, r.area, r.facilitators, r.capacity, r.register_by, \
    r.status, r.cancel_reason, \
    (SELECT COUNT(*) FROM course_places p WHERE p.run_id = r.id AND p.state = 'registered') AS registered, \
    (SELECT COUNT(*) FROM course_places p WHERE p.run_id = r.id AND p.state = 'waitlisted') AS waiting";

fn kind_of(key: &str) -> CourseKind {
    CourseKind::from_key(key).unwrap_or(CourseKind::Initial)
}

fn status_of(key: &str) -> RunStatus {
    RunStatus::from_key(key).unwrap_or(RunStatus::Closed)
}

async fn runs_where(db: &Db, condition: &str, id: Option<i64>) -> Result<Vec<StoredRun>, sqlx::Error> {
    let sql = format!("SELECT {RUN} FROM course_runs r {condition} ORDER BY r.starts_on, r.id");
    let mut query = sqlx::query(&sql);
    if let Some(id) = id {
        query = query.bind(id);
    }
    let rows = query.fetch_all(db.pool()).await?;
    let days: Vec<(i64, String, String, String)> =
        sqlx::query_as("SELECT run_id, day, starts_at, ends_at FROM course_days ORDER BY run_id, day_number")
            .fetch_all(db.pool())
            .await?;
    rows.iter()
        .map(|r| {
            let id: i64 = r.try_get("id")?;
            Ok(StoredRun {
                id,
                kind: kind_of(&r.try_get::<String, _>("kind")?),
                title: r.try_get("title")?,
                venue: r.try_get("venue")?,
                online_link: r.try_get("online_link")?,
                area: r.try_get("area")?,
                facilitators: r.try_get("facilitators")?,
                capacity: r.try_get("capacity")?,
                register_by: r.try_get("register_by")?,
                status: status_of(&r.try_get::<String, _>("status")?),
                cancel_reason: r.try_get("cancel_reason")?,
                days: days
                    .iter()
                    .filter(|d| d.0 == id)
                    .map(|d| DayFields { day: d.1.clone(), starts_at: d.2.clone(), ends_at: d.3.clone() })
                    .collect(),
                registered: r.try_get("registered")?,
                waiting: r.try_get("waiting")?,
            })
        })
        .collect()
}

/// Every run, first day first.
pub async fn runs(db: &Db) -> Result<Vec<StoredRun>, sqlx::Error> {
    runs_where(db, "", None).await
}

pub async fn run_by_id(db: &Db, id: i64) -> Result<Option<StoredRun>, sqlx::Error> {
    Ok(runs_where(db, "WHERE r.id = $1", Some(id)).await?.into_iter().next())
}

async fn write_days(tx: &mut Tx, id: i64, days: &[DayFields]) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM course_days WHERE run_id = $1").bind(id).execute(&mut **tx).await?;
    for (i, d) in days.iter().enumerate() {
        sqlx::query("INSERT INTO course_days (run_id, day_number, day, starts_at, ends_at) VALUES ($1, $2, $3, $4, $5)")
            .bind(id)
            .bind(i as i64 + 1)
            .bind(&d.day)
            .bind(&d.starts_at)
            .bind(&d.ends_at)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// The columns of a run its form sets, in the order [`bind_run`] binds.
const RUN_FIELDS: &str =
    "kind, title, venue, online_link, area, facilitators, capacity, register_by, starts_on";

/// Binds a run's fields as $1…$9, in the order of [`RUN_FIELDS`].
fn bind_run<'q>(
    query: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>,
    f: &RunFields,
) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>> {
    query
        .bind(f.kind.clone())
        .bind(f.title.trim().to_string())
        .bind(f.venue.trim().to_string())
        .bind(f.online_link.trim().to_string())
        .bind(f.area.clone())
        .bind(f.facilitators.trim().to_string())
        .bind(f.capacity.trim().parse::<i64>().unwrap_or(1))
        .bind(f.register_by.clone())
        .bind(f.days.first().map(|d| d.day.clone()).unwrap_or_default())
}

/// Adds a run (fields already checked). Returns its id.
pub async fn insert_run(tx: &mut Tx, f: &RunFields, status: RunStatus, now: i64) -> Result<i64, sqlx::Error> {
    let sql = format!(
        "INSERT INTO course_runs ({RUN_FIELDS}, status, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id"
    );
    let id: i64 = bind_run(sqlx::query(&sql), f)
        .bind(status.key())
        .bind(now)
        .fetch_one(&mut **tx)
        .await?
        .try_get("id")?;
    write_days(tx, id, &f.days).await?;
    Ok(id)
}

/// Writes a run's new details and days (fields already checked).
pub async fn update_run(tx: &mut Tx, id: i64, f: &RunFields) -> Result<(), sqlx::Error> {
    let sets: Vec<String> =
        RUN_FIELDS.split(", ").enumerate().map(|(i, c)| format!("{c} = ${}", i + 1)).collect();
    let sql = format!("UPDATE course_runs SET {} WHERE id = $10", sets.join(", "));
    bind_run(sqlx::query(&sql), f).bind(id).execute(&mut **tx).await?;
    write_days(tx, id, &f.days).await
}

/// Takes the run's row for this transaction and reads what registration
/// needs. On PostgreSQL that is a row lock; on SQLite the write
/// transaction is already exclusive. So places are counted one arrival
/// at a time and capacity is never exceeded.
pub async fn lock_run(tx: &mut Tx, run_id: i64) -> Result<Option<Gate>, sqlx::Error> {
    let row: Option<(String, String, i64, String)> = sqlx::query_as(
        "UPDATE course_runs SET capacity = capacity WHERE id = $1 RETURNING kind, status, capacity, register_by",
    )
    .bind(run_id)
    .fetch_optional(&mut **tx)
    .await?;
    Ok(row.map(|(kind, status, capacity, register_by)| Gate {
        kind: kind_of(&kind),
        status: status_of(&status),
        capacity,
        register_by,
    }))
}

/// Sets a run's status, and the reason when it is cancelled.
pub async fn set_status(
    tx: &mut Tx,
    run_id: i64,
    status: RunStatus,
    reason: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE course_runs SET status = $2, cancel_reason = $3 WHERE id = $1")
        .bind(run_id)
        .bind(status.key())
        .bind(reason)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Coordinators' training figures on `today`. People trained counts
/// everyone with an accreditation (trained here or elsewhere).
pub async fn figures(db: &Db, today: &str) -> Result<super::super::views::TrainingFigures, sqlx::Error> {
    let soon = crate::dates::add_days(today, 90).unwrap_or_default();
    let (runs_held, people_trained, mentors_current, mentors_lapsed, refreshers_due_90_days): (i64, i64, i64, i64, i64) =
        sqlx::query_as(
            "SELECT (SELECT COUNT(*) FROM course_runs r WHERE r.status <> 'cancelled' AND r.kind = 'initial' \
                     AND (SELECT MAX(d.day) FROM course_days d WHERE d.run_id = r.id) < $1), \
                    (SELECT COUNT(*) FROM accreditations), \
                    (SELECT COUNT(*) FROM accreditations WHERE refresher_due_on >= $1), \
                    (SELECT COUNT(*) FROM accreditations WHERE refresher_due_on < $1), \
                    (SELECT COUNT(*) FROM accreditations WHERE refresher_due_on >= $1 AND refresher_due_on <= $2)",
        )
        .bind(today)
        .bind(&soon)
        .fetch_one(db.pool())
        .await?;
    Ok(super::super::views::TrainingFigures {
        runs_held,
        people_trained,
        mentors_current,
        mentors_lapsed,
        refreshers_due_90_days,
    })
}
