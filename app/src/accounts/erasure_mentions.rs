//! The erased person's email address and name where they are not in a
//! column of their own: emails to them, throttles keyed by their address,
//! and their name or address in emails to others and in course runs'
//! facilitators (typed by coordinators). Part of `erasure`.

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
        sqlx::query(
            "DELETE FROM outbox WHERE sent_at IS NOT NULL AND (REPLACE(subject, $1, '') <> subject \
             OR REPLACE(body_text, $1, '') <> body_text OR REPLACE(attachment_body, $1, '') <> attachment_body)",
        )
        .bind(written)
        .execute(&mut **tx)
        .await?;
        sqlx::query(
            "UPDATE outbox SET subject = REPLACE(subject, $1, $2), body_text = REPLACE(body_text, $1, $2), \
             attachment_body = REPLACE(attachment_body, $1, $2) \
             WHERE REPLACE(subject, $1, '') <> subject OR REPLACE(body_text, $1, '') <> body_text \
             OR REPLACE(attachment_body, $1, '') <> attachment_body",
        )
        .bind(written)
        .bind(&label)
        .execute(&mut **tx)
        .await?;
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
