//! Demo sessions: Priya (the demo mentee) is matched with Tom (the demo
//! mentor), who has opened weekday times, so booking can be tried at once.

use super::db;
use super::rules::default_fields;
use crate::db::Db;

const GOAL: &str =
    "I have moved from ward nursing into a practice development role and want to grow into it \
                    without losing my evenings.";

pub async fn load(database: &Db, now: i64) -> Result<(), sqlx::Error> {
    let id = |email: &'static str| async move {
        sqlx::query_scalar::<_, i64>("SELECT id FROM users WHERE email = $1")
            .bind(email)
            .fetch_optional(database.pool())
            .await
    };
    let (Some(priya), Some(tom)) = (id("mentee@example.org").await?, id("mentor@example.org").await?) else {
        return Ok(());
    };
    let request: i64 = sqlx::query_scalar(
        "INSERT INTO mentoring_requests (mentee_id, state, mentor_id, goal, topics, professions, sectors, areas, modes, \
         forms, days, times, organisation, outside_own_organisation, share_with_mentor, priority, created_at, \
         updated_at, submitted_at) VALUES ($1, 'active', $2, $3, ',career-development,work-life-balance,', '', '', '', \
         ',video,in-person,', ',one-to-one,', '', '', '', 0, 1, 0, $4, $4, $4) RETURNING id",
    )
    .bind(priya)
    .bind(tom)
    .bind(GOAL)
    .bind(now - 14 * 86_400)
    .fetch_one(database.pool())
    .await?;
    for (event, role, actor) in [("submit", "mentee", priya), ("accept", "mentor", tom)] {
        sqlx::query(
            "INSERT INTO request_events (request_id, event, actor_id, actor_role, mentor_id, note, at) \
             VALUES ($1, $2, $3, $4, $5, '', $6)",
        )
        .bind(request)
        .bind(event)
        .bind(actor)
        .bind(role)
        .bind(tom)
        .bind(now - 14 * 86_400)
        .execute(database.pool())
        .await?;
    }
    let mut tx = database.begin_write().await?;
    crate::relationships::db::start(&mut tx, request, tom, priya, now - 14 * 86_400).await?;
    tx.commit().await?;
    let mut fields = default_fields();
    for day in fields.days.iter_mut().take(5) {
        *day = "09:00-12:00, 13:00-17:00".into();
    }
    fields.days[1] = "09:00-12:00, 13:00-17:00, 18:00-20:00".into();
    fields.max_per_week = "5".into();
    fields.room = "Room 2, Education Centre, Nottingham City Hospital".into();
    fields.video_link = "https://meet.example.org/tom-okafor".into();
    let rules = fields
        .check(&crate::dates::date_of(now))
        .map_err(|_| sqlx::Error::Protocol("demo availability is invalid".into()))?;
    db::save_rules(database, tom, &rules, now).await
}
