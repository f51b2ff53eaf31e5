//! The report's SQL: rows for `figures` to count, read in one connection.
//! Only reads; never a name, and free text only as bodies grouped by
//! question.

use super::figures::{self, AnswerRow, Funnel, Outcomes, PairRow, RequestRow};
use super::period::Period;
use crate::courses::views::TrainingFigures;
use crate::db::Db;
use crate::directory::listing::approved_profile_listed;
use sqlx::AnyConnection;
use std::collections::BTreeMap;

/// Listed mentors and their free places, for one profession, sector or area.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct NetworkCount {
    pub mentors: i64,
    pub free_places: i64,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Network {
    pub total: NetworkCount,
    pub by_profession: BTreeMap<String, NetworkCount>,
    pub by_sector: BTreeMap<String, NetworkCount>,
    pub by_area: BTreeMap<String, NetworkCount>,
}

/// What people wrote for "what difference has it made?", by (point, role),
/// in a stable order that says nothing about who or when (alphabetical).
pub type Words = BTreeMap<(String, String), Vec<String>>;

/// All the report needs, before anything is hidden.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Gathered {
    pub outcomes: Outcomes,
    pub funnel: Funnel,
    pub training: TrainingFigures,
    pub network: Network,
    pub words: Words,
}

impl Gathered {
    /// Nothing asked or answered and no request sent in the period.
    pub fn period_is_empty(&self) -> bool {
        self.outcomes.is_empty() && self.funnel.sent == 0 && self.words.is_empty()
    }
}

pub async fn gather(db: &Db, period: &Period, now: i64) -> Result<Gathered, sqlx::Error> {
    let mut conn = db.pool().acquire().await?;
    let (from, to) = (period.starts_at(), period.ends_at());
    let answers = answers(&mut conn, from, to).await?;
    let pairs = pairs(&mut conn, from, to).await?;
    let pair_rows: Vec<PairRow> = pairs
        .iter()
        .map(|(later, role, item, start, score)| PairRow { later, role, item, start: *start, score: *score })
        .collect();
    let today = crate::dates::date_of(now);
    Ok(Gathered {
        outcomes: figures::outcomes(&answers, &pair_rows),
        funnel: figures::funnel(&requests(&mut conn, from, to).await?, now),
        training: crate::courses::db::figures(db, &today).await?,
        network: network(&mut conn, &today).await?,
        words: words(&mut conn, from, to).await?,
    })
}

/// point, role, item, score, choice.
type AnswerTuple = (String, String, String, Option<i64>, Option<String>);

async fn answers(conn: &mut AnyConnection, from: i64, to: i64) -> Result<Vec<AnswerRow>, sqlx::Error> {
    let rows: Vec<AnswerTuple> = sqlx::query_as(
        "SELECT i.point, i.role, a.item, a.score, a.choice FROM survey_answers a \
         JOIN survey_invitations i ON i.id = a.invitation_id \
         WHERE i.answered_at >= $1 AND i.answered_at < $2 AND (a.score IS NOT NULL OR a.choice IS NOT NULL)",
    )
    .bind(from)
    .bind(to)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(point, role, item, score, choice)| AnswerRow { point, role, item, score, choice })
        .collect())
}

/// later point, role, item, start score, later score.
type PairTuple = (String, String, String, i64, i64);

/// Start scores of the same person in the same relationship and role
/// beside their end and six-month scores answered in the period (the start
/// may be earlier).
async fn pairs(conn: &mut AnyConnection, from: i64, to: i64) -> Result<Vec<PairTuple>, sqlx::Error> {
    sqlx::query_as(
        "SELECT e.point, e.role, ea.item, sa.score, ea.score FROM survey_invitations e \
         JOIN survey_answers ea ON ea.invitation_id = e.id \
         JOIN survey_invitations s ON s.person_id = e.person_id AND s.relationship_id = e.relationship_id \
              AND s.role = e.role AND s.point = 'start' AND s.answered_at IS NOT NULL \
         JOIN survey_answers sa ON sa.invitation_id = s.id AND sa.item = ea.item \
         WHERE e.point IN ('end', 'follow-up') AND e.answered_at >= $1 AND e.answered_at < $2 \
               AND ea.score IS NOT NULL AND sa.score IS NOT NULL",
    )
    .bind(from)
    .bind(to)
    .fetch_all(conn)
    .await
}

/// Requests sent in the period and what became of them, as of now.
async fn requests(conn: &mut AnyConnection, from: i64, to: i64) -> Result<Vec<RequestRow>, sqlx::Error> {
    #[allow(clippy::type_complexity)]
    let rows: Vec<(i64, String, i64, Option<i64>, Option<String>, i64, Option<String>, Option<i64>)> =
        sqlx::query_as(
            "SELECT r.priority, r.state, r.submitted_at, rel.started_at, rel.state, \
                    (SELECT COUNT(*) FROM relationship_events e WHERE e.relationship_id = r.id AND e.event = 'agreed'), \
                    rel.end_reason, \
                    (SELECT MIN(e.at) FROM request_events e WHERE e.request_id = r.id AND e.actor_role = 'coordinator') \
             FROM mentoring_requests r LEFT JOIN relationships rel ON rel.id = r.id \
             WHERE r.submitted_at >= $1 AND r.submitted_at < $2",
        )
        .bind(from)
        .bind(to)
        .fetch_all(conn)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(priority, state, submitted_at, started_at, rel_state, agreed, end_reason, first)| RequestRow {
            priority: priority != 0,
            withdrawn: state == "withdrawn",
            submitted_at,
            matched_at: started_at,
            // Relationships from before agreements existed went straight to active.
            agreed: agreed > 0 || rel_state.as_deref() == Some("active"),
            end_reason,
            first_coordinator_action_at: first,
        })
        .collect())
}

/// profession, sector, area, capacity, accepting, active mentees,
/// deactivated_at, refresher_due_on.
type MentorTuple = (String, String, String, i64, i64, i64, Option<i64>, Option<String>);

/// Mentors listed in the directory today, as the directory decides it.
async fn network(conn: &mut AnyConnection, today: &str) -> Result<Network, sqlx::Error> {
    let rows: Vec<MentorTuple> = sqlx::query_as(
        "SELECT p.profession, p.sector, p.area, p.capacity, p.accepting, \
                (SELECT COUNT(*) FROM relationships r WHERE r.mentor_id = p.user_id AND r.state IN ('agreeing', 'active')), \
                u.deactivated_at, a.refresher_due_on \
         FROM mentor_profiles p JOIN users u ON u.id = p.user_id \
         LEFT JOIN accreditations a ON a.user_id = p.user_id",
    )
    .fetch_all(conn)
    .await?;
    let mut network = Network::default();
    for (profession, sector, area, capacity, accepting, active, deactivated, due) in rows {
        if !approved_profile_listed(deactivated, due.as_deref(), today) {
            continue;
        }
        let free = if accepting != 0 { (capacity - active).max(0) } else { 0 };
        for count in [
            &mut network.total,
            network.by_profession.entry(profession).or_default(),
            network.by_sector.entry(sector).or_default(),
            network.by_area.entry(area).or_default(),
        ] {
            count.mentors += 1;
            count.free_places += free;
        }
    }
    Ok(network)
}

async fn words(conn: &mut AnyConnection, from: i64, to: i64) -> Result<Words, sqlx::Error> {
    let rows: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT i.point, i.role, a.body FROM survey_answers a JOIN survey_invitations i ON i.id = a.invitation_id \
         WHERE a.item = 'difference' AND a.body IS NOT NULL AND i.answered_at >= $1 AND i.answered_at < $2",
    )
    .bind(from)
    .bind(to)
    .fetch_all(conn)
    .await?;
    let mut words = Words::new();
    for (point, role, body) in rows {
        let body = body.trim();
        if !body.is_empty() {
            words.entry((point, role)).or_default().push(body.to_string());
        }
    }
    for bodies in words.values_mut() {
        bodies.sort_by(|a, b| a.to_lowercase().cmp(&b.to_lowercase()).then_with(|| a.cmp(b)));
    }
    Ok(words)
}
