//! Subject access: everything the service holds about the signed-in
//! person, as JSON to download (`/api/export_my_data`) and as a page to
//! read (`/account/my-data`). Each section is one query about the person;
//! where a row is shared with someone else (a relationship, a session),
//! only what the person wrote or may see is included, never the other
//! person's private words. Secrets (password hash, token hashes, feed
//! tokens) and other people's emails are left out.

use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use {
    crate::accounts::session,
    crate::shell::forms::respond,
    sqlx::{any::AnyRow, Column, Row},
};

/// One kind of record, with its rows as (column, value) pairs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    pub title: String,
    pub rows: Vec<Vec<(String, String)>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyData {
    pub made_at: String,
    pub sections: Vec<Section>,
}

/// Each section: its title and a query with `$1` the person's id and `$2`
/// their email address.
#[cfg(feature = "ssr")]
const SECTIONS: &[(&str, &str)] = &[
    ("Your account", "SELECT id, email, display_name, email_verified_at, created_at, deactivated_at, descriptive_titles, no_surveys FROM users WHERE id = $1"),
    ("Your roles", "SELECT role, granted_at FROM user_roles WHERE user_id = $1"),
    ("Times you were signed in", "SELECT created_at, last_seen_at FROM sessions WHERE user_id = $1"),
    ("Failed sign-ins to your account", "SELECT failed_at FROM login_failures WHERE throttle_key = 'account:' || $2"),
    ("Emails sent to you", "SELECT subject, created_at, sent_at FROM outbox WHERE to_address = $2"),
    ("Your accreditation", "SELECT * FROM accreditations WHERE user_id = $1"),
    ("Your mentor profile", "SELECT display_name, pronouns, profession, grade, specialty, sector, organisation, area, models, forms, topics, modes, languages, bio, capacity, accepting, approved_at FROM mentor_profiles WHERE user_id = $1"),
    ("Your profile draft", "SELECT * FROM profile_drafts WHERE user_id = $1"),
    ("Your requests for a mentor", "SELECT id, state, goal, topics, professions, sectors, areas, modes, forms, days, times, organisation, outside_own_organisation, share_with_mentor, priority, created_at, submitted_at, offered_at FROM mentoring_requests WHERE mentee_id = $1"),
    ("Requests offered to you as a mentor", "SELECT id, state, offered_at, offer_expires_at FROM mentoring_requests WHERE mentor_id = $1 AND mentee_id <> $1"),
    ("What you did on requests", "SELECT request_id, event, actor_role, at FROM request_events WHERE actor_id = $1"),
    ("Requests you were shown", "SELECT request_id, viewer_role, viewed_at FROM request_views WHERE viewer_id = $1"),
    ("Your mentoring relationships", "SELECT id, CASE WHEN mentor_id = $1 THEN 'mentor' ELSE 'mentee' END AS your_role, state, started_at, ended_at, end_reason FROM relationships WHERE mentor_id = $1 OR mentee_id = $1"),
    ("What you did in relationships", "SELECT relationship_id, event, actor_role, at, note FROM relationship_events WHERE actor_id = $1"),
    ("Your agreements", "SELECT a.relationship_id, a.version, a.frequency, a.sessions, a.ends_on, a.meeting, a.contact, a.hopes, \
      CASE WHEN r.mentee_id = $1 THEN a.protected_time ELSE NULL END AS protected_time, \
      CASE WHEN r.mentee_id = $1 THEN a.protected_on ELSE NULL END AS protected_on \
      FROM relationship_agreements a JOIN relationships r ON r.id = a.relationship_id WHERE r.mentor_id = $1 OR r.mentee_id = $1"),
    ("Your goals", "SELECT g.relationship_id, g.body, g.state, g.shared, g.created_at, g.updated_at FROM relationship_goals g JOIN relationships r ON r.id = g.relationship_id WHERE r.mentee_id = $1"),
    ("Your sessions", "SELECT id, request_id AS relationship_id, CASE WHEN mentor_id = $1 THEN 'mentor' ELSE 'mentee' END AS your_role, starts_at, ends_at, location, agenda, state, created_at FROM mentoring_sessions WHERE mentor_id = $1 OR mentee_id = $1"),
    ("Your private session notes", "SELECT session_id, model, parts, updated_at FROM session_notes WHERE author_id = $1"),
    ("Actions agreed in your sessions", "SELECT a.relationship_id, a.session_id, a.body, a.added_at, a.done_at FROM session_actions a JOIN relationships r ON r.id = a.relationship_id WHERE r.mentor_id = $1 OR r.mentee_id = $1"),
    ("What you told the coordinators", "SELECT relationship_id, kind, raised_at, dealt_with_at FROM relationship_flags WHERE raised_by = $1"),
    ("Your availability", "SELECT time_zone, session_minutes, buffer_minutes, notice_hours, max_per_week, room, video_link, phone, updated_at FROM availability WHERE mentor_id = $1"),
    ("Your weekly times", "SELECT rota_week, weekday, starts_at, ends_at FROM availability_windows WHERE mentor_id = $1"),
    ("Your leave and extra times", "SELECT kind, first_day, last_day, starts_at, ends_at FROM availability_exceptions WHERE mentor_id = $1"),
    ("Your calendar feed", "SELECT created_at FROM calendar_feeds WHERE user_id = $1"),
    ("Your course places", "SELECT run_id, state, registered_at, changed_at FROM course_places WHERE user_id = $1"),
    ("Your course attendance", "SELECT run_id, day_number, present, marked_at FROM course_attendance WHERE user_id = $1"),
    ("Your completed courses", "SELECT kind, course_title, completed_on, models, verification_code, evidence_note, recorded_at FROM course_completions WHERE user_id = $1"),
    ("Resources you saved", "SELECT resource_id FROM saved_resources WHERE user_id = $1"),
    ("Questions you were asked", "SELECT id, relationship_id, point, role, questionnaire, created_at, expires_at, emailed_at, answered_at FROM survey_invitations WHERE person_id = $1"),
    ("Your answers to them", "SELECT a.invitation_id, a.item, a.score, a.choice, a.body FROM survey_answers a JOIN survey_invitations i ON i.id = a.invitation_id WHERE i.person_id = $1"),
    ("The record of access to your account and data", "SELECT at, action, outcome, CASE WHEN actor_id = $1 THEN 'you' WHEN actor_id IS NULL THEN '' ELSE 'someone else' END AS by_whom FROM audit_events WHERE subject_id = $1 OR actor_id = $1"),
];

#[cfg(feature = "ssr")]
fn value_of(row: &AnyRow, i: usize) -> String {
    if let Ok(v) = row.try_get::<Option<String>, _>(i) {
        return v.unwrap_or_default();
    }
    if let Ok(v) = row.try_get::<Option<i64>, _>(i) {
        return v.map(|n| n.to_string()).unwrap_or_default();
    }
    if let Ok(v) = row.try_get::<Option<bool>, _>(i) {
        return v.map(|b| b.to_string()).unwrap_or_default();
    }
    row.try_get::<Option<f64>, _>(i).ok().flatten().map(|f| f.to_string()).unwrap_or_default()
}

/// Instants (columns named `…_at`, or `at`) as UTC date and time.
#[cfg(feature = "ssr")]
fn readable(column: &str, value: String) -> String {
    let instant = column == "at" || column.ends_with("_at");
    match value.parse::<i64>() {
        Ok(seconds) if instant => crate::dates::date_time_of(seconds),
        _ => value,
    }
}

/// Everything held about person `user_id` (email `email`).
#[cfg(feature = "ssr")]
pub async fn collect(db: &crate::db::Db, user_id: i64, email: &str, now: i64) -> Result<MyData, sqlx::Error> {
    let mut conn = db.pool().acquire().await?;
    let mut sections = Vec::with_capacity(SECTIONS.len());
    for (title, sql) in SECTIONS {
        let rows = sqlx::query(sql).bind(user_id).bind(email).fetch_all(&mut *conn).await?;
        sections.push(Section {
            title: title.to_string(),
            rows: rows
                .iter()
                .map(|row| {
                    row.columns()
                        .iter()
                        .enumerate()
                        .map(|(i, c)| (c.name().to_string(), readable(c.name(), value_of(row, i))))
                        .collect()
                })
                .collect(),
        });
    }
    Ok(MyData { made_at: crate::dates::date_time_of(now), sections })
}

/// The signed-in person's data. Asked for by a plain link (GET), it
/// downloads as a file.
#[server(endpoint = "export_my_data", input = GetUrl)]
pub async fn export_my_data() -> Result<MyData, AppError> {
    respond(
        async move {
            let (state, user) = session::signed_in().await?;
            let data = collect(&state.db, user.id, &user.email, state.clock.now()).await?;
            // Reading the page and downloading the file are both exports.
            let (export, ok) = (crate::audit::action::EXPORT, crate::audit::outcome::OK);
            crate::audit::db::record(&state, Some(user.id), Some(user.id), export, ok).await?;
            if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
                let download =
                    axum::http::HeaderValue::from_static("attachment; filename=\"mentorwell-my-data.json\"");
                response.insert_header(axum::http::header::CONTENT_DISPOSITION, download);
            }
            Ok(data)
        }
        .await,
    )
}
