//! Requests against real databases, SQLite and PostgreSQL: the life of a
//! request through its transactions, a named mentor at capacity, and
//! unanswered offers reminded and expired on an injected clock.

mod support;

use app::accounts::db::upsert_verified_user;
use app::dates;
use app::db::Db;
use app::requests::db::{by_id, save_draft, Saved};
use app::requests::flow::{self, Settings};
use app::requests::form::RequestFields;
use app::requests::lifecycle::RequestState;
use app::requests::sweep::sweep;
use support::{databases, mentor, NOW};

const DAY: i64 = 86_400;

fn settings(now: i64) -> Settings {
    Settings {
        public_url: "http://mentorwell.test".into(),
        offer_seconds: 6 * DAY,
        today: dates::date_of(now),
        now,
    }
}

async fn mentee(db: &Db, name: &str) -> i64 {
    upsert_verified_user(db, &format!("{name}@example.org"), name, "x", NOW).await.unwrap()
}

/// Saves and sends a request naming `named`; returns its id.
async fn sent_request(db: &Db, mentee_id: i64, named: Option<i64>) -> i64 {
    let fields = RequestFields {
        goal: "Help with my workload".into(),
        topics: vec!["stress".into()],
        named_mentor: named,
        share_with_mentor: true,
        ..Default::default()
    };
    let mut tx = db.begin_write().await.unwrap();
    let Saved::Draft(draft) = save_draft(&mut tx, mentee_id, &fields, NOW).await.unwrap() else {
        panic!("not a draft")
    };
    tx.commit().await.unwrap();
    flow::submit(db, mentee_id, &settings(NOW)).await.unwrap();
    draft.id
}

async fn state_of(db: &Db, id: i64) -> RequestState {
    let mut conn = db.pool().acquire().await.unwrap();
    by_id(&mut conn, id).await.unwrap().unwrap().state
}

async fn count(db: &Db, sql: &str) -> i64 {
    let (n,): (i64,) = sqlx::query_as(sql).fetch_one(db.pool()).await.unwrap();
    n
}

#[tokio::test]
async fn a_request_goes_from_sent_to_an_active_relationship_with_its_history() {
    for (name, db) in databases().await {
        let tom = mentor(&db, "Tom Example", 2).await;
        let ann = mentee(&db, "ann").await;
        let id = sent_request(&db, ann, Some(tom)).await;
        assert_eq!(state_of(&db, id).await, RequestState::Proposed { mentor_id: tom }, "{name}");
        let coordinator = mentee(&db, "coord").await;
        flow::approve(&db, id, tom, coordinator, "", &settings(NOW)).await.unwrap();
        flow::answer(&db, id, tom, true, "", &settings(NOW + 60)).await.unwrap();
        assert_eq!(state_of(&db, id).await, RequestState::Active { mentor_id: tom }, "{name}");
        let events: Vec<(String, String)> =
            sqlx::query_as("SELECT event, actor_role FROM request_events WHERE request_id = $1 ORDER BY id")
                .bind(id)
                .fetch_all(db.pool())
                .await
                .unwrap();
        let expected =
            [("submit", "mentee"), ("propose", "system"), ("approve", "coordinator"), ("accept", "mentor")];
        assert_eq!(
            events.iter().map(|(e, r)| (e.as_str(), r.as_str())).collect::<Vec<_>>(),
            expected,
            "{name}"
        );
        // The mentee may ask again; Tom, already their mentor, is not suggested.
        let again = sent_request(&db, ann, None).await;
        let mut conn = db.pool().acquire().await.unwrap();
        let request = by_id(&mut conn, again).await.unwrap().unwrap();
        let (ranked, _) = flow::suggestions(&mut conn, &request, &dates::date_of(NOW)).await.unwrap();
        assert!(!ranked.iter().any(|s| s.mentor_id == tom), "{name}");
    }
}

#[tokio::test]
async fn a_named_mentor_at_capacity_is_refused_with_a_reason() {
    for (name, db) in databases().await {
        let full = mentor(&db, "Full Mentor", 1).await;
        let coordinator = mentee(&db, "coord").await;
        let first = mentee(&db, "first").await;
        let id = sent_request(&db, first, Some(full)).await;
        flow::approve(&db, id, full, coordinator, "", &settings(NOW)).await.unwrap();
        flow::answer(&db, id, full, true, "", &settings(NOW)).await.unwrap();
        let second = mentee(&db, "second").await;
        let wishes = RequestFields { named_mentor: Some(full), ..Default::default() };
        let mut conn = db.pool().acquire().await.unwrap();
        let problem =
            flow::named_mentor_problem(&mut conn, second, &wishes, &dates::date_of(NOW)).await.unwrap();
        assert_eq!(problem, Some("This mentor has no free places at the moment."), "{name}");
    }
}

#[tokio::test]
async fn a_sent_request_can_ask_for_another_mentor_until_one_is_asked() {
    for (name, db) in databases().await {
        let ann = mentor(&db, "Ann Mentor", 2).await;
        let ben = mentor(&db, "Ben Mentor", 2).await;
        let coordinator = mentee(&db, "coord").await;
        let priya = mentee(&db, "priya").await;
        let id = sent_request(&db, priya, Some(ann)).await;
        assert_eq!(state_of(&db, id).await, RequestState::Proposed { mentor_id: ann }, "{name}");

        // Ben instead: named, and the suggestion follows.
        flow::ask_for_instead(&db, priya, ben, &settings(NOW)).await.unwrap();
        let request = by_id(&mut db.pool().acquire().await.unwrap(), id).await.unwrap().unwrap();
        assert_eq!(request.fields.named_mentor, Some(ben), "{name}");
        assert_eq!(request.state, RequestState::Proposed { mentor_id: ben }, "{name}");

        // Someone who is not a listed mentor: refused with the reason.
        let nobody = mentee(&db, "nobody").await;
        let err = flow::ask_for_instead(&db, priya, nobody, &settings(NOW)).await.unwrap_err();
        assert!(format!("{err:?}").contains("mentor"), "{name}: {err:?}");

        // Once Ben has been asked, the choice is fixed.
        flow::approve(&db, id, ben, coordinator, "", &settings(NOW)).await.unwrap();
        let err = flow::ask_for_instead(&db, priya, ann, &settings(NOW)).await.unwrap_err();
        assert!(format!("{err:?}").contains(flow::ALREADY_ASKED), "{name}: {err:?}");
        assert_eq!(state_of(&db, id).await, RequestState::Offered { mentor_id: ben }, "{name}");
    }
}

#[tokio::test]
async fn an_unanswered_offer_is_reminded_half_way_and_lapses_at_its_deadline() {
    for (name, db) in databases().await {
        let tom = mentor(&db, "Tom Example", 2).await;
        let coordinator = mentee(&db, "coord").await;
        app::accounts::db::grant_role(&db, coordinator, app::accounts::Role::Coordinator, NOW).await.unwrap();
        let ann = mentee(&db, "ann").await;
        let id = sent_request(&db, ann, Some(tom)).await;
        flow::approve(&db, id, tom, coordinator, "", &settings(NOW)).await.unwrap();
        let reminders = "SELECT COUNT(*) FROM outbox WHERE subject LIKE 'Reminder:%'";

        // Before half way: nothing. Half way: one reminder, even with two
        // instances sweeping at the same moment.
        assert_eq!(sweep(&db, NOW + 3 * DAY - 1, "http://x").await.unwrap().reminded, 0, "{name}");
        let (a, b) =
            tokio::join!(sweep(&db, NOW + 3 * DAY, "http://x"), sweep(&db, NOW + 3 * DAY, "http://x"));
        assert_eq!(a.unwrap().reminded + b.unwrap().reminded, 1, "{name}");
        assert_eq!(count(&db, reminders).await, 1, "{name}");
        assert_eq!(state_of(&db, id).await, RequestState::Offered { mentor_id: tom }, "{name}");

        // At the deadline it lapses, once, and coordinators are told.
        let (a, b) =
            tokio::join!(sweep(&db, NOW + 6 * DAY, "http://x"), sweep(&db, NOW + 6 * DAY, "http://x"));
        assert_eq!(a.unwrap().expired + b.unwrap().expired, 1, "{name}");
        assert_eq!(state_of(&db, id).await, RequestState::Expired, "{name}");
        assert_eq!(count(&db, "SELECT COUNT(*) FROM outbox WHERE subject = 'An offer lapsed'").await, 1);

        // The mentor answering late is told the offer lapsed.
        let late = flow::answer(&db, id, tom, true, "", &settings(NOW + 7 * DAY)).await.unwrap_err();
        assert!(late.to_string().contains("expired before it was answered"), "{name}: {late}");
        // A coordinator can offer it again, to someone else.
        let other = mentor(&db, "Other Mentor", 2).await;
        flow::approve(&db, id, other, coordinator, "", &settings(NOW + 7 * DAY)).await.unwrap();
        assert_eq!(state_of(&db, id).await, RequestState::Offered { mentor_id: other }, "{name}");
    }
}
