//! Closing, erasing and deactivating accounts, and the audit trail, on
//! SQLite and PostgreSQL with an injected clock: an erased person's name,
//! email and free text are nowhere in any table (every text column of
//! every table is searched for a marker), the service's counts stay the
//! same, the trail survives as "erased user #N" and cannot be changed, and
//! deactivation signs a mentor out at once and delists them.

mod support;

use app::accounts::db::grant_role;
use app::accounts::erasure::erase;
use app::accounts::{closure_db, session, Role};
use app::audit::db::{insert, search, Entry, Search};
use app::audit::{action, outcome};
use app::db::{Backend, Db};
use app::relationships::notes::Notes;
use app::relationships::{goals_db, notes_db};
use app::requests::db::{save_draft, Saved};
use app::requests::flow;
use app::requests::form::RequestFields;
use app::sessions::booking::{book, Context};
use app::sessions::db::mark;
use app::sessions::state::SessionState;
use sqlx::Row;
use support::pairs::{open_diary, person, settings};
use support::{databases, mentor, NOW};

async fn one(db: &Db, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(db.pool()).await.unwrap()
}

/// Every table of the database, the full-text index's own included.
async fn tables(db: &Db) -> Vec<String> {
    let sql = match db.backend() {
        Backend::Sqlite => "SELECT name FROM sqlite_master WHERE type = 'table'",
        Backend::Postgres => {
            "SELECT table_name::text FROM information_schema.tables \
             WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
        }
    };
    sqlx::query_scalar(sql).fetch_all(db.pool()).await.unwrap()
}

/// Where `marker` (any case) appears: "table.column" (SQLite) or "table"
/// (PostgreSQL) for every value of every row of every table.
async fn places_holding(db: &Db, marker: &str) -> Vec<String> {
    let mut found = Vec::new();
    // sqlx's own bookkeeping holds nobody's data (and types Any cannot read).
    for table in tables(db).await.into_iter().filter(|t| !t.starts_with("_sqlx")) {
        if db.backend() == Backend::Postgres {
            // Every column as text.
            let sql = format!("SELECT row_to_json(t)::text FROM \"{table}\" t");
            let rows: Vec<String> = sqlx::query_scalar(&sql).fetch_all(db.pool()).await.unwrap();
            if rows.iter().any(|r| r.to_lowercase().contains(marker)) {
                found.push(table);
            }
            continue;
        }
        let rows = sqlx::query(&format!("SELECT * FROM \"{table}\"")).fetch_all(db.pool()).await.unwrap();
        for row in &rows {
            for (i, column) in sqlx::Row::columns(row).iter().enumerate() {
                let text = match row.try_get::<Option<String>, _>(i) {
                    Ok(v) => v,
                    Err(_) => row
                        .try_get::<Option<Vec<u8>>, _>(i)
                        .ok()
                        .flatten()
                        .map(|b| String::from_utf8_lossy(&b).into()),
                };
                if text.is_some_and(|t| t.to_lowercase().contains(marker)) {
                    found.push(format!("{table}.{}", sqlx::Column::name(column)));
                }
            }
        }
    }
    found.sort();
    found.dedup();
    found
}

/// What the service's figures count.
async fn counts(db: &Db) -> Vec<i64> {
    let mut all = Vec::new();
    for table in ["users", "mentoring_requests", "relationships", "mentoring_sessions", "course_places"] {
        all.push(one(db, &format!("SELECT COUNT(*) FROM {table}")).await);
    }
    all
}

/// A request in `mentee`'s own words, naming `mentor`, approved and
/// accepted. Returns the relationship's id.
async fn matched_with_words(db: &Db, mentee: i64, mentor: i64, coordinator: i64, words: &str) -> i64 {
    let fields = RequestFields {
        goal: format!("Help with {words} at work"),
        organisation: format!("{words} Trust"),
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
    flow::answer(db, draft.id, mentor, true, &format!("{words} declined nothing"), &settings(NOW))
        .await
        .unwrap();
    draft.id
}

fn trail(person: &str) -> Search {
    Search { person: person.into(), from: 0, until: i64::MAX, page: 0 }
}

#[tokio::test]
async fn erasure_leaves_nothing_of_the_person_and_keeps_the_counts_and_the_trail() {
    for (name, db) in databases().await {
        let coordinator = person(&db, "coord").await;
        grant_role(&db, coordinator, Role::Coordinator, NOW).await.unwrap();
        // The markers: in the mentee's name and email, and the mentor's.
        let zara =
            app::accounts::db::upsert_verified_user(&db, "zara.qmarkz@example.org", "Zara Qmarkz", "x", NOW)
                .await
                .unwrap();
        let tom = mentor(&db, "Tom Wmarkz", 5).await;
        let id = matched_with_words(&db, zara, tom, coordinator, "qmarkz").await;
        let slots = open_diary(&db, tom).await;
        let c = Context { now: NOW, public_url: "https://mentorwell.example", cutoff_hours: 24 };
        let held = book(&db, &c, zara, id, slots[0], "room", "qmarkz agenda").await.unwrap();
        assert!(mark(&db, held, SessionState::Held, slots[0] + 3600).await.unwrap());
        book(&db, &c, zara, id, slots[30], "room", "qmarkz later").await.unwrap();
        let mut conn = db.pool().acquire().await.unwrap();
        let mine = Notes { model: "free".into(), parts: vec![("notes".into(), "qmarkz private".into())] };
        notes_db::save_notes(&mut conn, held, zara, &mine, NOW).await.unwrap();
        let his = Notes { model: "free".into(), parts: vec![("notes".into(), "wmarkz private".into())] };
        notes_db::save_notes(&mut conn, held, tom, &his, NOW).await.unwrap();
        notes_db::add_action(&mut conn, id, held, "qmarkz action", zara, NOW).await.unwrap();
        goals_db::add(&mut conn, id, "qmarkz goal", true, NOW).await.unwrap();
        drop(conn);
        let failure = "INSERT INTO login_failures (throttle_key, failed_at) VALUES ('account:zara.qmarkz@example.org', 1)";
        sqlx::query(failure).execute(db.pool()).await.unwrap();
        let signed_in = Entry {
            actor: Some(zara),
            subject: Some(zara),
            action: action::SIGN_IN,
            outcome: outcome::WRONG_PASSWORD,
            address: "10.0.0.9",
        };
        insert(db.pool(), &signed_in, NOW).await.unwrap();
        session::start(&db, zara, NOW).await.unwrap();
        assert!(!places_holding(&db, "qmarkz").await.is_empty(), "{name}: the markers are there to be found");
        let before = counts(&db).await;
        let events = one(&db, "SELECT COUNT(*) FROM audit_events").await;

        // The mentee asks, a coordinator confirms: erased.
        assert!(closure_db::set_closure_request(&db, zara, true, NOW).await.unwrap());
        assert_eq!(closure_db::pending_closures(&db).await.unwrap()[0].id, zara, "{name}");
        let later = Context { now: NOW + 3600, ..c };
        erase(&db, &later, zara, Some(coordinator), "10.0.0.1").await.unwrap();
        assert_eq!(places_holding(&db, "qmarkz").await, Vec::<String>::new(), "{name}: the mentee is gone");
        assert_eq!(counts(&db).await, before, "{name}: the figures keep their totals");
        assert!(closure_db::pending_closures(&db).await.unwrap().is_empty(), "{name}");
        let relationship = format!("SELECT COUNT(*) FROM relationships WHERE id = {id} AND state = 'ended'");
        assert_eq!(one(&db, &relationship).await, 1, "{name}: the relationship ended, and is still counted");
        assert_eq!(
            one(&db, &format!("SELECT COUNT(*) FROM sessions WHERE user_id = {zara}")).await,
            0,
            "{name}"
        );
        let held_still =
            format!("SELECT COUNT(*) FROM mentoring_sessions WHERE id = {held} AND state = 'held'");
        assert_eq!(one(&db, &held_still).await, 1, "{name}: the held session still counts");
        let his_notes = format!("SELECT COUNT(*) FROM session_notes WHERE author_id = {tom}");
        assert_eq!(one(&db, &his_notes).await, 1, "{name}: the mentor's own notes are his, and stay");
        let login = app::accounts::db::login_record(&db, "zara.qmarkz@example.org").await.unwrap();
        assert!(login.is_none(), "{name}: no account answers to the old address");

        // The trail kept everything, plus the erasure, as "erased user #N".
        assert_eq!(one(&db, "SELECT COUNT(*) FROM audit_events").await, events + 1, "{name}");
        let label = format!("erased user #{zara}");
        let found = search(&db, &trail(&label)).await.unwrap();
        let shown = format!("{label} (#{zara})");
        assert!(
            found.rows.iter().any(|r| r.actor == shown && r.outcome == outcome::WRONG_PASSWORD),
            "{name}: {found:?}"
        );
        assert!(
            found.rows.iter().any(|r| r.subject == shown && r.action == action::label(action::ERASED)),
            "{name}"
        );
        assert_eq!(
            search(&db, &trail("qmarkz")).await.unwrap().total,
            0,
            "{name}: the old name finds nothing"
        );

        // Erasing again changes nothing; then the mentor goes too.
        erase(&db, &later, zara, Some(coordinator), "").await.unwrap();
        assert_eq!(one(&db, "SELECT COUNT(*) FROM audit_events").await, events + 1, "{name}");
        erase(&db, &later, tom, Some(coordinator), "").await.unwrap();
        assert_eq!(places_holding(&db, "wmarkz").await, Vec::<String>::new(), "{name}: the mentor is gone");
        assert_eq!(counts(&db).await, before, "{name}");
        let listed = format!("SELECT COUNT(*) FROM mentor_profiles WHERE user_id = {tom}");
        assert_eq!(one(&db, &listed).await, 0, "{name}");
    }
}

#[tokio::test]
async fn deactivation_signs_out_everywhere_refuses_sign_in_and_delists_until_reactivated() {
    for (name, db) in databases().await {
        let coordinator = person(&db, "coord").await;
        let tom = mentor(&db, "Tom Active", 5).await;
        let listed = || async {
            let today = app::dates::date_of(NOW);
            let status = app::directory::db::status_of(&db, tom, &today).await.unwrap();
            status == app::directory::listing::ListingStatus::Listed
        };
        assert!(listed().await, "{name}");
        let (phone, laptop) =
            (session::start(&db, tom, NOW).await.unwrap(), session::start(&db, tom, NOW).await.unwrap());
        assert!(session::user_for(&db, &phone, NOW + 60).await.unwrap().is_some(), "{name}");

        assert!(closure_db::set_active(&db, tom, false, Some(coordinator), "10.0.0.1", NOW + 60)
            .await
            .unwrap());
        for token in [&phone, &laptop] {
            assert!(session::user_for(&db, token, NOW + 61).await.unwrap().is_none(), "{name}: signed out");
        }
        assert_eq!(
            one(&db, &format!("SELECT COUNT(*) FROM sessions WHERE user_id = {tom}")).await,
            0,
            "{name}"
        );
        assert!(!listed().await, "{name}: delisted");
        let login = app::accounts::db::login_record(&db, "tom.active@example.org").await.unwrap().unwrap();
        assert!(login.deactivated, "{name}: sign-in refuses it");
        // A second deactivation is no change, and is not recorded twice.
        assert!(!closure_db::set_active(&db, tom, false, Some(coordinator), "", NOW + 62).await.unwrap());
        let recorded = format!("SELECT COUNT(*) FROM audit_events WHERE action = 'deactivated' AND subject_id = {tom} AND actor_id = {coordinator}");
        assert_eq!(one(&db, &recorded).await, 1, "{name}");

        assert!(closure_db::set_active(&db, tom, true, Some(coordinator), "", NOW + 120).await.unwrap());
        assert!(listed().await, "{name}: listed again");
        let login = app::accounts::db::login_record(&db, "tom.active@example.org").await.unwrap().unwrap();
        assert!(!login.deactivated, "{name}");
    }
}

#[tokio::test]
async fn the_audit_trail_cannot_be_changed_or_deleted() {
    for (name, db) in databases().await {
        let ann = person(&db, "ann").await;
        let entry = Entry {
            actor: Some(ann),
            subject: Some(ann),
            action: action::EXPORT,
            outcome: outcome::OK,
            address: "",
        };
        insert(db.pool(), &entry, NOW).await.unwrap();
        for sql in [
            "UPDATE audit_events SET outcome = 'forged'".to_string(),
            format!("UPDATE audit_events SET actor_id = NULL WHERE actor_id = {ann}"),
            "DELETE FROM audit_events".to_string(),
        ] {
            let refused = sqlx::query(&sql).execute(db.pool()).await;
            assert!(refused.is_err(), "{name}: {sql} must be refused");
        }
        if db.backend() == Backend::Postgres {
            assert!(sqlx::query("TRUNCATE audit_events").execute(db.pool()).await.is_err(), "{name}");
        }
        let kept = "SELECT COUNT(*) FROM audit_events WHERE outcome = 'ok' AND action = 'export'";
        assert_eq!(one(&db, kept).await, 1, "{name}");
        // Searching by date: the day before finds nothing, the day itself finds it.
        let day = app::dates::start_of_day(&app::dates::date_of(NOW)).unwrap();
        let on = |from: i64| Search { person: "ann".into(), from, until: from + 86_400, page: 0 };
        assert_eq!(search(&db, &on(day)).await.unwrap().total, 1, "{name}");
        assert_eq!(search(&db, &on(day - 86_400)).await.unwrap().total, 0, "{name}");
        assert_eq!(search(&db, &trail("ann@example.org")).await.unwrap().total, 1, "{name}: by exact email");
    }
}
