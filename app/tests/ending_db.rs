//! Ending well at the agreed end, against SQLite and PostgreSQL with an
//! injected clock: each of the pair is prompted once per agreed end
//! however many instances sweep, extending gives a new prompt, a date only
//! one of them agreed never counts, and after the grace period the service
//! ends it once (one end, one event, one set of cancellation emails) the
//! way a person would. A sessions-count agreement prompts once the agreed
//! sessions are held. A changed agreement emails the other of the pair.

mod support;

use app::dates;
use app::db::Db;
use app::relationships::agreement::{Agreement, AgreementFields, Length};
use app::relationships::db::by_id;
use app::relationships::ending_db::{agreed_length, prompt};
use app::relationships::ending_sweep::{sweep, Swept};
use app::relationships::flow::agree;
use app::relationships::lifecycle::{EndReason, RelationshipState};
use app::sessions::booking::{book, Context};
use app::sessions::db as sdb;
use app::sessions::state::SessionState;
use support::pairs::{matched, open_diary, person, DAY};
use support::{databases, mentor, NOW};

const URL: &str = "https://mentorwell.example";
const GRACE: i64 = 14;

fn context(now: i64) -> Context<'static> {
    Context { now, public_url: URL, cutoff_hours: 24 }
}

/// Terms that pass their checks on `NOW`'s day, lasting `length`.
fn terms(length: Length) -> Agreement {
    let today = dates::date_of(NOW);
    let mut fields = AgreementFields {
        meeting: "Library".into(),
        contact: "Work email".into(),
        ..AgreementFields::first(&today, String::new())
    };
    match length {
        Length::Until(date) => fields.ends_on = date,
        Length::Sessions(n) => {
            fields.length = "sessions".into();
            fields.sessions = n.to_string();
        }
    }
    fields.check(&today).unwrap()
}

/// A pair (mentee, mentor, relationship) who have both agreed `length`.
async fn agreed_pair(db: &Db, mentee: &str, mentor_name: &str, length: Length) -> (i64, i64, i64) {
    let tom = mentor(db, mentor_name, 2).await;
    let (ann, coordinator) = (person(db, mentee).await, person(db, &format!("{mentee}-coord")).await);
    let id = matched(db, ann, tom, coordinator).await;
    agree(db, &context(NOW), id, ann, false, 0, &terms(length.clone())).await.unwrap();
    let saved = agree(db, &context(NOW), id, tom, false, 1, &terms(length)).await.unwrap();
    assert!(saved.both);
    (ann, tom, id)
}

async fn emails(db: &Db, subject: &str) -> Vec<(String, String)> {
    sqlx::query_as("SELECT to_address, body_text FROM outbox WHERE subject = $1 ORDER BY id")
        .bind(subject)
        .fetch_all(db.pool())
        .await
        .unwrap()
}

async fn state(db: &Db, id: i64) -> RelationshipState {
    let mut conn = db.pool().acquire().await.unwrap();
    by_id(&mut conn, id).await.unwrap().unwrap().state
}

#[tokio::test]
async fn each_of_the_pair_is_prompted_once_per_agreed_end_and_extending_prompts_again() {
    for (name, db) in databases().await {
        // Instants on the agreed end day and days around it.
        let end_day = NOW + 60 * DAY;
        let day = |n: i64| end_day + n * DAY;
        let ends = dates::date_of(end_day);
        let (ann, tom, id) = agreed_pair(&db, "ann", "Tom Ending", Length::Until(ends.clone())).await;
        let run = |at: i64| {
            let db = db.clone();
            async move { sweep(&db, &context(at), GRACE).await.unwrap() }
        };

        assert_eq!(run(day(-15)).await, Swept::default(), "{name}: too early");
        // The page's prompt shows from the same day as the email goes.
        let mut conn = db.pool().acquire().await.unwrap();
        assert_eq!(prompt(&mut conn, id, day(-15), GRACE).await.unwrap(), None, "{name}");
        let text = prompt(&mut conn, id, day(-14), GRACE).await.unwrap().expect("a prompt");
        assert!(text.starts_with("Your agreed time ends on"), "{name}: {text}");
        drop(conn);
        // Three instances sweep at the same moment: one prompt, two emails.
        let at = day(-14);
        let (a, b, c) = tokio::join!(run(at), run(at), run(at));
        assert_eq!(a.prompted + b.prompted + c.prompted, 1, "{name}");
        let sent = emails(&db, "Looking ahead").await;
        let mut to: Vec<&str> = sent.iter().map(|(to, _)| to.as_str()).collect();
        to.sort_unstable();
        assert_eq!(to, ["ann@example.org", "tom.ending@example.org"], "{name}");
        for (_, body) in &sent {
            assert!(body.contains(&format!("{URL}/mentoring/{id}")), "{name}: {body}");
            assert!(!body.contains("Tom") && !body.contains("ann"), "{name}: a name in the prompt");
        }
        assert_eq!(run(day(-3)).await, Swept::default(), "{name}: prompted once");

        // Tom proposes a later date; until Ann agrees, the agreed end stays.
        let later_day = NOW + 120 * DAY;
        let later = dates::date_of(later_day);
        let saved = agree(&db, &context(day(-2)), id, tom, false, 1, &terms(Length::Until(later.clone())))
            .await
            .unwrap();
        assert!(saved.changed && !saved.both, "{name}");
        let mut conn = db.pool().acquire().await.unwrap();
        assert_eq!(agreed_length(&mut conn, id).await.unwrap(), Some(Length::Until(ends.clone())), "{name}");
        drop(conn);
        assert_eq!(run(day(-1)).await, Swept::default(), "{name}");
        // She agrees: the new end gets a prompt of its own, two weeks before.
        let saved = agree(&db, &context(day(-1)), id, ann, false, 2, &terms(Length::Until(later.clone())))
            .await
            .unwrap();
        assert!(saved.both, "{name}");
        assert_eq!(run(day(GRACE + 1)).await, Swept::default(), "{name}: the old end no longer closes it");
        assert_eq!(state(&db, id).await, RelationshipState::Active, "{name}");
        assert_eq!(run(later_day - 14 * DAY).await, Swept { prompted: 1, ended: 0 }, "{name}");
        assert_eq!(emails(&db, "Looking ahead").await.len(), 4, "{name}");
    }
}

#[tokio::test]
async fn a_date_only_one_of_them_agreed_never_prompts_or_closes() {
    for (name, db) in databases().await {
        let tom = mentor(&db, "Tom Draft", 2).await;
        let (ann, coordinator) = (person(&db, "ann").await, person(&db, "coord").await);
        let id = matched(&db, ann, tom, coordinator).await;
        let end_day = NOW + 20 * DAY;
        let day = |n: i64| end_day + n * DAY;
        let ends = dates::date_of(end_day);
        agree(&db, &context(NOW), id, ann, false, 0, &terms(Length::Until(ends.clone()))).await.unwrap();
        for at in [day(-14), day(GRACE + 1), day(200)] {
            assert_eq!(sweep(&db, &context(at), GRACE).await.unwrap(), Swept::default(), "{name}");
        }
        assert_eq!(state(&db, id).await, RelationshipState::Agreeing, "{name}");
        assert!(emails(&db, "Looking ahead").await.is_empty(), "{name}");

        // Agreed, then an earlier date proposed and not agreed: the
        // agreed date is what counts.
        let agreed = dates::date_of(NOW + 50 * DAY);
        agree(&db, &context(NOW), id, ann, false, 1, &terms(Length::Until(agreed.clone()))).await.unwrap();
        agree(&db, &context(NOW), id, tom, false, 2, &terms(Length::Until(agreed.clone()))).await.unwrap();
        agree(&db, &context(NOW), id, ann, false, 2, &terms(Length::Until(ends.clone()))).await.unwrap();
        assert_eq!(state(&db, id).await, RelationshipState::Active, "{name}");
        assert_eq!(sweep(&db, &context(day(GRACE + 1)), GRACE).await.unwrap(), Swept::default(), "{name}");
        assert_eq!(state(&db, id).await, RelationshipState::Active, "{name}");
    }
}

#[tokio::test]
async fn after_the_grace_period_the_service_ends_it_once_and_cancels_what_is_to_come() {
    for (name, db) in databases().await {
        let end_day = NOW + 20 * DAY;
        let day = |n: i64| end_day + n * DAY;
        let (ann, tom, id) =
            agreed_pair(&db, "ann", "Tom Closing", Length::Until(dates::date_of(end_day))).await;
        let slots = open_diary(&db, tom).await;
        let close_at = day(GRACE + 1);
        let slot = *slots.iter().find(|s| **s > close_at + DAY).expect("a slot after the close");
        book(&db, &context(NOW), ann, id, slot, "room", "").await.unwrap();

        assert_eq!(sweep(&db, &context(day(GRACE)), GRACE).await.unwrap().ended, 0, "{name}: in grace");
        let run = || {
            let db = db.clone();
            async move { sweep(&db, &context(close_at), GRACE).await.unwrap() }
        };
        let (a, b) = tokio::join!(run(), run());
        assert_eq!(a.ended + b.ended, 1, "{name}: one ending");

        let mut conn = db.pool().acquire().await.unwrap();
        let r = by_id(&mut conn, id).await.unwrap().unwrap();
        drop(conn);
        assert_eq!((r.state, r.end_reason), (RelationshipState::Ended, Some(EndReason::TimeUp)), "{name}");
        let events: Vec<(Option<i64>, String, String)> = sqlx::query_as(
            "SELECT actor_id, actor_role, reason FROM relationship_events WHERE relationship_id = $1 AND event = 'end'",
        )
        .bind(id)
        .fetch_all(db.pool())
        .await
        .unwrap();
        assert_eq!(events, vec![(None, "system".to_string(), "time-up".to_string())], "{name}");
        let (state, by): (String, Option<i64>) =
            sqlx::query_as("SELECT state, cancelled_by FROM mentoring_sessions WHERE request_id = $1")
                .bind(id)
                .fetch_one(db.pool())
                .await
                .unwrap();
        assert_eq!((state.as_str(), by), ("cancelled", None), "{name}");
        let cancelled: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM outbox WHERE subject LIKE 'Protected time cancelled%' AND attachment_body LIKE '%METHOD:CANCEL%'",
        )
        .fetch_one(db.pool())
        .await
        .unwrap();
        assert_eq!(cancelled, 2, "{name}: one cancellation to each");
        assert_eq!(emails(&db, "Closed as agreed").await.len(), 2, "{name}");
        // The mentor's place is free and later sweeps do nothing more.
        let mut conn = db.pool().acquire().await.unwrap();
        assert_eq!(app::relationships::db::active_mentees(&mut conn, tom).await.unwrap(), 0, "{name}");
        drop(conn);
        assert_eq!(
            sweep(&db, &context(close_at + 30 * DAY), GRACE).await.unwrap(),
            Swept::default(),
            "{name}"
        );
    }
}

#[tokio::test]
async fn a_number_of_sessions_prompts_once_they_are_held_and_closes_after_grace() {
    for (name, db) in databases().await {
        let (ann, tom, id) = agreed_pair(&db, "ann", "Tom Counting", Length::Sessions(2)).await;
        let slots = open_diary(&db, tom).await;
        let (first, second) = (slots[2], slots[12]);
        for s in [first, second] {
            book(&db, &context(NOW), ann, id, s, "room", "").await.unwrap();
        }
        let session_ids: Vec<i64> =
            sqlx::query_scalar("SELECT id FROM mentoring_sessions WHERE request_id = $1 ORDER BY starts_at")
                .bind(id)
                .fetch_all(db.pool())
                .await
                .unwrap();
        sdb::mark(&db, session_ids[0], SessionState::Held, first + 3600).await.unwrap();
        assert_eq!(
            sweep(&db, &context(first + 7200), GRACE).await.unwrap(),
            Swept::default(),
            "{name}: one held"
        );
        sdb::mark(&db, session_ids[1], SessionState::Held, second + 3600).await.unwrap();
        let at = second + 7200;
        let c = context(at);
        let (a, b) = tokio::join!(sweep(&db, &c, GRACE), sweep(&db, &c, GRACE));
        assert_eq!(a.unwrap().prompted + b.unwrap().prompted, 1, "{name}");
        assert_eq!(emails(&db, "Looking ahead").await.len(), 2, "{name}");

        // Counted from the day the second was held.
        let grace_over = second + (GRACE + 1) * DAY;
        assert_eq!(sweep(&db, &context(grace_over - DAY), GRACE).await.unwrap(), Swept::default(), "{name}");
        assert_eq!(sweep(&db, &context(grace_over), GRACE).await.unwrap().ended, 1, "{name}");
        assert_eq!(state(&db, id).await, RelationshipState::Ended, "{name}");
    }
}

#[tokio::test]
async fn a_changed_agreement_emails_the_other_a_link_only() {
    for (name, db) in databases().await {
        let tom = mentor(&db, "Tom Asking", 2).await;
        let (ann, coordinator) = (person(&db, "ann").await, person(&db, "coord").await);
        let id = matched(&db, ann, tom, coordinator).await;
        let asked = |db: Db| async move { emails(&db, "Something to look at").await };

        // Ann saves the first version: Tom is asked, she is not.
        let mut hers = terms(Length::Sessions(6));
        hers.meeting = "MARKER-where-we-meet".into();
        agree(&db, &context(NOW), id, ann, false, 0, &hers).await.unwrap();
        let sent = asked(db.clone()).await;
        assert_eq!(sent.len(), 1, "{name}");
        assert_eq!(sent[0].0, "tom.asking@example.org", "{name}");
        assert!(sent[0].1.contains(&format!("{URL}/mentoring/{id}")), "{name}");
        assert!(!sent[0].1.contains("MARKER") && !sent[0].1.contains("Ann"), "{name}: content in the email");

        // Tom agrees it unchanged: nothing to ask anyone.
        agree(&db, &context(NOW), id, tom, false, 1, &hers).await.unwrap();
        assert_eq!(asked(db.clone()).await.len(), 1, "{name}");
        // Tom changes it: Ann is asked, once.
        agree(&db, &context(NOW), id, tom, false, 1, &terms(Length::Sessions(8))).await.unwrap();
        let sent = asked(db.clone()).await;
        assert_eq!(sent.len(), 2, "{name}");
        assert_eq!(sent[1].0, "ann@example.org", "{name}");
        let subjects: Vec<String> =
            sqlx::query_scalar("SELECT subject FROM outbox").fetch_all(db.pool()).await.unwrap();
        assert!(
            subjects.iter().all(|s| !s.contains("Tom") && !s.to_lowercase().contains("mentoring")),
            "{name}"
        );
    }
}
