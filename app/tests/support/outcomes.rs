//! Helpers shared by the outcome questionnaire database tests: a pair who
//! agreed at `NOW`, two sweepers at once, and reading back what the sweep
//! made and emailed. Included by path from each test file (a file directly
//! in `tests/` would be a test of its own), so not every helper is used by
//! each.
#![allow(dead_code)]

use crate::support::pairs::{matched, person};
use crate::support::{mentor, NOW};
use app::dates;
use app::db::Db;
use app::outcomes::questionnaires::Answer;
use app::outcomes::sweep::sweep;
use app::relationships::agreement::{Agreement, AgreementFields};
use app::relationships::flow::agree;
use app::sessions::booking::Context;

pub const URL: &str = "https://mentorwell.example";
pub const FOLLOW_UP: i64 = 182;
pub const SUBJECT: &str = "A few questions for you";
/// 1 July 2026 and 1 January 2027, 00:00 UTC: half-years start.
pub const JULY: i64 = 1_782_864_000;
pub const JANUARY: i64 = 1_798_761_600;

pub fn context(now: i64) -> Context<'static> {
    Context { now, public_url: URL, cutoff_hours: 24 }
}

pub fn terms() -> Agreement {
    let today = dates::date_of(NOW);
    let fields = AgreementFields {
        meeting: "Library".into(),
        contact: "Work email".into(),
        ..AgreementFields::first(&today, String::new())
    };
    fields.check(&today).unwrap()
}

/// A pair who both agreed at `NOW`: (mentee, mentor, relationship).
pub async fn agreed_pair(db: &Db, mentee: &str, mentor_name: &str) -> (i64, i64, i64) {
    let tom = mentor(db, mentor_name, 2).await;
    let (ann, coordinator) = (person(db, mentee).await, person(db, &format!("{mentee}-coord")).await);
    let id = matched(db, ann, tom, coordinator).await;
    agree(db, &context(NOW), id, ann, false, 0, &terms()).await.unwrap();
    assert!(agree(db, &context(NOW), id, tom, false, 1, &terms()).await.unwrap().both);
    (ann, tom, id)
}

/// Two instances sweeping at the same moment; how many each made.
pub async fn two_sweeps(db: &Db, now: i64) -> usize {
    let (a, b) = tokio::join!(sweep(db, now, FOLLOW_UP, URL), sweep(db, now, FOLLOW_UP, URL));
    a.unwrap() + b.unwrap()
}

/// (point, questionnaire) of each invitation to `person`, oldest first.
pub async fn invitations(db: &Db, person: i64) -> Vec<(String, String)> {
    sqlx::query_as("SELECT point, questionnaire FROM survey_invitations WHERE person_id = $1 ORDER BY id")
        .bind(person)
        .fetch_all(db.pool())
        .await
        .unwrap()
}

pub async fn invitation_ids(db: &Db, person: i64) -> Vec<i64> {
    sqlx::query_scalar("SELECT id FROM survey_invitations WHERE person_id = $1 ORDER BY id")
        .bind(person)
        .fetch_all(db.pool())
        .await
        .unwrap()
}

/// The bodies of the question emails to `person`.
pub async fn emails_to(db: &Db, person: i64) -> Vec<String> {
    sqlx::query_scalar(
        "SELECT o.body_text FROM outbox o JOIN users u ON u.email = o.to_address \
         WHERE u.id = $1 AND o.subject = $2 ORDER BY o.id",
    )
    .bind(person)
    .bind(SUBJECT)
    .fetch_all(db.pool())
    .await
    .unwrap()
}

pub async fn count(db: &Db, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(db.pool()).await.unwrap()
}

pub fn good_answers() -> Vec<(&'static str, Answer)> {
    vec![("wellbeing", Answer::Score(4)), ("environment", Answer::Score(5)), ("overall", Answer::Score(4))]
}
