//! The mentor's record for their appraisal: the people they mentored and
//! the sessions held in the last twelve months, against what the service
//! asks of a mentor (`MENTORWELL_MENTEES_PER_YEAR`, default two). Counts
//! and times only; nothing the pair wrote.

use crate::dates;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use {
    crate::accounts::{session, Role},
    crate::dates::date_of,
    crate::shell::forms::respond,
};

#[cfg(feature = "ssr")]
const YEAR: i64 = 365 * 86_400;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordLine {
    pub id: i64,
    pub with_name: String,
    pub started_on: String,
    pub ended_on: Option<String>,
    pub sessions_held: i64,
    pub minutes_held: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MentorRecord {
    /// The first day the record covers.
    pub since: String,
    pub expected_mentees: i64,
    pub lines: Vec<RecordLine>,
}

impl MentorRecord {
    pub fn minutes_held(&self) -> i64 {
        self.lines.iter().map(|l| l.minutes_held).sum()
    }

    pub fn sessions_held(&self) -> i64 {
        self.lines.iter().map(|l| l.sessions_held).sum()
    }
}

/// "2 hours", "1 hour 30 minutes", "45 minutes".
pub fn duration_text(minutes: i64) -> String {
    let (h, m) = (minutes / 60, minutes % 60);
    let hours = match h {
        0 => None,
        1 => Some("1 hour".to_string()),
        h => Some(format!("{h} hours")),
    };
    let mins = match m {
        0 => None,
        1 => Some("1 minute".to_string()),
        m => Some(format!("{m} minutes")),
    };
    match (hours, mins) {
        (Some(h), Some(m)) => format!("{h} {m}"),
        (Some(h), None) => h,
        (None, Some(m)) => m,
        (None, None) => "no time".to_string(),
    }
}

/// The signed-in mentor's last twelve months.
#[server(endpoint = "load_mentor_record")]
pub async fn load_mentor_record() -> Result<MentorRecord, AppError> {
    respond(
        async move {
            let (state, user) = session::signed_in_as(Role::Mentor).await?;
            let now = state.clock.now();
            let since = now - YEAR;
            let rows: Vec<(i64, i64, i64, Option<i64>, i64, i64)> = sqlx::query_as(
                "SELECT r.id, r.mentee_id, r.started_at, r.ended_at, \
                   (SELECT COUNT(*) FROM mentoring_sessions s \
                      WHERE s.request_id = r.id AND s.state = 'held' AND s.starts_at >= $2), \
                   (SELECT CAST(COALESCE(SUM(s.ends_at - s.starts_at), 0) AS BIGINT) FROM mentoring_sessions s \
                      WHERE s.request_id = r.id AND s.state = 'held' AND s.starts_at >= $2) \
                 FROM relationships r \
                 WHERE r.mentor_id = $1 AND r.started_at <= $3 AND (r.ended_at IS NULL OR r.ended_at >= $2) \
                 ORDER BY r.started_at, r.id",
            )
            .bind(user.id)
            .bind(since)
            .bind(now)
            .fetch_all(state.db.pool())
            .await?;
            let ids: Vec<i64> = rows.iter().map(|r| r.1).collect();
            let names = crate::requests::db::names(&state.db, &ids).await?;
            let name =
                |id: i64| names.iter().find(|(i, _)| *i == id).map(|(_, n)| n.clone()).unwrap_or_default();
            Ok(MentorRecord {
                since: date_of(since),
                expected_mentees: state.config.mentees_per_year,
                lines: rows
                    .into_iter()
                    .map(|(id, mentee, started, ended, held, seconds)| RecordLine {
                        id,
                        with_name: name(mentee),
                        started_on: date_of(started),
                        ended_on: ended.map(date_of),
                        sessions_held: held,
                        minutes_held: seconds / 60,
                    })
                    .collect(),
            })
        }
        .await,
    )
}

/// The record on the mentor's own page. Draws nothing for someone who is
/// not a mentor.
#[component]
pub fn MentorRecordSection() -> impl IntoView {
    let record = Resource::new(|| (), |_| load_mentor_record());
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move { record.await.ok().map(|r| view! { <RecordView r /> }) })}
        </Suspense>
    }
}

#[component]
fn RecordView(r: MentorRecord) -> impl IntoView {
    let mentees = r.lines.len();
    let summary = format!(
        "Since {}: {} of the {} mentees a year the service asks of each mentor, {} {} held, {} in all.",
        dates::long(&r.since),
        mentees,
        r.expected_mentees,
        r.sessions_held(),
        if r.sessions_held() == 1 { "session" } else { "sessions" },
        duration_text(r.minutes_held()),
    );
    view! {
        <section aria-labelledby="record-heading">
            <h2 id="record-heading">"Your mentoring record: the last twelve months"</h2>
            <p>{summary}</p>
            {(!r.lines.is_empty())
                .then(|| {
                    view! {
                        <ul class="plain-list">
                            {r
                                .lines
                                .into_iter()
                                .map(|l| {
                                    let when = match &l.ended_on {
                                        Some(end) => {
                                            format!("{} to {}", dates::long(&l.started_on), dates::long(end))
                                        }
                                        None => format!("since {}", dates::long(&l.started_on)),
                                    };
                                    view! {
                                        <li>
                                            <a href=format!("/mentoring/{}", l.id)>{l.with_name}</a>
                                            {format!(
                                                " ({when}): {} held, {}",
                                                l.sessions_held,
                                                duration_text(l.minutes_held),
                                            )}
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    }
                })}
            <p class="hint">
                "For your appraisal. Only you see this record; it shows counts and times, nothing either of you wrote."
            </p>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::duration_text;

    #[test]
    fn durations_read_as_people_say_them() {
        assert_eq!(duration_text(0), "no time");
        assert_eq!(duration_text(45), "45 minutes");
        assert_eq!(duration_text(60), "1 hour");
        assert_eq!(duration_text(90), "1 hour 30 minutes");
        assert_eq!(duration_text(241), "4 hours 1 minute");
    }
}
