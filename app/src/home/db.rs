//! The home page's SQL: one query per card, read in one connection.

use super::next::{CoordinatorNext, CourseNext, MentorNext, NextSteps, PairNext, RequestNext};
use crate::accounts::{CurrentUser, Role};
use crate::dates;
use crate::db::Db;
use crate::directory::listing::{listing_status, ListingFacts, ListingStatus};
use crate::directory::profile_page::status_text;
use crate::requests::lifecycle::RequestState;
use crate::sessions::state::SessionState;
use sqlx::AnyConnection;

/// Offers with less than this left to answer are about to lapse.
const LAPSING_SECONDS: i64 = 2 * 86_400;

pub async fn next_steps(
    db: &Db,
    user: &CurrentUser,
    now: i64,
    quiet_days: i64,
) -> Result<NextSteps, sqlx::Error> {
    let mut conn = db.pool().acquire().await?;
    let zone = crate::sessions::db::zone_of(&mut conn, user.id).await?;
    let (mentors, mentees) = pairs(&mut conn, user.id, now, &zone).await?;
    let mentor = match user.has(Role::Mentor) {
        true => Some(mentor(&mut conn, user.id, &dates::date_of(now)).await?),
        false => None,
    };
    let coordinator = match user.has(Role::Coordinator) {
        true => Some(coordinator(&mut conn, now, quiet_days).await?),
        false => None,
    };
    Ok(NextSteps { request: request(&mut conn, user.id).await?, mentors, mentees, mentor, coordinator })
}

async fn request(conn: &mut AnyConnection, user_id: i64) -> Result<Option<RequestNext>, sqlx::Error> {
    let row: Option<(String, Option<i64>)> = sqlx::query_as(
        "SELECT state, mentor_id FROM mentoring_requests \
         WHERE mentee_id = $1 AND state IN ('draft', 'submitted', 'proposed', 'offered', 'expired') \
         ORDER BY id DESC LIMIT 1",
    )
    .bind(user_id)
    .fetch_optional(conn)
    .await?;
    Ok(row.and_then(|(key, mentor)| RequestState::from_db(&key, mentor)).map(|state| RequestNext {
        draft: state == RequestState::Draft,
        status: state.describe().to_string(),
    }))
}

/// Relationships under way, as mentee and as mentor, each with its next
/// booked session.
async fn pairs(
    conn: &mut AnyConnection,
    user_id: i64,
    now: i64,
    zone: &str,
) -> Result<(Vec<PairNext>, Vec<PairNext>), sqlx::Error> {
    let rows: Vec<(i64, i64, String, String, Option<i64>)> = sqlx::query_as(&format!(
        "SELECT r.id, r.mentor_id, um.display_name, ue.display_name, \
                (SELECT MIN(s.starts_at) FROM mentoring_sessions s \
                   WHERE s.request_id = r.id AND s.state = {booked} AND s.starts_at > $2) \
         FROM relationships r JOIN users um ON um.id = r.mentor_id JOIN users ue ON ue.id = r.mentee_id \
         WHERE (r.mentor_id = $1 OR r.mentee_id = $1) AND r.state <> 'ended' ORDER BY r.id",
        booked = SessionState::Booked.sql(),
    ))
    .bind(user_id)
    .bind(now)
    .fetch_all(conn)
    .await?;
    let (mut mentors, mut mentees) = (Vec::new(), Vec::new());
    for (id, mentor_id, mentor_name, mentee_name, next) in rows {
        let i_mentor = mentor_id == user_id;
        let pair = PairNext {
            relationship_id: id,
            with_name: if i_mentor { mentee_name } else { mentor_name },
            next_session: next.map(|at| crate::sessions::when::when(zone, at)),
        };
        if i_mentor {
            mentees.push(pair)
        } else {
            mentors.push(pair)
        }
    }
    Ok((mentors, mentees))
}

async fn mentor(conn: &mut AnyConnection, user_id: i64, today: &str) -> Result<MentorNext, sqlx::Error> {
    let (offers, windows, deactivated, approved, due): (i64, i64, Option<i64>, i64, Option<String>) =
        sqlx::query_as(
            "SELECT (SELECT COUNT(*) FROM mentoring_requests WHERE state = 'offered' AND mentor_id = u.id), \
                    (SELECT COUNT(*) FROM availability_windows w WHERE w.mentor_id = u.id), \
                    u.deactivated_at, \
                    (SELECT COUNT(*) FROM mentor_profiles p WHERE p.user_id = u.id), \
                    a.refresher_due_on \
             FROM users u LEFT JOIN accreditations a ON a.user_id = u.id WHERE u.id = $1",
        )
        .bind(user_id)
        .fetch_one(conn)
        .await?;
    let status = listing_status(
        &ListingFacts {
            profile_approved: approved > 0,
            account_active: deactivated.is_none(),
            refresher_due_on: due.as_deref(),
        },
        today,
    );
    Ok(MentorNext {
        offers_waiting: offers,
        has_availability: windows > 0,
        listing: status_text(&status),
        listed: status == ListingStatus::Listed,
        refresher_due_on: due,
    })
}

async fn coordinator(
    conn: &mut AnyConnection,
    now: i64,
    quiet_days: i64,
) -> Result<CoordinatorNext, sqlx::Error> {
    let (requests_waiting, priority_waiting, offers_lapsing, profiles_waiting): (i64, i64, i64, i64) =
        sqlx::query_as(
            "SELECT (SELECT COUNT(*) FROM mentoring_requests WHERE state IN ('submitted', 'proposed', 'expired')), \
                    (SELECT COUNT(*) FROM mentoring_requests WHERE state IN ('submitted', 'proposed', 'expired') \
                       AND priority <> 0), \
                    (SELECT COUNT(*) FROM mentoring_requests WHERE state = 'offered' AND offer_expires_at <= $1), \
                    (SELECT COUNT(*) FROM profile_drafts WHERE state = 'submitted')",
        )
        .bind(now + LAPSING_SECONDS)
        .fetch_one(&mut *conn)
        .await?;
    let quiet = crate::relationships::attention_db::quiet(
        &mut *conn,
        now,
        quiet_days * crate::relationships::quiet::DAY,
    )
    .await?;
    let courses: Vec<(i64, String, String)> = sqlx::query_as(
        "SELECT id, title, starts_on FROM course_runs WHERE status <> 'cancelled' AND starts_on >= $1 \
         ORDER BY starts_on, id LIMIT 3",
    )
    .bind(dates::date_of(now))
    .fetch_all(conn)
    .await?;
    Ok(CoordinatorNext {
        requests_waiting,
        priority_waiting,
        offers_lapsing,
        profiles_waiting,
        quiet_relationships: quiet.len() as i64,
        courses: courses
            .into_iter()
            .map(|(id, title, starts_on)| CourseNext { id, title, starts_on })
            .collect(),
    })
}
