//! SQL for the coordinators' overview: what is waiting for them, in one
//! query, beside the training figures.

use super::ServiceFigures;
use crate::db::Db;

/// The service's figures on `today`.
pub async fn figures(db: &Db, today: &str) -> Result<ServiceFigures, sqlx::Error> {
    let (accounts, unconfirmed, mentors, emails_waiting, profiles_waiting, requests_waiting, flags_waiting, closures_waiting): (
        i64,
        i64,
        i64,
        i64,
        i64,
        i64,
        i64,
        i64,
    ) = sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM users), \
                (SELECT COUNT(*) FROM users WHERE email_verified_at IS NULL), \
                (SELECT COUNT(*) FROM user_roles WHERE role = 'mentor'), \
                (SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL), \
                (SELECT COUNT(*) FROM profile_drafts WHERE state = 'submitted'), \
                (SELECT COUNT(*) FROM mentoring_requests WHERE state IN ('submitted', 'proposed', 'expired')), \
                (SELECT COUNT(*) FROM relationship_flags WHERE dealt_with_at IS NULL), \
                (SELECT COUNT(*) FROM users WHERE closure_requested_at IS NOT NULL AND erased_at IS NULL)",
    )
    .fetch_one(db.pool())
    .await?;
    Ok(ServiceFigures {
        accounts,
        unconfirmed,
        mentors,
        emails_waiting,
        profiles_waiting,
        requests_waiting,
        flags_waiting,
        closures_waiting,
        training: crate::courses::db::figures(db, today).await?,
    })
}
