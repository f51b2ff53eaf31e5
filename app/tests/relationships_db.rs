//! Relationships against real databases, SQLite and PostgreSQL: started in
//! the mentor's acceptance, ended once however many try at the same
//! moment, sessions to come cancelled with their calendars, the mentor's
//! place freed, booking refused after the end, and existing matches
//! carried over by the migration with their sessions.

mod support;

use app::accounts::db::upsert_verified_user;
use app::dates;
use app::db::Db;
use app::error::AppError;
use app::relationships::db::{self as rdb, by_id};
use app::relationships::flow::{end, SESSION_CANCEL_REASON};
use app::relationships::lifecycle::{EndReason, RelationshipState};
use app::requests::db::{save_draft, Saved};
use app::requests::facts::mentor_facts;
use app::requests::flow::{self, Settings};
use app::requests::form::RequestFields;
use app::sessions::booking::{book, Context, ENDED};
use app::sessions::db as sdb;
use app::sessions::rules::default_fields;
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

fn context(now: i64) -> Context<'static> {
    Context { now, public_url: "https://mentorwell.example", cutoff_hours: 24 }
}

async fn person(db: &Db, name: &str) -> i64 {
    upsert_verified_user(db, &format!("{name}@example.org"), name, "x", NOW).await.unwrap()
}

/// A request from `mentee` naming `mentor`, approved and accepted: the
/// relationship as the service makes it. Returns its id.
async fn matched(db: &Db, mentee: i64, mentor: i64, coordinator: i64) -> i64 {
    let fields = RequestFields {
        goal: "Help with my workload".into(),
        topics: vec!["stress".into()],
        named_mentor: Some(mentor),
        share_with_mentor: true,
        ..Default::default()
    };
    let mut tx = db.begin_write().await.unwrap();
    let Saved::Draft(draft) = save_draft(&mut tx, mentee, &fields, NOW).await.unwrap() else {
        panic!("not a draft")
    };
    tx.commit().await.unwrap();
    flow::submit(db, mentee, &settings(NOW)).await.unwrap();
    flow::approve(db, draft.id, mentor, coordinator, "", &settings(NOW)).await.unwrap();
    flow::answer(db, draft.id, mentor, true, "", &settings(NOW)).await.unwrap();
    draft.id
}

async fn relationship(db: &Db, id: i64) -> rdb::StoredRelationship {
    let mut conn = db.pool().acquire().await.unwrap();
    by_id(&mut conn, id).await.unwrap().expect("a relationship")
}

async fn active_mentees(db: &Db, mentor: i64) -> i64 {
    let mut conn = db.pool().acquire().await.unwrap();
    mentor_facts(&mut conn, &dates::date_of(NOW), Some(mentor)).await.unwrap()[0].facts.active_mentees
}

async fn count(db: &Db, sql: &str, id: i64) -> i64 {
    sqlx::query_scalar(sql).bind(id).fetch_one(db.pool()).await.unwrap()
}

/// Weekday mornings and afternoons, an hour each, no notice needed.
async fn open_diary(db: &Db, mentor: i64) -> Vec<i64> {
    let mut f = default_fields();
    f.days = vec!["09:00-17:00".to_string(); 7];
    f.session_minutes = "60".into();
    f.buffer_minutes = "0".into();
    f.notice_hours = "0".into();
    f.max_per_week = "40".into();
    f.room = "Room 4, City Hospital".into();
    sdb::save_rules(db, mentor, &f.check().unwrap(), NOW).await.unwrap();
    let mut conn = db.pool().acquire().await.unwrap();
    let diary = sdb::diary_of(&mut conn, mentor, NOW, 0).await.unwrap().unwrap();
    let d = diary.diary();
    let today = app::sessions::slots::local(&d.zone, NOW).date();
    d.free(today, 56, NOW).into_iter().map(|s| s.starts).collect()
}

#[tokio::test]
async fn accepting_starts_a_relationship_and_ending_frees_the_place() {
    for (name, db) in databases().await {
        let tom = mentor(&db, "Tom", 1).await;
        let (ann, ben, coordinator) =
            (person(&db, "ann").await, person(&db, "ben").await, person(&db, "coord").await);
        let id = matched(&db, ann, tom, coordinator).await;
        let r = relationship(&db, id).await;
        assert_eq!(
            (r.state, r.mentor_id, r.mentee_id, r.started_at),
            (RelationshipState::Active, tom, ann, NOW),
            "{name}"
        );
        let start: (String, String, Option<i64>) = sqlx::query_as(
            "SELECT event, actor_role, actor_id FROM relationship_events WHERE relationship_id = $1",
        )
        .bind(id)
        .fetch_one(db.pool())
        .await
        .unwrap();
        assert_eq!(start, ("start".into(), "mentor".into(), Some(tom)), "{name}");
        assert_eq!(active_mentees(&db, tom).await, 1, "{name}");

        // Someone outside the pair, not a coordinator, is told it does not exist.
        let outsider = end(&db, &context(NOW), id, ben, false, EndReason::Other, "").await;
        assert_eq!(outsider, Err(AppError::NotFound), "{name}");

        end(&db, &context(NOW + 60), id, ann, false, EndReason::GoalsMet, "Marker-note-7c1").await.unwrap();
        let r = relationship(&db, id).await;
        assert_eq!(
            (r.state, r.ended_at, r.end_reason),
            (RelationshipState::Ended, Some(NOW + 60), Some(EndReason::GoalsMet)),
            "{name}"
        );
        let ended: (String, String, String, String) = sqlx::query_as(
            "SELECT event, actor_role, reason, note FROM relationship_events WHERE relationship_id = $1 AND event = 'end'",
        )
        .bind(id)
        .fetch_one(db.pool())
        .await
        .unwrap();
        assert_eq!(
            ended,
            ("end".into(), "mentee".into(), "goals-met".into(), "Marker-note-7c1".into()),
            "{name}"
        );
        // The place is free at once; ending again is called that.
        assert_eq!(active_mentees(&db, tom).await, 0, "{name}");
        let again = end(&db, &context(NOW + 120), id, tom, false, EndReason::LostTouch, "").await;
        assert_eq!(
            again,
            Err(AppError::Refused("This mentoring relationship has already ended.".into())),
            "{name}"
        );
        let outbox: Vec<(String,)> =
            sqlx::query_as("SELECT body_text FROM outbox").fetch_all(db.pool()).await.unwrap();
        assert!(outbox.iter().all(|(b,)| !b.contains("Marker-note")), "{name}: the note reached an email");

        // Ann may ask again, and Tom, no longer her mentor, may be asked.
        let again = matched(&db, ann, tom, coordinator).await;
        assert_eq!(relationship(&db, again).await.state, RelationshipState::Active, "{name}");
        assert_eq!(active_mentees(&db, tom).await, 1, "{name}");
    }
}

#[tokio::test]
async fn ending_cancels_sessions_to_come_with_their_calendars_and_stops_booking() {
    for (name, db) in databases().await {
        let tom = mentor(&db, "Tom", 2).await;
        let (ann, coordinator) = (person(&db, "ann").await, person(&db, "coord").await);
        let id = matched(&db, ann, tom, coordinator).await;
        let slots = open_diary(&db, tom).await;
        let first = book(&db, &context(NOW), ann, id, slots[2], "room", "").await.unwrap();
        let second = book(&db, &context(NOW), ann, id, slots[5], "room", "").await.unwrap();
        let held = book(&db, &context(NOW), ann, id, slots[0], "room", "").await.unwrap();
        // The first slot has begun and been held by the time it ends.
        let later = slots[0] + 3600;
        assert!(sdb::mark(&db, held, "held", later).await.unwrap(), "{name}");
        let before = count(&db, "SELECT COALESCE(MAX(id), 0) FROM outbox WHERE id > $1", 0).await;

        end(&db, &context(later), id, coordinator, true, EndReason::CircumstancesChanged, "").await.unwrap();
        for session in [first, second] {
            let s: (String, String, Option<i64>) = sqlx::query_as(
                "SELECT state, cancel_reason, cancelled_by FROM mentoring_sessions WHERE id = $1",
            )
            .bind(session)
            .fetch_one(db.pool())
            .await
            .unwrap();
            assert_eq!(s, ("cancelled".into(), SESSION_CANCEL_REASON.into(), Some(coordinator)), "{name}");
        }
        let kept: String = sqlx::query_scalar("SELECT state FROM mentoring_sessions WHERE id = $1")
            .bind(held)
            .fetch_one(db.pool())
            .await
            .unwrap();
        assert_eq!(kept, "held", "{name}");
        assert_eq!(
            count(&db, "SELECT COUNT(*) FROM session_blocks WHERE mentor_id = $1", tom).await,
            12,
            "{name}: only the held session keeps its time"
        );
        // Both of the pair hear of each cancelled session, with a calendar
        // cancellation, as when one session is cancelled.
        let cancels: Vec<(String, String)> =
            sqlx::query_as("SELECT to_address, attachment_body FROM outbox WHERE id > $1 ORDER BY id")
                .bind(before)
                .fetch_all(db.pool())
                .await
                .unwrap();
        assert_eq!(cancels.len(), 4, "{name}");
        assert!(cancels.iter().all(|(_, ics)| ics.contains("METHOD:CANCEL")), "{name}");

        let refused = book(&db, &context(later), ann, id, slots[9], "room", "").await;
        assert_eq!(refused, Err(AppError::Refused(ENDED.into())), "{name}");
        let (held_n, booked_n) = sdb::counts_of(&db, id).await.unwrap();
        assert_eq!((held_n, booked_n), (1, 0), "{name}");
    }
}

#[tokio::test]
async fn twenty_ending_at_once_end_it_once() {
    for (name, db) in databases().await {
        let tom = mentor(&db, "Tom", 2).await;
        let (ann, coordinator) = (person(&db, "ann").await, person(&db, "coord").await);
        let id = matched(&db, ann, tom, coordinator).await;
        let slots = open_diary(&db, tom).await;
        book(&db, &context(NOW), ann, id, slots[3], "room", "").await.unwrap();
        let emails_before = count(&db, "SELECT COUNT(*) FROM outbox WHERE id > $1", 0).await;
        let mut tasks = Vec::new();
        for i in 0..20 {
            let db = db.clone();
            let (who, coord) = [(ann, false), (tom, false), (coordinator, true)][i % 3];
            let reason = EndReason::ALL[i % EndReason::ALL.len()];
            tasks.push(tokio::spawn(async move {
                end(&db, &context(NOW + 10), id, who, coord, reason, "").await
            }));
        }
        let mut ended = 0;
        for task in tasks {
            match task.await.unwrap() {
                Ok(_) => ended += 1,
                Err(AppError::Refused(message)) => assert!(
                    message.contains("already ended") || message.contains("at the same moment"),
                    "{name}: {message}"
                ),
                Err(other) => panic!("{name}: {other:?}"),
            }
        }
        assert_eq!(ended, 1, "{name}");
        let ends = count(
            &db,
            "SELECT COUNT(*) FROM relationship_events WHERE relationship_id = $1 AND event = 'end'",
            id,
        )
        .await;
        assert_eq!(ends, 1, "{name}");
        assert_eq!(relationship(&db, id).await.version, 1, "{name}");
        // One set of cancellation emails: one to each of the pair.
        let emails = count(&db, "SELECT COUNT(*) FROM outbox WHERE id > $1", 0).await - emails_before;
        assert_eq!(emails, 2, "{name}");
    }
}

/// Applies the migrations before relationships to a fresh database, so
/// rows can be written as they were before this change.
async fn before_relationships(url: &str) {
    let dir = std::env::temp_dir().join(format!("mw_migrations_{}_{}", std::process::id(), url.len()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let engine = if url.starts_with("sqlite") { "sqlite" } else { "postgres" };
    let source = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../migrations").join(engine);
    for entry in std::fs::read_dir(source).unwrap() {
        let path = entry.unwrap().path();
        let file = path.file_name().unwrap().to_string_lossy().to_string();
        if file.as_str() < "0008" {
            std::fs::copy(&path, dir.join(&file)).unwrap();
        }
    }
    sqlx::any::install_default_drivers();
    let pool = sqlx::AnyPool::connect(url).await.unwrap();
    sqlx::migrate::Migrator::new(dir.as_path()).await.unwrap().run(&pool).await.unwrap();
    let user = |email: &str| {
        format!(
            "INSERT INTO users (email, display_name, password_hash, created_at, email_verified_at) \
             VALUES ('{email}', '{email}', 'x', {NOW}, {NOW})"
        )
    };
    for email in ["tom@example.org", "ann@example.org", "ben@example.org"] {
        sqlx::query(&user(email)).execute(&pool).await.unwrap();
    }
    let request = |mentee: i64, state: &str, mentor: &str| {
        format!(
            "INSERT INTO mentoring_requests (mentee_id, state, mentor_id, goal, topics, professions, sectors, areas, \
             modes, forms, days, times, organisation, outside_own_organisation, share_with_mentor, priority, \
             created_at, updated_at) VALUES ({mentee}, '{state}', {mentor}, 'A goal', '', '', '', '', '', '', '', \
             '', '', 0, 1, 0, {NOW}, {NOW})"
        )
    };
    // Ann matched with Tom, accepted a day later; Ben still waiting.
    sqlx::query(&request(2, "active", "1")).execute(&pool).await.unwrap();
    sqlx::query(&request(3, "submitted", "NULL")).execute(&pool).await.unwrap();
    sqlx::query(&format!(
        "INSERT INTO request_events (request_id, event, actor_id, actor_role, mentor_id, note, at) \
         VALUES (1, 'accept', 1, 'mentor', 1, '', {})",
        NOW + DAY
    ))
    .execute(&pool)
    .await
    .unwrap();
    sqlx::query(&format!(
        "INSERT INTO mentoring_sessions (uid, request_id, mentor_id, mentee_id, starts_at, ends_at, holds_until, \
         location, agenda, state, created_at, updated_at) VALUES ('s1@mentorwell', 1, 1, 2, {a}, {b}, {b}, 'room', \
         '', 'held', {NOW}, {NOW})",
        a = NOW + 2 * DAY,
        b = NOW + 2 * DAY + 3600
    ))
    .execute(&pool)
    .await
    .unwrap();
    pool.close().await;
}

#[tokio::test]
async fn the_migration_makes_every_active_match_a_relationship_keeping_its_sessions() {
    let mut urls = vec![format!(
        "sqlite://{}?mode=rwc",
        std::env::temp_dir().join(format!("mw_migrate_{}.db", std::process::id())).display()
    )];
    if let Some(url) = support::postgres_url().await {
        urls.push(url);
    } else if std::env::var("MENTORWELL_REQUIRE_POSTGRES").is_ok() {
        panic!("MENTORWELL_TEST_POSTGRES is not set but PostgreSQL tests are required");
    }
    for url in urls {
        before_relationships(&url).await;
        let db = Db::open(&url).await.unwrap();
        let r = relationship(&db, 1).await;
        assert_eq!(
            (r.state, r.mentor_id, r.mentee_id, r.started_at),
            (RelationshipState::Active, 1, 2, NOW + DAY),
            "{url}"
        );
        assert_eq!(count(&db, "SELECT COUNT(*) FROM relationships WHERE id <> $1", 1).await, 0, "{url}");
        let mut conn = db.pool().acquire().await.unwrap();
        let pair = sdb::active_pair(&mut conn, 1).await.unwrap().expect("the pair still books");
        assert_eq!((pair.mentor_id, pair.mentee_id), (1, 2), "{url}");
        drop(conn);
        assert_eq!(sdb::counts_of(&db, 1).await.unwrap(), (1, 0), "{url}");
        let mut conn = db.pool().acquire().await.unwrap();
        assert_eq!(rdb::active_mentees(&mut conn, 1).await.unwrap(), 1, "{url}");
    }
}
