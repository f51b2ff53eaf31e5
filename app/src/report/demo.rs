//! Demo data for the service report: a year of requests and relationships
//! with the generated demo mentors, and the study's questionnaires answered
//! at the start, the end and six months on, so the report means something
//! on a fresh start. Loaded only with the other demo data.
//!
//! Deterministic, with no random numbers: scores come from a golden-ratio
//! sequence, whose values spread evenly over [0, 1), so each item's mean
//! lands near the study's and is the same on every machine.
//!
//! Every demo relationship has ended before today, so none of them take a
//! mentor's place, wait in a coordinator's queue or go "quiet".

use crate::db::{Db, Tx};
use crate::report::figures::study_mean;

const DAY: i64 = 86_400;
/// Demo mentees; each sends one request.
const MENTEES: i64 = 60;
/// Generated accounts cannot sign in: this is not a valid password hash.
const NO_PASSWORD: &str = "!demo-account-without-password";
const GOLDEN: f64 = 0.618_033_988_749_895;

const WORDS: [&str; 8] = [
    "I feel more confident raising problems with my manager.",
    "Having someone outside my team to talk to made a real difference.",
    "I have a plan for the next step in my career.",
    "I went back to protecting my breaks, and sleep better for it.",
    "It reminded me why I came into this work.",
    "I learnt to say no to some things without feeling guilty.",
    "Listening to a colleague's story helped me see my own more clearly.",
    "I now know where to go for support, and I have used it.",
];

/// A score whose mean over many `k` is `mean`: rounds `mean ± 0.5`, spread
/// evenly by the golden-ratio sequence (no value above 5.5, so none is cut).
fn score(mean: f64, k: i64, salt: f64) -> i64 {
    let u = (k as f64 * GOLDEN + salt).fract();
    (mean + u - 0.5).round().clamp(1.0, 5.0) as i64
}

/// The mean for an item at a point: lower at the start, as people come
/// with a difficulty, the study's at the end, a little less six months on.
fn target(item: &str, role: &str, point: &str) -> f64 {
    let study = study_mean(item, role).unwrap_or(4.0);
    match point {
        "start" => study - 0.7,
        "follow-up" => study - 0.15,
        _ => study,
    }
}

/// One answer: item, score, choice, free text.
type Item = (&'static str, Option<i64>, Option<&'static str>, Option<&'static str>);

async fn answer(
    tx: &mut Tx,
    person: i64,
    rel: i64,
    point: &str,
    role: &str,
    at: i64,
    k: i64,
) -> Result<(), sqlx::Error> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO survey_invitations (claim_key, person_id, relationship_id, point, role, questionnaire, \
         created_at, expires_at, emailed_at, answered_at) \
         VALUES ($1, $2, $3, $4, $5, 'study-v1', $6, $7, $6, $8) RETURNING id",
    )
    .bind(format!("rel:{rel}:{point}:{role}"))
    .bind(person)
    .bind(rel)
    .bind(point)
    .bind(role)
    .bind(at - 2 * DAY)
    .bind(at + 28 * DAY)
    .bind(at)
    .fetch_one(&mut **tx)
    .await?;
    let salt = if role == "mentor" { 0.31 } else { 0.0 };
    let mut items: Vec<Item> = ["wellbeing", "environment", "overall"]
        .iter()
        .enumerate()
        .map(|(i, item)| {
            (*item, Some(score(target(item, role, point), k, salt + 0.17 * i as f64)), None, None)
        })
        .collect();
    if point == "end" {
        let choice = match k % 9 {
            0 => "not-sure",
            4 if role == "mentor" => "no",
            _ => "yes",
        };
        items.push(("recommend", None, Some(choice), None));
    }
    if point != "start" && k % 2 == 0 {
        items.push(("difference", None, None, Some(WORDS[(k / 2) as usize % WORDS.len()])));
    }
    for (item, score, choice, body) in items {
        sqlx::query("INSERT INTO survey_answers (invitation_id, item, score, choice, body) VALUES ($1, $2, $3, $4, $5)")
            .bind(id)
            .bind(item)
            .bind(score)
            .bind(choice)
            .bind(body)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

async fn event(tx: &mut Tx, sql: &str, id: i64, what: &str, role: &str, at: i64) -> Result<(), sqlx::Error> {
    sqlx::query(sql).bind(id).bind(what).bind(role).bind(at).execute(&mut **tx).await?;
    Ok(())
}

const REQUEST_EVENT: &str =
    "INSERT INTO request_events (request_id, event, actor_id, actor_role, mentor_id, note, at) \
                             VALUES ($1, $2, NULL, $3, NULL, '', $4)";
const RELATIONSHIP_EVENT: &str =
    "INSERT INTO relationship_events (relationship_id, event, actor_id, actor_role, \
                                  reason, note, at) VALUES ($1, $2, NULL, $3, '', '', $4)";

/// One request `k` from `mentee` to `mentor`, sent at `sent`: matched or
/// withdrawn, and if matched, agreed (or not) and ended.
async fn relationship(
    tx: &mut Tx,
    k: i64,
    mentee: i64,
    mentor: i64,
    sent: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    // One in twelve is withdrawn before a match; one in seven is priority.
    let matched = k % 12 != 11;
    let request: i64 = sqlx::query_scalar(
        "INSERT INTO mentoring_requests (mentee_id, state, mentor_id, goal, topics, professions, sectors, areas, \
         modes, forms, days, times, organisation, outside_own_organisation, share_with_mentor, priority, \
         created_at, updated_at, submitted_at) VALUES ($1, $2, $3, 'Talk through my next steps at work', \
         ',stress,', '', '', '', ',video,', ',one-to-one,', '', '', '', 0, 1, $4, $5, $5, $5) RETURNING id",
    )
    .bind(mentee)
    .bind(if matched { "active" } else { "withdrawn" })
    .bind(matched.then_some(mentor))
    .bind(i64::from(k % 7 == 0))
    .bind(sent)
    .fetch_one(&mut **tx)
    .await?;
    event(tx, REQUEST_EVENT, request, "submit", "mentee", sent).await?;
    // Triage within 0–3 days, so a few priority requests are late.
    event(tx, REQUEST_EVENT, request, "approve", "coordinator", sent + (k % 4) * DAY + 3600).await?;
    if !matched {
        return event(tx, REQUEST_EVENT, request, "withdraw", "mentee", sent + 5 * DAY).await;
    }
    let started = sent + (2 + (k * 7) % 11) * DAY;
    let agreed = k % 10 != 9;
    let ended = started + if agreed { 90 } else { 20 } * DAY;
    let reason = match (agreed, k % 6) {
        (false, _) => "not-right-fit",
        (true, 0..=2) => "goals-met",
        (true, 3 | 4) => "time-up",
        _ => "lost-touch",
    };
    sqlx::query(
        "INSERT INTO relationships (id, mentor_id, mentee_id, state, started_at, ended_at, end_reason, updated_at) \
         VALUES ($1, $2, $3, 'ended', $4, $5, $6, $5)",
    )
    .bind(request)
    .bind(mentor)
    .bind(mentee)
    .bind(started)
    .bind(ended)
    .bind(reason)
    .execute(&mut **tx)
    .await?;
    event(tx, REQUEST_EVENT, request, "accept", "mentor", started).await?;
    if agreed {
        event(tx, RELATIONSHIP_EVENT, request, "agreed", "mentee", started + 3 * DAY).await?;
    }
    event(tx, RELATIONSHIP_EVENT, request, "end", "mentee", ended).await?;
    for (person, role, kk) in [(mentee, "mentee", k), (mentor, "mentor", k + 1000)] {
        if agreed {
            answer(tx, person, request, "start", role, started + 4 * DAY, kk).await?;
        }
        // Not everyone answers: about four in five at the end, two in three later.
        if kk % 5 != 4 {
            answer(tx, person, request, "end", role, ended + 3 * DAY, kk).await?;
        }
        let follow_up = ended + 185 * DAY;
        if kk % 3 != 2 && follow_up < now {
            answer(tx, person, request, "follow-up", role, follow_up, kk).await?;
        }
    }
    Ok(())
}

/// Loads the report's demo data: 60 requests over the past year to the
/// generated demo mentors. Does nothing without them.
pub async fn load(db: &Db, now: i64) -> Result<(), sqlx::Error> {
    let mentors: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM users WHERE email LIKE 'mentor%@demo.mentorwell.invalid' ORDER BY id LIMIT 30",
    )
    .fetch_all(db.pool())
    .await?;
    if mentors.is_empty() {
        return Ok(());
    }
    let mut mentees = Vec::new();
    for k in 0..MENTEES {
        let email = format!("mentee{k:02}@demo.mentorwell.invalid");
        let name = format!("Demo mentee {}", k + 1);
        mentees.push(crate::accounts::db::upsert_verified_user(db, &email, &name, NO_PASSWORD, now).await?);
    }
    let mut tx = db.begin_write().await?;
    for (k, mentee) in (0..MENTEES).zip(mentees) {
        // Sent over the year up to four months ago, so all have ended by now.
        let sent = now - 360 * DAY + k * 4 * DAY;
        let mentor = mentors[(k as usize * 7) % mentors.len()];
        relationship(&mut tx, k, mentee, mentor, sent, now).await?;
    }
    // The generated people never sign in and their answers above are made
    // up, so the service asks them nothing: no questions are emailed to
    // made-up addresses (each half-year every listed mentor is due a
    // check-in, which would fill the outbox with hundreds).
    sqlx::query("UPDATE users SET no_surveys = 1 WHERE email LIKE '%@demo.mentorwell.invalid'")
        .execute(&mut *tx)
        .await?;
    tx.commit().await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_average_near_the_target_and_stay_on_the_scale() {
        for mean in [3.34, 4.02, 4.28, 4.64] {
            let scores: Vec<i64> = (0..50).map(|k| score(mean, k, 0.17)).collect();
            let got = scores.iter().sum::<i64>() as f64 / scores.len() as f64;
            assert!((got - mean).abs() < 0.1, "{mean}: {got}");
            assert!(scores.iter().all(|s| (1..=5).contains(s)));
        }
    }
}
