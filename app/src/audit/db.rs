//! Writing and searching the audit trail. There is deliberately no
//! function here (or anywhere) that changes or deletes a row: the table is
//! append-only, and the database refuses UPDATE and DELETE on it too.

use super::{AuditPage, AuditRow, PAGE_SIZE};
use crate::db::Db;
use crate::state::AppState;
use sqlx::{Any, Row};

/// One thing that happened. Never content: ids, a short action name from
/// [`super::action`], an outcome from [`super::outcome`], and the client
/// address when the code knows it.
#[derive(Debug, Clone, Copy)]
pub struct Entry<'a> {
    pub actor: Option<i64>,
    pub subject: Option<i64>,
    pub action: &'a str,
    pub outcome: &'a str,
    pub address: &'a str,
}

/// Appends `entry` at `now`, on a pool or inside a transaction (so an
/// erasure and its record commit together).
pub async fn insert<'e, E>(executor: E, entry: &Entry<'_>, now: i64) -> Result<(), sqlx::Error>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query(
        "INSERT INTO audit_events (at, actor_id, subject_id, action, outcome, client_address) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(now)
    .bind(entry.actor)
    .bind(entry.subject)
    .bind(entry.action)
    .bind(entry.outcome)
    // An address is at most 45 characters (IPv6); anything longer came
    // from a header someone made up.
    .bind(entry.address.chars().take(64).collect::<String>())
    .execute(executor)
    .await?;
    Ok(())
}

/// Records what the current request did, with its client address.
pub async fn record(
    state: &AppState,
    actor: Option<i64>,
    subject: Option<i64>,
    action: &str,
    outcome: &str,
) -> Result<(), sqlx::Error> {
    let address = crate::accounts::session::client_address(state.config.trust_proxy);
    let entry = Entry { actor, subject, action, outcome, address: &address };
    insert(state.db.pool(), &entry, state.clock.now()).await
}

/// The current request's client address, or "" outside a request (a
/// database test, the command line).
pub fn current_address() -> String {
    match leptos::prelude::use_context::<AppState>() {
        Some(state) => crate::accounts::session::client_address(state.config.trust_proxy),
        None => String::new(),
    }
}

/// `text` safe inside a LIKE pattern (with `ESCAPE '\'`).
fn like_escaped(text: &str) -> String {
    text.chars()
        .flat_map(|c| match c {
            '%' | '_' | '\\' => vec!['\\', c],
            c => vec![c],
        })
        .collect()
}

/// What a search asks for: a person by exact email or part of their name
/// (empty: everyone), instants `from` (inclusive) to `until` (exclusive),
/// and a page number from 0.
#[derive(Debug, Clone, Default)]
pub struct Search {
    pub person: String,
    pub from: i64,
    pub until: i64,
    pub page: i64,
}

/// Events matching `search`, newest first, a page at a time. A person
/// matches as the one who acted or the one it was about.
pub async fn search(db: &Db, search: &Search) -> Result<AuditPage, sqlx::Error> {
    let person = search.person.trim().to_lowercase();
    let pattern = format!("%{}%", like_escaped(&person));
    let people = "SELECT id FROM users WHERE LOWER(email) = $3 OR LOWER(display_name) LIKE $4 ESCAPE '\\'";
    let filter = format!(
        "e.at >= $1 AND e.at < $2 AND ($3 = '' OR e.actor_id IN ({people}) OR e.subject_id IN ({people}))"
    );
    let (total,): (i64,) = sqlx::query_as(&format!("SELECT COUNT(*) FROM audit_events e WHERE {filter}"))
        .bind(search.from)
        .bind(search.until)
        .bind(&person)
        .bind(&pattern)
        .fetch_one(db.pool())
        .await?;
    let rows = sqlx::query(&format!(
        "SELECT e.id, e.at, e.actor_id, a.display_name AS actor_name, e.subject_id, s.display_name AS subject_name, \
         e.action, e.outcome, e.client_address FROM audit_events e \
         LEFT JOIN users a ON a.id = e.actor_id LEFT JOIN users s ON s.id = e.subject_id \
         WHERE {filter} ORDER BY e.at DESC, e.id DESC LIMIT $5 OFFSET $6"
    ))
    .bind(search.from)
    .bind(search.until)
    .bind(&person)
    .bind(&pattern)
    .bind(PAGE_SIZE)
    .bind(search.page.max(0) * PAGE_SIZE)
    .fetch_all(db.pool())
    .await?;
    let rows = rows
        .iter()
        .map(|r| {
            Ok(AuditRow {
                id: r.try_get("id")?,
                at: crate::dates::date_time_of(r.try_get("at")?),
                actor: who(r.try_get("actor_id")?, r.try_get("actor_name")?),
                subject: who(r.try_get("subject_id")?, r.try_get("subject_name")?),
                action: super::action::label(&r.try_get::<String, _>("action")?),
                outcome: r.try_get("outcome")?,
                client_address: r.try_get("client_address")?,
            })
        })
        .collect::<Result<Vec<_>, sqlx::Error>>()?;
    Ok(AuditPage { rows, total, page: search.page.max(0) })
}

/// A person as the trail shows them: their current name (an erased
/// account's is "erased user #N") and their number.
fn who(id: Option<i64>, name: Option<String>) -> String {
    match (id, name) {
        (Some(id), Some(name)) => format!("{name} (#{id})"),
        (Some(id), None) => format!("#{id}"),
        (None, _) => "—".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn like_patterns_match_only_what_was_typed() {
        assert_eq!(like_escaped("50%_a\\b"), "50\\%\\_a\\\\b");
    }
}
