//! Completions (with their certificate codes) and the accreditation they
//! give.

use crate::accounts::Role;
use crate::db::{Db, Tx};
use sqlx::Row;

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

/// A completion about to be written. `run_id` is `None` for training
/// with another provider.
pub struct NewCompletion<'a> {
    pub run_id: Option<i64>,
    pub user_id: i64,
    pub kind: &'a str,
    pub course_title: &'a str,
    pub completed_on: &'a str,
    pub models: &'a str,
    pub code: &'a str,
    pub evidence_note: &'a str,
    pub by: i64,
}

/// Writes a completion. Fails with a unique violation when the person
/// already completed this run.
pub async fn insert_completion(tx: &mut Tx, c: &NewCompletion<'_>, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO course_completions (run_id, user_id, kind, course_title, completed_on, models, verification_code, \
         evidence_note, recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(c.run_id)
    .bind(c.user_id)
    .bind(c.kind)
    .bind(c.course_title)
    .bind(c.completed_on)
    .bind(c.models)
    .bind(c.code)
    .bind(c.evidence_note)
    .bind(c.by)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Whether someone holds an accreditation, current or lapsed.
pub async fn has_accreditation(conn: &mut sqlx::AnyConnection, user_id: i64) -> Result<bool, sqlx::Error> {
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM accreditations WHERE user_id = $1")
        .bind(user_id)
        .fetch_one(&mut *conn)
        .await?;
    Ok(n > 0)
}

/// Someone's accreditation: (course completed on, refresher due on).
pub async fn accreditation_dates(tx: &mut Tx, user_id: i64) -> Result<Option<(String, String)>, sqlx::Error> {
    sqlx::query_as("SELECT course_completed_on, refresher_due_on FROM accreditations WHERE user_id = $1")
        .bind(user_id)
        .fetch_optional(&mut **tx)
        .await
}

/// Moves a refresher's due date after a refresher course.
pub async fn set_refresher_due(tx: &mut Tx, user_id: i64, due: &str, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE accreditations SET refresher_due_on = $2, recorded_at = $3 WHERE user_id = $1")
        .bind(user_id)
        .bind(due)
        .bind(now)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Makes someone a mentor. Returns whether the role is new to them.
pub async fn grant_mentor_role(tx: &mut Tx, user_id: i64, now: i64) -> Result<bool, sqlx::Error> {
    let added = sqlx::query(
        "INSERT INTO user_roles (user_id, role, granted_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
    )
    .bind(user_id)
    .bind(Role::Mentor.as_str())
    .bind(now)
    .execute(&mut **tx)
    .await?
    .rows_affected();
    Ok(added > 0)
}
