//! Courses against real databases, SQLite and PostgreSQL: thirty people
//! racing for the last five places, a cancellation promoting exactly one,
//! completion giving accreditation and the mentor role, and, on an
//! injected clock, reminders once each, a lapse and a refresher.

mod support;

use app::accounts::db::{roles_of, upsert_verified_user};
use app::accounts::Role;
use app::courses::db;
use app::courses::flow::{self, Placed};
use app::courses::lists::{PlaceState, RunStatus, REFRESHER_NEEDS_ACCREDITATION};
use app::courses::run::{DayFields, RunFields};
use app::courses::sweep::sweep;
use app::db::Db;
use app::directory::db::status_of;
use app::directory::listing::ListingStatus;
use support::{databases, NOW};

fn run_fields(kind: &str, capacity: i64, first_day: &str) -> RunFields {
    let second = app::dates::add_days(first_day, 7).unwrap();
    RunFields {
        kind: kind.into(),
        title: "Mentoring in Healthcare Organisations".into(),
        days: vec![
            DayFields { day: first_day.into(), starts_at: "09:30".into(), ends_at: "16:30".into() },
            DayFields { day: second, starts_at: "09:30".into(), ends_at: "16:30".into() },
        ],
        venue: "Education Centre".into(),
        area: "derby".into(),
        facilitators: "A. Trainer".into(),
        capacity: capacity.to_string(),
        register_by: first_day.into(),
        ..Default::default()
    }
}

async fn new_run(db: &Db, kind: &str, capacity: i64, first_day: &str) -> i64 {
    let mut tx = db.begin_write().await.unwrap();
    let id =
        db::insert_run(&mut tx, &run_fields(kind, capacity, first_day), RunStatus::Open, NOW).await.unwrap();
    tx.commit().await.unwrap();
    id
}

async fn person(db: &Db, name: &str) -> i64 {
    upsert_verified_user(db, &format!("{name}@example.org"), name, "x", NOW).await.unwrap()
}

async fn emails_to(db: &Db, to: &str) -> i64 {
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM outbox WHERE to_address = $1")
        .bind(to)
        .fetch_one(db.pool())
        .await
        .unwrap();
    n
}

#[tokio::test]
async fn thirty_people_race_for_the_last_five_places() {
    for (name, db) in databases().await {
        let run = new_run(&db, "initial", 12, "2027-03-04").await;
        for i in 0..7 {
            let id = person(&db, &format!("early{i}")).await;
            assert_eq!(
                flow::register(&db, run, id, "2027-01-01", NOW).await.unwrap(),
                Ok(Placed::Registered)
            );
        }
        let mut people = vec![];
        for i in 0..30 {
            people.push(person(&db, &format!("racer{i}")).await);
        }
        let tasks: Vec<_> = people
            .iter()
            .map(|&id| {
                let db = db.clone();
                tokio::spawn(async move { flow::register(&db, run, id, "2027-01-01", NOW).await })
            })
            .collect();
        let mut placed = vec![];
        for task in tasks {
            placed.push(task.await.unwrap().unwrap().unwrap());
        }
        assert_eq!(placed.iter().filter(|p| **p == Placed::Registered).count(), 5, "{name}");
        let mut waiting: Vec<i64> =
            placed.iter().filter_map(|p| if let Placed::Waiting(n) = p { Some(*n) } else { None }).collect();
        waiting.sort();
        assert_eq!(waiting, (1..=25).collect::<Vec<_>>(), "{name}: each told their place in the queue");

        let rows = db::places(&db, run, 2).await.unwrap();
        let registered: Vec<i64> =
            rows.iter().filter(|p| p.state == PlaceState::Registered).map(|p| p.position).collect();
        let queued: Vec<i64> =
            rows.iter().filter(|p| p.state == PlaceState::Waitlisted).map(|p| p.position).collect();
        assert_eq!(registered.len(), 12, "{name}: capacity never exceeded");
        assert_eq!(queued.len(), 25, "{name}");
        assert!(registered.iter().max() < queued.iter().min(), "{name}: places went in order of arrival");

        // One person gives up a place: exactly the first in the queue moves up.
        let first_waiting = rows.iter().find(|p| p.state == PlaceState::Waitlisted).unwrap().clone();
        let leaving = rows.iter().find(|p| p.state == PlaceState::Registered).unwrap().user_id;
        let promoted = flow::cancel_place(&db, run, leaving, NOW, "http://mw.test").await.unwrap().unwrap();
        assert_eq!(promoted, Some(first_waiting.user_id), "{name}");
        let after = db::places(&db, run, 2).await.unwrap();
        assert_eq!(after.iter().filter(|p| p.state == PlaceState::Registered).count(), 12, "{name}");
        assert_eq!(after.iter().filter(|p| p.state == PlaceState::Waitlisted).count(), 24, "{name}");
        assert_eq!(emails_to(&db, &first_waiting.email).await, 1, "{name}: the promoted person is told");

        // Registering twice, late, or for a cancelled run changes nothing.
        let again = flow::register(&db, run, first_waiting.user_id, "2027-01-01", NOW).await.unwrap();
        assert_eq!(again.unwrap_err().message(), "You already have a place on this course.");
        let late_person = person(&db, "late").await;
        let late = flow::register(&db, run, late_person, "2027-03-05", NOW).await.unwrap();
        assert_eq!(late.unwrap_err().message(), "Registration for this course closed on 4 March 2027.");
        let told =
            flow::cancel_run(&db, run, "The trainer is ill.", NOW, "http://mw.test").await.unwrap().unwrap();
        assert_eq!(told, 36, "{name}: everyone registered or waiting is emailed");
        let cancelled = flow::register(&db, run, late_person, "2027-01-01", NOW).await.unwrap();
        assert_eq!(cancelled.unwrap_err().message(), "This course has been cancelled.");
    }
}

#[tokio::test]
async fn completion_accredits_and_a_lapse_is_mended_by_a_refresher() {
    for (name, db) in databases().await {
        let coordinator = person(&db, "coordinator").await;
        let ann = person(&db, "ann").await;
        let run_id = new_run(&db, "initial", 10, "2027-03-04").await;
        flow::register(&db, run_id, ann, "2027-01-01", NOW).await.unwrap().unwrap();
        assert!(db::is_trainee(&db, ann).await.unwrap(), "{name}: registered on initial training");
        let run = db::run_by_id(&db, run_id).await.unwrap().unwrap();
        db::set_attendance(&db, run_id, ann, 1, true, coordinator, NOW).await.unwrap();
        let refused = flow::complete(&db, &run, ann, "MW-AAAA-BBBB-CCCC", 3, coordinator, NOW).await.unwrap();
        assert_eq!(
            refused.unwrap_err().message(),
            "ann is not marked present on day 2. Mark attendance for every day first."
        );
        db::set_attendance(&db, run_id, ann, 2, true, coordinator, NOW).await.unwrap();
        let code =
            flow::complete(&db, &run, ann, "MW-AAAA-BBBB-CCCC", 3, coordinator, NOW).await.unwrap().unwrap();
        assert_eq!(code, "MW-AAAA-BBBB-CCCC");
        assert!(roles_of(&db, ann).await.unwrap().contains(&Role::Mentor), "{name}: now a mentor");
        assert!(!db::is_trainee(&db, ann).await.unwrap(), "{name}: no longer a trainee");
        let certificate = db::by_code(&db, &code).await.unwrap().unwrap();
        assert_eq!((certificate.name.as_str(), certificate.completed_on.as_str()), ("ann", "2027-03-11"));
        let (due,): (String,) =
            sqlx::query_as("SELECT refresher_due_on FROM accreditations WHERE user_id = $1")
                .bind(ann)
                .fetch_one(db.pool())
                .await
                .unwrap();
        assert_eq!(due, "2030-03-11", "{name}: refresher due three years on");

        // Reminders: none early, the 90-day one once, the 30-day one once.
        assert_eq!(sweep(&db, "2029-12-01", NOW, "http://mw.test").await.unwrap(), 0, "{name}");
        assert_eq!(sweep(&db, "2029-12-11", NOW, "http://mw.test").await.unwrap(), 1, "{name}");
        assert_eq!(sweep(&db, "2029-12-12", NOW, "http://mw.test").await.unwrap(), 0, "{name}: once");
        assert_eq!(sweep(&db, "2030-02-09", NOW, "http://mw.test").await.unwrap(), 1, "{name}");
        assert_eq!(sweep(&db, "2030-02-10", NOW, "http://mw.test").await.unwrap(), 0, "{name}: once");
        assert_eq!(emails_to(&db, "ann@example.org").await, 2, "{name}");

        // Lapsed the day after the due date; a refresher puts it right.
        assert!(
            matches!(
                status_of(&db, ann, "2030-03-12").await.unwrap(),
                ListingStatus::AccreditationLapsed { .. }
            ),
            "{name}"
        );
        let refresher = new_run(&db, "refresher", 10, "2030-04-01").await;
        flow::register(&db, refresher, ann, "2030-03-20", NOW).await.unwrap().unwrap();
        for day in 1..=2 {
            db::set_attendance(&db, refresher, ann, day, true, coordinator, NOW).await.unwrap();
        }
        let refresher_run = db::run_by_id(&db, refresher).await.unwrap().unwrap();
        flow::complete(&db, &refresher_run, ann, "MW-DDDD-EEEE-FFFF", 3, coordinator, NOW)
            .await
            .unwrap()
            .unwrap();
        let status = status_of(&db, ann, "2030-04-09").await.unwrap();
        assert!(!matches!(status, ListingStatus::AccreditationLapsed { .. }), "{name}: {status:?}");
        // The next due date gets its own reminders.
        assert_eq!(sweep(&db, "2033-01-08", NOW, "http://mw.test").await.unwrap(), 1, "{name}");

        // A refresher is for the accredited, current or lapsed (Ann took
        // her place while lapsed): someone never accredited gets no place,
        // not even on the waiting list, and is told why.
        let bob = person(&db, "bob").await;
        let refused = flow::register(&db, refresher, bob, "2030-03-20", NOW).await.unwrap();
        assert_eq!(refused.unwrap_err().message(), REFRESHER_NEEDS_ACCREDITATION, "{name}");
        assert_eq!(db::places_of(&db, bob).await.unwrap(), vec![], "{name}");
        // Initial training is for anyone.
        let initial = new_run(&db, "initial", 10, "2030-04-01").await;
        assert_eq!(
            flow::register(&db, initial, bob, "2030-03-20", NOW).await.unwrap(),
            Ok(Placed::Registered)
        );
        // A place given before that rule still cannot complete a refresher.
        sqlx::query(
            "INSERT INTO course_places (run_id, user_id, state, position, registered_at, changed_at) \
             VALUES ($1, $2, 'registered', 99, $3, $3)",
        )
        .bind(refresher)
        .bind(bob)
        .bind(NOW)
        .execute(db.pool())
        .await
        .unwrap();
        for day in 1..=2 {
            db::set_attendance(&db, refresher, bob, day, true, coordinator, NOW).await.unwrap();
        }
        let refused =
            flow::complete(&db, &refresher_run, bob, "MW-GGGG-HHHH-JJJJ", 3, coordinator, NOW).await.unwrap();
        assert!(refused.unwrap_err().message().contains("no accreditation to refresh"), "{name}");
    }
}

#[tokio::test]
async fn nobody_jumps_the_queue_and_a_cancelled_run_promotes_nobody() {
    for (name, db) in databases().await {
        let run = new_run(&db, "initial", 1, "2027-03-04").await;
        let (a, b) = (person(&db, "qa").await, person(&db, "qb").await);
        for id in [a, b] {
            flow::register(&db, run, id, "2027-01-01", NOW).await.unwrap().unwrap();
        }
        // Two more places: the one waiting moves up at once.
        flow::update_run(&db, run, &run_fields("initial", 3, "2027-03-04"), NOW, "http://mw.test")
            .await
            .unwrap()
            .unwrap();
        let states = |rows: Vec<db::PlaceRow>| rows.into_iter().map(|p| p.state).collect::<Vec<_>>();
        assert_eq!(states(db::places(&db, run, 2).await.unwrap()), [PlaceState::Registered; 2], "{name}");
        assert_eq!(emails_to(&db, "qb@example.org").await, 1, "{name}: promoted and told");
        // A cancelled run: giving up a place there moves nobody up.
        let full = new_run(&db, "initial", 1, "2027-04-04").await;
        flow::register(&db, full, a, "2027-01-01", NOW).await.unwrap().unwrap();
        flow::register(&db, full, b, "2027-01-01", NOW).await.unwrap().unwrap();
        flow::cancel_run(&db, full, "No trainer.", NOW, "http://mw.test").await.unwrap().unwrap();
        assert!(flow::cancel_place(&db, full, a, NOW, "http://mw.test").await.unwrap().is_err(), "{name}");
        assert_eq!(emails_to(&db, "qb@example.org").await, 2, "{name}: only the cancellation, no promotion");
    }
}

#[tokio::test]
async fn training_recorded_elsewhere_never_shortens_an_accreditation() {
    for (name, db) in databases().await {
        let ann = person(&db, "ann").await;
        flow::record_elsewhere(&db, ann, "2026-01-10", "Certificate seen", "MW-AAAA-BBBB-CCCC", 3, ann, NOW)
            .await
            .unwrap();
        flow::record_elsewhere(&db, ann, "2020-01-10", "An older one", "MW-DDDD-EEEE-FFFF", 3, ann, NOW)
            .await
            .unwrap();
        let (due,): (String,) =
            sqlx::query_as("SELECT refresher_due_on FROM accreditations WHERE user_id = $1")
                .bind(ann)
                .fetch_one(db.pool())
                .await
                .unwrap();
        assert_eq!(due, "2029-01-10", "{name}");
    }
}
