//! The erased person's email address and name where they are not in a
//! column of their own: emails to them, throttles keyed by their address,
//! and their name or address in emails to others and in course runs'
//! facilitators (typed by coordinators), and their sessions' agendas in
//! calendar files sent to the other person. Part of `erasure`.

use super::closure_db::AccountState;
use super::erasure::erased_name;
use crate::db::Tx;

pub async fn remove(tx: &mut Tx, person: &AccountState) -> Result<(), sqlx::Error> {
    let id = person.id;
    // Their email and the throttles keyed by it.
    sqlx::query("DELETE FROM outbox WHERE to_address = $1").bind(&person.email).execute(&mut **tx).await?;
    for kind in ["account", "reset-request"] {
        sqlx::query("DELETE FROM login_failures WHERE throttle_key = $1")
            .bind(format!("{kind}:{}", person.email))
            .execute(&mut **tx)
            .await?;
    }
    // Their name or address in what others were sent or typed. Shorter
    // than three characters it would match inside ordinary words.
    let label = erased_name(id);
    for written in [&person.display_name, &person.email] {
        if written.chars().count() < 3 {
            continue;
        }
        scrub(tx, written, &label).await?;
        sqlx::query(
            "UPDATE course_runs SET facilitators = REPLACE(facilitators, $1, $2) WHERE REPLACE(facilitators, $1, '') <> facilitators",
        )
        .bind(written)
        .bind(&label)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// Their sessions' agendas, which calendar files sent to the other person
/// carry; run before the agendas themselves are emptied.
pub async fn remove_agendas(tx: &mut Tx, user_id: i64) -> Result<(), sqlx::Error> {
    let agendas: Vec<String> = sqlx::query_scalar(
        "SELECT agenda FROM mentoring_sessions WHERE (mentor_id = $1 OR mentee_id = $1) AND agenda <> ''",
    )
    .bind(user_id)
    .fetch_all(&mut **tx)
    .await?;
    for agenda in agendas.iter().filter(|a| a.chars().count() >= 3) {
        // As typed (the email's text) and as a calendar file writes it.
        scrub(tx, agenda, "").await?;
        scrub(tx, &ics_escaped(agenda), "").await?;
    }
    Ok(())
}

/// `text` as iCalendar escapes it (RFC 5545, 3.3.11).
fn ics_escaped(text: &str) -> String {
    text.replace('\\', "\\\\").replace(';', "\\;").replace(',', "\\,").replace('\n', "\\n")
}

/// Emails holding `written`: already sent ones (their readers have them)
/// are deleted, unsent ones get `replacement` instead. A calendar file
/// folds long lines (RFC 5545, 3.1), which could split `written`, so it is
/// searched, and rewritten, unfolded (calendar programs accept long lines).
async fn scrub(tx: &mut Tx, written: &str, replacement: &str) -> Result<(), sqlx::Error> {
    let unfolded = "REPLACE(attachment_body, $3, '')";
    let holds = format!(
        "(REPLACE(subject, $1, '') <> subject OR REPLACE(body_text, $1, '') <> body_text \
         OR REPLACE({unfolded}, $1, '') <> {unfolded})"
    );
    sqlx::query(&format!("DELETE FROM outbox WHERE sent_at IS NOT NULL AND $2 = $2 AND {holds}"))
        .bind(written)
        .bind(replacement)
        .bind("\r\n ")
        .execute(&mut **tx)
        .await?;
    sqlx::query(&format!(
        "UPDATE outbox SET subject = REPLACE(subject, $1, $2), body_text = REPLACE(body_text, $1, $2), \
         attachment_body = CASE WHEN REPLACE({unfolded}, $1, '') <> {unfolded} \
         THEN REPLACE({unfolded}, $1, $2) ELSE attachment_body END WHERE {holds}"
    ))
    .bind(written)
    .bind(replacement)
    .bind("\r\n ")
    .execute(&mut **tx)
    .await?;
    Ok(())
}
