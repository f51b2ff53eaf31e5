//! Who read a request, and what happened to it: the rows behind "who
//! viewed this request" and the timelines. No request text is kept here.

use sqlx::Row;

use crate::db::Db;

/// One time someone was shown a request's text.
pub async fn record_view(
    db: &Db,
    request_id: i64,
    viewer_id: i64,
    role: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO request_views (request_id, viewer_id, viewer_role, viewed_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(request_id)
    .bind(viewer_id)
    .bind(role)
    .bind(now)
    .execute(db.pool())
    .await?;
    // The service-wide trail too, so a data-protection officer finds every
    // view of a person's request text by searching for them: the viewer
    // acted, the request's mentee is whom it was about.
    let mentee: Option<i64> = sqlx::query_scalar("SELECT mentee_id FROM mentoring_requests WHERE id = $1")
        .bind(request_id)
        .fetch_optional(db.pool())
        .await?;
    let address = crate::audit::db::current_address();
    let entry = crate::audit::db::Entry {
        actor: Some(viewer_id),
        subject: mentee,
        action: crate::audit::action::REQUEST_VIEW,
        outcome: role,
        address: &address,
    };
    crate::audit::db::insert(db.pool(), &entry, now).await
}

/// A view as coordinators see it: who, in what role, when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ViewRow {
    pub viewer: String,
    pub role: String,
    pub at: i64,
}

/// Views of a request, newest first.
pub async fn views(db: &Db, request_id: i64) -> Result<Vec<ViewRow>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT u.display_name, v.viewer_role, v.viewed_at FROM request_views v JOIN users u ON u.id = v.viewer_id \
         WHERE v.request_id = $1 ORDER BY v.viewed_at DESC, v.id DESC",
    )
    .bind(request_id)
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|r| Ok(ViewRow { viewer: r.try_get(0)?, role: r.try_get(1)?, at: r.try_get(2)? }))
        .collect()
}

/// A recorded change of a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventRow {
    pub event: String,
    pub actor: Option<String>,
    pub role: String,
    pub mentor_id: Option<i64>,
    pub mentor: Option<String>,
    pub note: String,
    pub at: i64,
}

/// A request's history, oldest first.
pub async fn events(db: &Db, request_id: i64) -> Result<Vec<EventRow>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT e.event, a.display_name AS actor, e.actor_role, e.mentor_id, m.display_name AS mentor, e.note, e.at \
         FROM request_events e LEFT JOIN users a ON a.id = e.actor_id LEFT JOIN users m ON m.id = e.mentor_id \
         WHERE e.request_id = $1 ORDER BY e.id",
    )
    .bind(request_id)
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|r| {
            Ok(EventRow {
                event: r.try_get("event")?,
                actor: r.try_get("actor")?,
                role: r.try_get("actor_role")?,
                mentor_id: r.try_get("mentor_id")?,
                mentor: r.try_get("mentor")?,
                note: r.try_get("note")?,
                at: r.try_get("at")?,
            })
        })
        .collect()
}
