//! The home page's "What's next" for each kind of person, on both engines:
//! a new member of staff, a mentee whose request is under way, a matched
//! mentee with a session booked, a mentor, and a coordinator.

mod support;

use app::accounts::{CurrentUser, Role};
use app::db::Db;
use app::home::db::next_steps;
use app::requests::db::{save_draft, Saved};
use app::requests::flow;
use app::requests::form::RequestFields;
use app::sessions::booking::{book, Context};
use support::pairs::{matched, open_diary, person, settings, DAY};
use support::{databases, mentor, NOW};

const QUIET_DAYS: i64 = 42;

fn user(id: i64, roles: &[Role]) -> CurrentUser {
    CurrentUser { id, display_name: String::new(), email: String::new(), roles: roles.to_vec() }
}

async fn sent_request(db: &Db, mentee: i64, topics: &[&str]) -> i64 {
    let fields = RequestFields {
        goal: "Help with my workload".into(),
        topics: topics.iter().map(|t| t.to_string()).collect(),
        share_with_mentor: true,
        ..Default::default()
    };
    let mut tx = db.begin_write().await.unwrap();
    let Saved::Draft(draft) = save_draft(&mut tx, mentee, &fields, NOW).await.unwrap() else {
        panic!("a draft")
    };
    tx.commit().await.unwrap();
    flow::submit(db, mentee, &settings(NOW)).await.unwrap();
    draft.id
}

#[tokio::test]
async fn each_person_sees_what_is_next_for_them() {
    for (name, db) in databases().await {
        let coordinator = person(&db, "Cora Coordinator").await;
        let tom = mentor(&db, "Tom Mentor", 3).await;
        let newcomer = person(&db, "Nina New").await;
        let waiting = person(&db, "Wes Waiting").await;
        let priya = person(&db, "Priya Matched").await;

        // A new member of staff: nothing under way, so the first steps.
        let next = next_steps(&db, &user(newcomer, &[Role::Mentee]), NOW, QUIET_DAYS).await.unwrap();
        assert!(next.is_new(), "{name}: {next:?}");

        // A request sent with a risk topic: where it stands, and a
        // priority request waiting for the coordinators.
        sent_request(&db, waiting, &["bullying-harassment"]).await;
        let next = next_steps(&db, &user(waiting, &[Role::Mentee]), NOW, QUIET_DAYS).await.unwrap();
        let request = next.request.as_ref().expect("the request");
        // Sending suggests a mentor for a coordinator to check.
        assert!(!request.draft && request.status.contains("coordinator"), "{name}: {request:?}");
        assert!(!next.is_new(), "{name}");

        // Matched, with a session booked: the mentor and the session.
        let relationship = matched(&db, priya, tom, coordinator).await;
        let slots = open_diary(&db, tom).await;
        let slot = *slots.iter().find(|s| **s > NOW + 3 * DAY).unwrap();
        let context = Context { now: NOW, public_url: "http://mentorwell.test", cutoff_hours: 24 };
        book(&db, &context, priya, relationship, slot, "room", "").await.unwrap();
        let next = next_steps(&db, &user(priya, &[Role::Mentee]), NOW, QUIET_DAYS).await.unwrap();
        assert_eq!(next.request, None, "{name}: the request became the relationship");
        assert_eq!(next.mentors.len(), 1, "{name}");
        let mine = &next.mentors[0];
        assert_eq!((mine.relationship_id, mine.with_name.as_str()), (relationship, "Tom Mentor"), "{name}");
        let when = mine.next_session.as_deref().expect("the next session");
        assert!(when.contains(":00") && (when.contains("GMT") || when.contains("BST")), "{name}: {when}");

        // The mentor: an offer waiting, the mentee and the session, listed
        // with the refresher date.
        let asked = sent_request(&db, person(&db, "Omar Offered").await, &["stress"]).await;
        flow::approve(&db, asked, tom, coordinator, "", &settings(NOW)).await.unwrap();
        let next = next_steps(&db, &user(tom, &[Role::Mentee, Role::Mentor]), NOW, QUIET_DAYS).await.unwrap();
        let m = next.mentor.as_ref().expect("the mentor card");
        assert_eq!(m.offers_waiting, 1, "{name}");
        assert!(m.listed && m.has_availability && m.refresher_due_on.is_some(), "{name}: {m:?}");
        assert_eq!(next.mentees.len(), 1, "{name}");
        assert_eq!(next.mentees[0].with_name, "Priya Matched", "{name}");
        assert!(next.mentees[0].next_session.is_some(), "{name}");
        assert!(next.mentors.is_empty() && next.coordinator.is_none(), "{name}");

        // The coordinator: two requests waiting (one priority), the offer
        // lapsing only in its last two days, a course coming up, and
        // Priya's pair quiet once six weeks pass after her session.
        sqlx::query(
            "INSERT INTO course_runs (kind, title, venue, online_link, area, facilitators, capacity, register_by, \
             status, starts_on, created_at) VALUES ('initial', 'Mentoring skills', 'Room 1', '', 'derby', 'A', 12, \
             '2030-01-01', 'open', '2030-02-01', $1)",
        )
        .bind(NOW)
        .execute(db.pool())
        .await
        .unwrap();
        sent_request(&db, person(&db, "Ada Another").await, &["stress"]).await;
        let c = next_steps(&db, &user(coordinator, &[Role::Coordinator]), NOW, QUIET_DAYS).await.unwrap();
        let c = c.coordinator.expect("the coordinator card");
        assert_eq!((c.requests_waiting, c.priority_waiting), (2, 1), "{name}: {c:?}");
        assert_eq!(c.offers_lapsing, 0, "{name}: six days to answer");
        assert_eq!(c.quiet_relationships, 0, "{name}");
        assert_eq!(c.courses.len(), 1, "{name}");
        assert_eq!(
            (c.courses[0].title.as_str(), c.courses[0].starts_on.as_str()),
            ("Mentoring skills", "2030-02-01")
        );
        let later = NOW + 5 * DAY;
        let c = next_steps(&db, &user(coordinator, &[Role::Coordinator]), later, QUIET_DAYS).await.unwrap();
        assert_eq!(c.coordinator.unwrap().offers_lapsing, 1, "{name}: a day left");
        let quiet = slot + 43 * DAY;
        let c = next_steps(&db, &user(coordinator, &[Role::Coordinator]), quiet, QUIET_DAYS).await.unwrap();
        assert_eq!(c.coordinator.unwrap().quiet_relationships, 1, "{name}");
    }
}

#[tokio::test]
async fn a_draft_says_it_is_not_sent() {
    for (name, db) in databases().await {
        let ann = person(&db, "Ann Draft").await;
        let mut tx = db.begin_write().await.unwrap();
        let fields = RequestFields { goal: "Later".into(), ..Default::default() };
        save_draft(&mut tx, ann, &fields, NOW).await.unwrap();
        tx.commit().await.unwrap();
        let next = next_steps(&db, &user(ann, &[Role::Mentee]), NOW, QUIET_DAYS).await.unwrap();
        assert!(next.request.as_ref().is_some_and(|r| r.draft), "{name}: {next:?}");
        assert!(!next.is_new(), "{name}");
    }
}
