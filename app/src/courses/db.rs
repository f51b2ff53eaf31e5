//! SQL for courses. Taking a place, giving one up and completing a course
//! each run in one write transaction that first takes the run's row
//! (`UPDATE … RETURNING`): on PostgreSQL that is a row lock, on SQLite the
//! transaction is already exclusive. So places are counted one arrival at
//! a time and capacity is never exceeded.

use super::lists::{CourseKind, PlaceState, RunStatus, INITIAL_MODELS};
use super::run::{DayFields, RunFields};
use crate::accounts::Role;
use crate::db::{Db, Tx};
use crate::email::{enqueue, Email};
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

/// Why a change to a place was refused, in words for the person.
pub type Refusal = String;

const RUN: &str =
    "r.id, r.kind, r.title, r.venue, r.online_link, r.area, r.facilitators, r.capacity, r.register_by, \
    r.status, r.cancel_reason, \
    (SELECT COUNT(*) FROM course_places p WHERE p.run_id = r.id AND p.state = 'registered') AS registered, \
    (SELECT COUNT(*) FROM course_places p WHERE p.run_id = r.id AND p.state = 'waitlisted') AS waiting";

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
                kind: CourseKind::from_key(&r.try_get::<String, _>("kind")?).unwrap_or(CourseKind::Initial),
                title: r.try_get("title")?,
                venue: r.try_get("venue")?,
                online_link: r.try_get("online_link")?,
                area: r.try_get("area")?,
                facilitators: r.try_get("facilitators")?,
                capacity: r.try_get("capacity")?,
                register_by: r.try_get("register_by")?,
                status: RunStatus::from_key(&r.try_get::<String, _>("status")?).unwrap_or(RunStatus::Closed),
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

/// Takes the run's row for this transaction; its capacity, status and
/// registration deadline.
async fn lock_run(tx: &mut Tx, run_id: i64) -> Result<Option<(i64, String, String)>, sqlx::Error> {
    sqlx::query_as(
        "UPDATE course_runs SET capacity = capacity WHERE id = $1 RETURNING capacity, status, register_by",
    )
    .bind(run_id)
    .fetch_optional(&mut **tx)
    .await
}

async fn count_registered(tx: &mut Tx, run_id: i64) -> Result<i64, sqlx::Error> {
    let (n,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM course_places WHERE run_id = $1 AND state = 'registered'")
            .bind(run_id)
            .fetch_one(&mut **tx)
            .await?;
    Ok(n)
}

/// Changes a run's details. Refused if fewer places than are taken.
pub async fn update_run(
    db: &Db,
    id: i64,
    f: &RunFields,
    now: i64,
    public_url: &str,
) -> Result<Result<(), Refusal>, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    if lock_run(&mut tx, id).await?.is_none() {
        return Ok(Err("We could not find that course.".into()));
    }
    let taken = count_registered(&mut tx, id).await?;
    if let Some(problem) = f.problems(taken).into_iter().next() {
        return Ok(Err(problem.message));
    }
    let sets: Vec<String> =
        RUN_FIELDS.split(", ").enumerate().map(|(i, c)| format!("{c} = ${}", i + 1)).collect();
    let sql = format!("UPDATE course_runs SET {} WHERE id = $10", sets.join(", "));
    bind_run(sqlx::query(&sql), f).bind(id).execute(&mut *tx).await?;
    write_days(&mut tx, id, &f.days).await?;
    // More places go to those waiting, in order.
    let capacity = f.capacity.trim().parse::<i64>().unwrap_or(1);
    while promote(&mut tx, id, capacity, now, public_url).await?.is_some() {}
    tx.commit().await?;
    Ok(Ok(()))
}

/// Where a registration put someone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placed {
    Registered,
    /// On the waiting list, this many from the front (1 = next).
    Waiting(i64),
}

/// Takes a place on a run, or joins its waiting list when it is full.
pub async fn register(
    db: &Db,
    run_id: i64,
    user_id: i64,
    today: &str,
    now: i64,
) -> Result<Result<Placed, Refusal>, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let Some((capacity, status, register_by)) = lock_run(&mut tx, run_id).await? else {
        return Ok(Err("We could not find that course.".into()));
    };
    match RunStatus::from_key(&status) {
        Some(RunStatus::Open) => {}
        Some(RunStatus::Cancelled) => return Ok(Err("This course has been cancelled.".into())),
        _ => return Ok(Err("This course is not taking registrations.".into())),
    }
    if today > register_by.as_str() {
        return Ok(Err(format!(
            "Registration for this course closed on {}.",
            crate::dates::long(&register_by)
        )));
    }
    let (kind,): (String,) =
        sqlx::query_as("SELECT kind FROM course_runs WHERE id = $1").bind(run_id).fetch_one(&mut *tx).await?;
    let kind = CourseKind::from_key(&kind).unwrap_or(CourseKind::Initial);
    if let Some(why) = kind.refusal(has_accreditation(&mut tx, user_id).await?) {
        return Ok(Err(why.into()));
    }
    let existing: Option<(String,)> =
        sqlx::query_as("SELECT state FROM course_places WHERE run_id = $1 AND user_id = $2")
            .bind(run_id)
            .bind(user_id)
            .fetch_optional(&mut *tx)
            .await?;
    match existing.as_ref().and_then(|(s,)| PlaceState::from_key(s)) {
        Some(PlaceState::Registered) => return Ok(Err("You already have a place on this course.".into())),
        Some(PlaceState::Waitlisted) => {
            return Ok(Err("You are already on the waiting list for this course.".into()))
        }
        // Someone who gave up a place and comes back joins at the end.
        Some(PlaceState::Cancelled) | None => {
            sqlx::query("DELETE FROM course_places WHERE run_id = $1 AND user_id = $2")
                .bind(run_id)
                .bind(user_id)
                .execute(&mut *tx)
                .await?;
        }
    }
    let taken = count_registered(&mut tx, run_id).await?;
    let (waiting,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM course_places WHERE run_id = $1 AND state = 'waitlisted'")
            .bind(run_id)
            .fetch_one(&mut *tx)
            .await?;
    // Nobody jumps the queue: a free place goes to those waiting first.
    let state =
        if taken < capacity && waiting == 0 { PlaceState::Registered } else { PlaceState::Waitlisted };
    let (position,): (i64,) = sqlx::query_as(
        "INSERT INTO course_places (run_id, user_id, state, position, registered_at, changed_at) \
         SELECT $1, $2, $3, COALESCE(MAX(position), 0) + 1, $4, $4 FROM course_places WHERE run_id = $1 RETURNING position",
    )
    .bind(run_id)
    .bind(user_id)
    .bind(state.key())
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    let placed = match state {
        PlaceState::Registered => Placed::Registered,
        _ => Placed::Waiting(waiting_ahead(&mut tx, run_id, position).await? + 1),
    };
    tx.commit().await?;
    Ok(Ok(placed))
}

/// Whether someone holds an accreditation, current or lapsed.
pub async fn has_accreditation(conn: &mut sqlx::AnyConnection, user_id: i64) -> Result<bool, sqlx::Error> {
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM accreditations WHERE user_id = $1")
        .bind(user_id)
        .fetch_one(&mut *conn)
        .await?;
    Ok(n > 0)
}

async fn waiting_ahead(tx: &mut Tx, run_id: i64, position: i64) -> Result<i64, sqlx::Error> {
    let (n,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM course_places WHERE run_id = $1 AND state = 'waitlisted' AND position < $2",
    )
    .bind(run_id)
    .bind(position)
    .fetch_one(&mut **tx)
    .await?;
    Ok(n)
}

/// Gives up a place (or a place on the waiting list). A freed place goes
/// to the first person waiting, who is emailed. Returns who was promoted.
pub async fn cancel_place(
    db: &Db,
    run_id: i64,
    user_id: i64,
    now: i64,
    public_url: &str,
) -> Result<Result<Option<i64>, Refusal>, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let Some((capacity, _, _)) = lock_run(&mut tx, run_id).await? else {
        return Ok(Err("We could not find that course.".into()));
    };
    let freed = sqlx::query_as::<_, (String,)>(
        "UPDATE course_places SET state = 'cancelled', changed_at = $3 WHERE run_id = $1 AND user_id = $2 \
         AND state IN ('registered', 'waitlisted') RETURNING state",
    )
    .bind(run_id)
    .bind(user_id)
    .bind(now)
    .fetch_optional(&mut *tx)
    .await?;
    if freed.is_none() {
        return Ok(Err("You do not have a place on this course.".into()));
    }
    let promoted = promote(&mut tx, run_id, capacity, now, public_url).await?;
    tx.commit().await?;
    Ok(Ok(promoted))
}

/// Fills a free place from the front of the waiting list, if there is one.
async fn promote(
    tx: &mut Tx,
    run_id: i64,
    capacity: i64,
    now: i64,
    public_url: &str,
) -> Result<Option<i64>, sqlx::Error> {
    if count_registered(tx, run_id).await? >= capacity {
        return Ok(None);
    }
    let next: Option<(i64, String, String)> = sqlx::query_as(
        "SELECT p.user_id, u.email, r.title FROM course_places p JOIN users u ON u.id = p.user_id \
         JOIN course_runs r ON r.id = p.run_id WHERE p.run_id = $1 AND p.state = 'waitlisted' ORDER BY p.position LIMIT 1",
    )
    .bind(run_id)
    .fetch_optional(&mut **tx)
    .await?;
    let Some((next_id, email, title)) = next else { return Ok(None) };
    sqlx::query(
        "UPDATE course_places SET state = 'registered', changed_at = $3 WHERE run_id = $1 AND user_id = $2",
    )
    .bind(run_id)
    .bind(next_id)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    let body = format!(
        "Hello,\n\nA place has come free on {title} and it is yours: you are now registered. \
         The dates and venue are here:\n\n{public_url}/courses/{run_id}\n\n\
         If you can no longer come, please give up the place on that page so the next person can have it.\n"
    );
    enqueue(tx, &Email { to: email, subject: "You have a place on a mentoring course".into(), body }, now)
        .await?;
    Ok(Some(next_id))
}

/// Cancels a run and tells everyone with a place or waiting.
pub async fn cancel_run(
    db: &Db,
    run_id: i64,
    reason: &str,
    now: i64,
    public_url: &str,
) -> Result<Result<usize, Refusal>, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let Some((_, status, _)) = lock_run(&mut tx, run_id).await? else {
        return Ok(Err("We could not find that course.".into()));
    };
    if status == RunStatus::Cancelled.key() {
        return Ok(Err("This course is already cancelled.".into()));
    }
    sqlx::query("UPDATE course_runs SET status = 'cancelled', cancel_reason = $2 WHERE id = $1")
        .bind(run_id)
        .bind(reason)
        .execute(&mut *tx)
        .await?;
    let people: Vec<(String, String)> = sqlx::query_as(
        "SELECT u.email, r.title FROM course_places p JOIN users u ON u.id = p.user_id JOIN course_runs r ON r.id = p.run_id \
         WHERE p.run_id = $1 AND p.state IN ('registered', 'waitlisted') ORDER BY p.position",
    )
    .bind(run_id)
    .fetch_all(&mut *tx)
    .await?;
    sqlx::query(
        "UPDATE course_places SET state = 'cancelled', changed_at = $2 WHERE run_id = $1 \
         AND state IN ('registered', 'waitlisted')",
    )
    .bind(run_id)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    for (email, title) in &people {
        let body = format!(
            "Hello,\n\nWe are sorry: {title} has been cancelled. The reason is on the course page, with other \
             courses you can register for:\n\n{public_url}/courses/{run_id}\n"
        );
        enqueue(
            &mut tx,
            &Email { to: email.clone(), subject: "A mentoring course has been cancelled".into(), body },
            now,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(Ok(people.len()))
}

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
                state: PlaceState::from_key(&r.try_get::<String, _>("state")?)
                    .unwrap_or(PlaceState::Cancelled),
                position: r.try_get("position")?,
                present: (1..=days as i64)
                    .map(|day| marks.iter().any(|m| m.0 == user_id && m.1 == day && m.2 != 0))
                    .collect(),
                completion: r.try_get("code")?,
            })
        })
        .collect()
}

/// Marks someone present or absent on one day of a run.
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
    lock_run(&mut tx, run_id).await?;
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

/// A completion with its certificate's details.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Completion {
    pub code: String,
    pub user_id: i64,
    pub name: String,
    pub kind: String,
    pub course_title: String,
    pub completed_on: String,
    pub models: String,
    pub evidence_note: String,
}

const COMPLETION: &str =
    "SELECT c.verification_code, c.user_id, u.display_name, c.kind, c.course_title, c.completed_on, \
    c.models, c.evidence_note FROM course_completions c JOIN users u ON u.id = c.user_id";

fn completion_from(r: &sqlx::any::AnyRow) -> Result<Completion, sqlx::Error> {
    Ok(Completion {
        code: r.try_get("verification_code")?,
        user_id: r.try_get("user_id")?,
        name: r.try_get("display_name")?,
        kind: r.try_get("kind")?,
        course_title: r.try_get("course_title")?,
        completed_on: r.try_get("completed_on")?,
        models: r.try_get("models")?,
        evidence_note: r.try_get("evidence_note")?,
    })
}

pub async fn by_code(db: &Db, code: &str) -> Result<Option<Completion>, sqlx::Error> {
    let row = sqlx::query(&format!("{COMPLETION} WHERE c.verification_code = $1"))
        .bind(code)
        .fetch_optional(db.pool())
        .await?;
    row.as_ref().map(completion_from).transpose()
}

pub async fn completions_of(db: &Db, user_id: i64) -> Result<Vec<Completion>, sqlx::Error> {
    let rows = sqlx::query(&format!("{COMPLETION} WHERE c.user_id = $1 ORDER BY c.completed_on DESC"))
        .bind(user_id)
        .fetch_all(db.pool())
        .await?;
    rows.iter().map(completion_from).collect()
}

/// What completing gives: a certificate code, and the accreditation
/// (initial training also makes the person a mentor).
async fn accredit(
    tx: &mut Tx,
    user_id: i64,
    kind: &str,
    completed_on: &str,
    refresher_years: i64,
    note: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    let due = crate::dates::add_years(completed_on, refresher_years).unwrap_or_default();
    if kind == "refresher" {
        sqlx::query("UPDATE accreditations SET refresher_due_on = $2, recorded_at = $3 WHERE user_id = $1")
            .bind(user_id)
            .bind(&due)
            .bind(now)
            .execute(&mut **tx)
            .await?;
        return Ok(());
    }
    let current: Option<(String, String)> =
        sqlx::query_as("SELECT course_completed_on, refresher_due_on FROM accreditations WHERE user_id = $1")
            .bind(user_id)
            .fetch_optional(&mut **tx)
            .await?;
    // An older training record never shortens a current accreditation.
    let (completed_on, due) = match current {
        Some((done, later)) if later > due => (done, later),
        _ => (completed_on.to_string(), due),
    };
    crate::directory::db::record_accreditation(tx, user_id, &completed_on, &due, note, now).await?;
    let added = sqlx::query(
        "INSERT INTO user_roles (user_id, role, granted_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
    )
    .bind(user_id)
    .bind(Role::Mentor.as_str())
    .bind(now)
    .execute(&mut **tx)
    .await?
    .rows_affected();
    // A new role is a change a data-protection officer follows; the
    // coordinator who recorded the course is in the course's own records.
    if added > 0 {
        let entry = crate::audit::db::Entry {
            actor: None,
            subject: Some(user_id),
            action: crate::audit::action::ROLE_GRANTED,
            outcome: Role::Mentor.as_str(),
            address: "",
        };
        crate::audit::db::insert(&mut **tx, &entry, now).await?;
    }
    Ok(())
}

/// Records that someone completed a run: present every day, registered.
/// Returns the certificate's verification code.
#[allow(clippy::too_many_arguments)]
pub async fn complete(
    db: &Db,
    run: &StoredRun,
    user_id: i64,
    code: &str,
    refresher_years: i64,
    by: i64,
    now: i64,
) -> Result<Result<String, Refusal>, sqlx::Error> {
    // The run's row first: a cancellation or promotion waits for this
    // completion, so the place and attendance read below stay true.
    let mut tx = db.begin_write().await?;
    lock_run(&mut tx, run.id).await?;
    let place = places(db, run.id, run.days.len()).await?.into_iter().find(|p| p.user_id == user_id);
    let Some(place) = place else { return Ok(Err("That person has no place on this course.".into())) };
    if place.state != PlaceState::Registered {
        return Ok(Err(format!("{} is not registered on this course.", place.name)));
    }
    if let Some(code) = place.completion {
        return Ok(Ok(code));
    }
    if let Some(missed) = place.present.iter().position(|p| !p) {
        return Ok(Err(format!(
            "{} is not marked present on day {}. Mark attendance for every day first.",
            place.name,
            missed + 1
        )));
    }
    if run.kind == CourseKind::Refresher {
        let accredited: Option<(String,)> =
            sqlx::query_as("SELECT refresher_due_on FROM accreditations WHERE user_id = $1")
                .bind(user_id)
                .fetch_optional(&mut *tx)
                .await?;
        if accredited.is_none() {
            return Ok(Err(format!(
                "{} has no accreditation to refresh. Record their initial training first.",
                place.name
            )));
        }
    }
    let completed_on = run.days.last().map(|d| d.day.clone()).unwrap_or_default();
    let models = if run.kind == CourseKind::Initial { INITIAL_MODELS } else { "" };
    let inserted = sqlx::query(
        "INSERT INTO course_completions (run_id, user_id, kind, course_title, completed_on, models, verification_code, \
         recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(run.id)
    .bind(user_id)
    .bind(run.kind.key())
    .bind(&run.title)
    .bind(&completed_on)
    .bind(models)
    .bind(code)
    .bind(by)
    .bind(now)
    .execute(&mut *tx)
    .await;
    // Two coordinators completing the same person at once: the second
    // finds the first's certificate.
    if let Err(err) = inserted {
        if !crate::db::is_unique_violation(&err) {
            return Err(err);
        }
        drop(tx);
        let again = places(db, run.id, 0).await?.into_iter().find(|p| p.user_id == user_id);
        return Ok(again.and_then(|p| p.completion).ok_or_else(|| "Please try again.".to_string()));
    }
    accredit(&mut tx, user_id, run.kind.key(), &completed_on, refresher_years, "", now).await?;
    tx.commit().await?;
    Ok(Ok(code.to_string()))
}

/// Records accreditation gained elsewhere, with the evidence seen.
#[allow(clippy::too_many_arguments)]
pub async fn record_elsewhere(
    db: &Db,
    user_id: i64,
    completed_on: &str,
    evidence: &str,
    code: &str,
    refresher_years: i64,
    by: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    let mut tx = db.begin_write().await?;
    sqlx::query(
        "INSERT INTO course_completions (run_id, user_id, kind, course_title, completed_on, models, verification_code, \
         evidence_note, recorded_by, recorded_at) VALUES (NULL, $1, 'elsewhere', $2, $3, '', $4, $5, $6, $7)",
    )
    .bind(user_id)
    .bind("Mentor training with another provider")
    .bind(completed_on)
    .bind(code)
    .bind(evidence)
    .bind(by)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    accredit(&mut tx, user_id, "elsewhere", completed_on, refresher_years, evidence, now).await?;
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

/// Coordinators' training figures on `today`. People trained counts
/// everyone with an accreditation (trained here or elsewhere).
pub async fn figures(db: &Db, today: &str) -> Result<super::views::TrainingFigures, sqlx::Error> {
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
    Ok(super::views::TrainingFigures {
        runs_held,
        people_trained,
        mentors_current,
        mentors_lapsed,
        refreshers_due_90_days,
    })
}

/// Closes registration on a run early, or opens it again.
pub async fn set_registration(db: &Db, run_id: i64, open: bool) -> Result<Result<(), Refusal>, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let Some((_, status, _)) = lock_run(&mut tx, run_id).await? else {
        return Ok(Err("We could not find that course.".into()));
    };
    if status == RunStatus::Cancelled.key() {
        return Ok(Err("This course has been cancelled.".into()));
    }
    let next = if open { RunStatus::Open } else { RunStatus::Closed };
    sqlx::query("UPDATE course_runs SET status = $2 WHERE id = $1")
        .bind(run_id)
        .bind(next.key())
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(Ok(()))
}
