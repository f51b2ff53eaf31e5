//! What the service keeps and for how long, against SQLite and
//! PostgreSQL with an injected clock: each period removes exactly what it
//! should and nothing else, the service's counts stay the same, and two
//! instances sweeping at once do no harm.

mod support;

use app::db::Db;
use app::relationships::flow::end;
use app::relationships::lifecycle::EndReason;
use app::relationships::notes::Notes;
use app::relationships::{goals_db, notes_db};
use app::retention::{sweep, Periods};
use app::sessions::booking::{book, Context};
use app::sessions::db::mark;
use app::sessions::state::SessionState;
use support::pairs::{matched, open_diary, person, DAY};
use support::{databases, mentor, NOW};

const PERIODS: Periods = Periods { request_text_days: 365, notes_days: 730 };

async fn one(db: &Db, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(db.pool()).await.unwrap()
}

async fn text(db: &Db, sql: &str) -> String {
    sqlx::query_scalar(sql).fetch_one(db.pool()).await.unwrap()
}

async fn exec(db: &Db, sql: &str) {
    sqlx::query(sql).execute(db.pool()).await.unwrap();
}

#[tokio::test]
async fn sign_in_sessions_links_and_failures_go_once_past_use() {
    for (name, db) in databases().await {
        let ann = person(&db, "ann").await;
        let hour = 3600;
        // Live, idle too long, and past the absolute limit.
        for (hash, created, seen) in [
            ("live", NOW - hour, NOW - 60),
            ("idle", NOW - 3 * hour, NOW - 3 * hour),
            ("old", NOW - 13 * hour, NOW - 60),
        ] {
            exec(&db, &format!("INSERT INTO sessions (id_hash, user_id, created_at, last_seen_at) VALUES ('{hash}', {ann}, {created}, {seen})")).await;
        }
        for (hash, expires, used) in
            [("fresh", NOW + hour, "NULL"), ("used", NOW + hour, "1"), ("stale", NOW - 1, "NULL")]
        {
            exec(&db, &format!("INSERT INTO email_tokens (token_hash, user_id, purpose, created_at, expires_at, used_at) VALUES ('{hash}', {ann}, 'reset', {NOW}, {expires}, {used})")).await;
        }
        for at in [NOW - 60, NOW - 2 * DAY] {
            exec(&db, &format!("INSERT INTO login_failures (throttle_key, failed_at) VALUES ('k', {at})"))
                .await;
        }
        let (a, b) = tokio::join!(sweep(&db, NOW, PERIODS), sweep(&db, NOW, PERIODS));
        let (a, b) = (a.unwrap(), b.unwrap());
        assert_eq!(a.sign_in_sessions + b.sign_in_sessions, 2, "{name}");
        assert_eq!(a.email_links + b.email_links, 2, "{name}");
        assert_eq!(a.failed_sign_ins + b.failed_sign_ins, 1, "{name}");
        assert_eq!(text(&db, "SELECT id_hash FROM sessions").await, "live", "{name}");
        assert_eq!(text(&db, "SELECT token_hash FROM email_tokens").await, "fresh", "{name}");
        assert_eq!(one(&db, "SELECT COUNT(*) FROM login_failures").await, 1, "{name}");
    }
}

#[tokio::test]
async fn request_text_goes_a_year_after_withdrawal_and_notes_two_years_after_the_end() {
    for (name, db) in databases().await {
        let coordinator = person(&db, "coord").await;
        let tom = mentor(&db, "Tom Keeps", 5).await;
        let (ann, bea, cal) = (person(&db, "ann").await, person(&db, "bea").await, person(&db, "cal").await);
        let (old, recent, live) = (
            matched(&db, ann, tom, coordinator).await,
            matched(&db, bea, tom, coordinator).await,
            matched(&db, cal, tom, coordinator).await,
        );
        let slots = open_diary(&db, tom).await;
        let c = Context { now: NOW, public_url: "https://mentorwell.example", cutoff_hours: 24 };
        let mut sessions = Vec::new();
        for (id, mentee, slot) in [(old, ann, slots[0]), (recent, bea, slots[1]), (live, cal, slots[2])] {
            let s = book(&db, &c, mentee, id, slot, "room", "agenda words").await.unwrap();
            assert!(mark(&db, s, SessionState::Held, slot + 3600).await.unwrap());
            let mut conn = db.pool().acquire().await.unwrap();
            let notes = Notes { model: "free".into(), parts: vec![("notes".into(), "private words".into())] };
            notes_db::save_notes(&mut conn, s, mentee, &notes, NOW).await.unwrap();
            notes_db::add_action(&mut conn, id, s, "an action", tom, NOW).await.unwrap();
            goals_db::add(&mut conn, id, "a goal", false, NOW).await.unwrap();
            sessions.push(s);
        }
        let later = slots[2] + 2 * 3600;
        end(&db, &Context { now: later, ..c }, old, ann, false, EndReason::GoalsMet, "").await.unwrap();
        end(&db, &Context { now: later + 400 * DAY, ..c }, recent, bea, false, EndReason::GoalsMet, "")
            .await
            .unwrap();
        // A withdrawn request of someone else's, and its year.
        let dee = person(&db, "dee").await;
        let withdrawn = matched(&db, dee, tom, coordinator).await;
        exec(&db, &format!("DELETE FROM relationships WHERE id = {withdrawn}")).await;
        exec(&db, &format!("UPDATE mentoring_requests SET state = 'withdrawn', mentor_id = NULL, updated_at = {later} WHERE id = {withdrawn}")).await;
        let counts = |db: Db| async move {
            (
                one(&db, "SELECT COUNT(*) FROM relationships").await,
                one(&db, "SELECT COUNT(*) FROM mentoring_sessions").await,
                one(&db, "SELECT COUNT(*) FROM mentoring_requests").await,
            )
        };
        let before = counts(db.clone()).await;
        let goal = |id: i64| format!("SELECT goal FROM mentoring_requests WHERE id = {id}");

        // A day short of a year: the withdrawn request keeps its text.
        let r = sweep(&db, later + 364 * DAY, PERIODS).await.unwrap();
        assert_eq!((r.request_texts, r.relationships), (0, 0), "{name}");
        assert_ne!(text(&db, &goal(withdrawn)).await, "", "{name}");
        let r = sweep(&db, later + 366 * DAY, PERIODS).await.unwrap();
        assert_eq!((r.request_texts, r.relationships), (1, 0), "{name}");
        assert_eq!(text(&db, &goal(withdrawn)).await, "", "{name}");

        // Two years after the first end: its words go, the others' stay.
        let r = sweep(&db, later + 731 * DAY, PERIODS).await.unwrap();
        assert_eq!(r.relationships, 1, "{name}");
        let of = |table: &str, id: i64| format!("SELECT COUNT(*) FROM {table} WHERE relationship_id = {id}");
        for (id, left) in [(old, 0), (recent, 1), (live, 1)] {
            assert_eq!(one(&db, &of("relationship_goals", id)).await, left, "{name}: goals of {id}");
            assert_eq!(one(&db, &of("session_actions", id)).await, left, "{name}: actions of {id}");
            let notes = format!("SELECT COUNT(*) FROM session_notes n JOIN mentoring_sessions s ON s.id = n.session_id WHERE s.request_id = {id}");
            assert_eq!(one(&db, &notes).await, left, "{name}: notes of {id}");
            let agenda =
                text(&db, &format!("SELECT agenda FROM mentoring_sessions WHERE request_id = {id}")).await;
            assert_eq!(agenda.is_empty(), left == 0, "{name}: agenda of {id}");
            assert_eq!(text(&db, &goal(id)).await.is_empty(), left == 0, "{name}: request of {id}");
        }
        // Nothing counted is lost, and a second sweep finds nothing to do.
        assert_eq!(counts(db.clone()).await, before, "{name}");
        assert_eq!(
            one(
                &db,
                &format!("SELECT COUNT(*) FROM relationships WHERE id = {old} AND end_reason = 'goals-met'")
            )
            .await,
            1
        );
        assert_eq!(sweep(&db, later + 731 * DAY, PERIODS).await.unwrap().total(), 0, "{name}");
    }
}
