//! The directory against real databases: search words, facets, the
//! listing rule, and the draft-approval cycle, on SQLite and PostgreSQL.

mod support;

use app::dates;
use app::db::Db;
use app::directory::demo::{generated, insert_mentor, DemoMentor};
use app::directory::listed::Directory;
use app::directory::listing::ListingStatus;
use app::directory::profile::{DraftState, ProfileFields};
use app::directory::query::DirectoryQuery;
use app::directory::{db, drafts, reindex};
use std::sync::Arc;
use support::{databases, NOW};

fn today() -> String {
    dates::date_of(NOW)
}

fn mentor(name: &str, area: &str, topics: &[&str], bio: &str, due_in_days: i64) -> DemoMentor {
    let due = dates::add_days(&today(), due_in_days).unwrap();
    DemoMentor {
        email: format!("{}@example.org", name.to_lowercase().replace(' ', ".")),
        fields: ProfileFields {
            display_name: name.into(),
            pronouns: String::new(),
            profession: "nurse".into(),
            grade: "Band 7".into(),
            specialty: "Critical care".into(),
            sector: "secondary-care".into(),
            organisation: "Example Trust".into(),
            area: area.into(),
            models: vec!["skilled-helper".into()],
            forms: vec!["one-to-one".into()],
            topics: topics.iter().map(|t| t.to_string()).collect(),
            modes: vec!["video".into()],
            languages: vec!["English".into()],
            bio: bio.into(),
            capacity: 2,
        },
        accepting: true,
        completed_on: dates::add_years(&due, -3).unwrap(),
        refresher_due_on: due,
    }
}

async fn add(db: &Db, m: &DemoMentor) -> i64 {
    let mut tx = db.begin_write().await.unwrap();
    let id = insert_mentor(&mut tx, m, None, NOW).await.unwrap();
    tx.commit().await.unwrap();
    id
}

/// The names `search_string` finds, by name, through `dir`: one server
/// instance's copy of the directory, kept between searches as it would be.
async fn names(dir: &Arc<Directory>, db: &Db, search_string: &str) -> Vec<String> {
    let (query, _) = DirectoryQuery::parse(search_string);
    let query = DirectoryQuery { sort: app::directory::query::SortOrder::Name, ..query };
    let outcome = dir.search(db, &query, &today()).await.unwrap();
    db::cards(db, &outcome.user_ids).await.unwrap().into_iter().map(|c| c.fields.display_name).collect()
}

async fn sample(db: &Db) -> Vec<i64> {
    vec![
        add(
            db,
            &mentor(
                "Ann Archer",
                "leicestershire",
                &["bullying-harassment", "stress"],
                "Cardiology nurse <script>alert(1)</script>",
                300,
            ),
        )
        .await,
        add(db, &mentor("Ben Baker", "leicestershire", &["stress"], "Renal unit and dialysis.", 300)).await,
        add(db, &mentor("Cara Cole", "derby", &["bullying-harassment"], "Cardiothoracic theatres.", 300))
            .await,
        add(db, &mentor("Dee Dunn", "leicestershire", &["bullying-harassment"], "Lapsed accreditation.", -1))
            .await,
    ]
}

#[tokio::test]
async fn words_and_facets_find_the_same_mentors_on_both_databases() {
    for (backend, db) in databases().await {
        let dir = Arc::<Directory>::default();
        sample(&db).await;
        assert_eq!(
            names(&dir, &db, "topic=bullying-harassment&area=leicestershire").await,
            vec!["Ann Archer"],
            "{backend}"
        );
        // Prefixes match, any order, case ignored; topic labels are searchable.
        assert_eq!(names(&dir, &db, "q=CARDIO").await, vec!["Ann Archer", "Cara Cole"], "{backend}");
        assert_eq!(names(&dir, &db, "q=harass").await, vec!["Ann Archer", "Cara Cole"], "{backend}");
        assert_eq!(names(&dir, &db, "q=dialysis+renal").await, vec!["Ben Baker"], "{backend}");
        assert_eq!(names(&dir, &db, "q=baker+cardio").await, Vec::<String>::new(), "{backend}");
        // Search syntax typed by a person is just words.
        assert_eq!(names(&dir, &db, "q=%22cardio*%22+OR+%28").await, Vec::<String>::new(), "{backend}");
        assert_eq!(names(&dir, &db, "q=script").await, vec!["Ann Archer"], "{backend}");
        // Profession, sector and area names are words too.
        let all = vec!["Ann Archer", "Ben Baker", "Cara Cole"];
        assert_eq!(names(&dir, &db, "q=nurse").await, all, "{backend}");
        assert_eq!(names(&dir, &db, "q=secondary+care").await, all, "{backend}");
        assert_eq!(names(&dir, &db, "q=derby+nurse").await, vec!["Cara Cole"], "{backend}");
        assert_eq!(names(&dir, &db, "q=pharmacist").await, Vec::<String>::new(), "{backend}");
    }
}

#[tokio::test]
async fn profiles_indexed_by_an_older_build_get_the_new_words_once() {
    for (backend, db) in databases().await {
        let dir = Arc::<Directory>::default();
        let ids = sample(&db).await;
        // As an older build left them: no profession, sector or area words.
        let mut tx = db.begin_write().await.unwrap();
        for id in &ids {
            let old = format!("{id} Cardiology Renal Cardiothoracic");
            db::write_search_words(&mut tx, *id, &old).await.unwrap();
        }
        sqlx::query("UPDATE search_words_version SET version = 1").execute(&mut *tx).await.unwrap();
        tx.commit().await.unwrap();
        assert_eq!(names(&dir, &db, "q=nurse").await, Vec::<String>::new(), "{backend}: the old index");

        // Read three at a time, so the rewrite crosses a slice's end.
        assert_eq!(reindex::refresh_in_slices(&db, 3).await.unwrap(), Some(4), "{backend}");
        assert_eq!(
            names(&dir, &db, "q=nurse").await,
            vec!["Ann Archer", "Ben Baker", "Cara Cole"],
            "{backend}"
        );
        assert_eq!(names(&dir, &db, "q=dialysis").await, vec!["Ben Baker"], "{backend}: bios are back");
        // A second start (or a second instance) finds it done.
        assert_eq!(reindex::refresh(&db).await.unwrap(), None, "{backend}");
        // And in the slices a start reads.
        sqlx::query("UPDATE search_words_version SET version = 1").execute(db.pool()).await.unwrap();
        assert_eq!(reindex::refresh(&db).await.unwrap(), Some(4), "{backend}");
    }
}

#[tokio::test]
async fn facet_counts_match_the_results_they_lead_to() {
    for (backend, db) in databases().await {
        let dir = Arc::<Directory>::default();
        sample(&db).await;
        let (query, _) = DirectoryQuery::parse("topic=bullying-harassment");
        let out = dir.search(&db, &query, &today()).await.unwrap();
        assert_eq!(out.total, 2, "{backend}");
        let count = |area| out.counts.areas.iter().find(|(a, _)| *a == area).unwrap().1;
        use app::vocabulary::Area;
        assert_eq!(count(Area::Leicestershire), 1, "{backend}: the lapsed mentor is not counted");
        assert_eq!(count(Area::Derby), 1, "{backend}");
    }
}

#[tokio::test]
async fn the_listing_rule_hides_lapsed_and_deactivated_mentors_and_a_refresher_restores_them() {
    for (backend, db) in databases().await {
        let dir = Arc::<Directory>::default();
        let ids = sample(&db).await;
        let dee = ids[3];
        assert!(!names(&dir, &db, "").await.contains(&"Dee Dunn".to_string()), "{backend}");
        assert!(matches!(
            db::status_of(&db, dee, &today()).await.unwrap(),
            ListingStatus::AccreditationLapsed { .. }
        ));
        let mut tx = db.begin_write().await.unwrap();
        db::record_accreditation(
            &mut tx,
            dee,
            &today(),
            &dates::add_years(&today(), 3).unwrap(),
            "refresher",
            NOW,
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
        assert!(names(&dir, &db, "").await.contains(&"Dee Dunn".to_string()), "{backend}");
        sqlx::query("UPDATE users SET deactivated_at = $1 WHERE id = $2")
            .bind(NOW)
            .bind(ids[0])
            .execute(db.pool())
            .await
            .unwrap();
        assert!(!names(&dir, &db, "").await.contains(&"Ann Archer".to_string()), "{backend}");
        assert_eq!(
            db::status_of(&db, ids[0], &today()).await.unwrap(),
            ListingStatus::AccountInactive,
            "{backend}"
        );
    }
}

#[tokio::test]
async fn a_change_goes_live_only_when_approved() {
    for (backend, db) in databases().await {
        let dir = Arc::<Directory>::default();
        let ids = sample(&db).await;
        let ann = ids[0];
        let mut changed = db::mentor(&db, ann, &today()).await.unwrap().unwrap().0.fields;
        changed.specialty = "Heart failure".into();
        drafts::save(&db, ann, &changed, false, NOW).await.unwrap();
        assert_eq!(drafts::draft_of(&db, ann).await.unwrap().unwrap().state, DraftState::Editing);
        assert_eq!(
            drafts::approve(&db, ann, ids[1], NOW, "link").await.unwrap(),
            drafts::Review::NothingWaiting
        );
        drafts::save(&db, ann, &changed, true, NOW).await.unwrap();
        assert_eq!(
            names(&dir, &db, "q=heart").await,
            Vec::<String>::new(),
            "{backend}: not live before approval"
        );
        assert_eq!(
            db::mentor(&db, ann, &today()).await.unwrap().unwrap().0.fields.specialty,
            "Critical care"
        );
        drafts::return_to_mentor(&db, ann, "Please add your grade", NOW, "link").await.unwrap();
        let returned = drafts::draft_of(&db, ann).await.unwrap().unwrap();
        assert_eq!(
            (returned.state, returned.review_comment.as_str()),
            (DraftState::Returned, "Please add your grade")
        );
        drafts::save(&db, ann, &changed, true, NOW).await.unwrap();
        assert_eq!(drafts::approve(&db, ann, ids[1], NOW, "link").await.unwrap(), drafts::Review::Done);
        assert_eq!(names(&dir, &db, "q=heart").await, vec!["Ann Archer"], "{backend}");
        assert!(drafts::draft_of(&db, ann).await.unwrap().is_none());
        // The old words are gone from the index.
        assert_eq!(names(&dir, &db, "q=critical").await, vec!["Ben Baker", "Cara Cole"], "{backend}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_coordinators_approving_at_once_publish_once() {
    for (backend, db) in databases().await {
        let ids = sample(&db).await;
        let mut changed = db::mentor(&db, ids[1], &today()).await.unwrap().unwrap().0.fields;
        changed.bio = "New words".into();
        drafts::save(&db, ids[1], &changed, true, NOW).await.unwrap();
        let (mentor, coordinators) = (ids[1], [ids[0], ids[2]]);
        let tries = coordinators.map(|coordinator| {
            let db = db.clone();
            tokio::spawn(async move { drafts::approve(&db, mentor, coordinator, NOW, "link").await.unwrap() })
        });
        let mut done = 0;
        for t in tries {
            if t.await.unwrap() == drafts::Review::Done {
                done += 1;
            }
        }
        assert_eq!(done, 1, "{backend}");
        let (emails,): (i64,) =
            sqlx::query_as("SELECT COUNT(*) FROM outbox").fetch_one(db.pool()).await.unwrap();
        assert_eq!(emails, 1, "{backend}: one approval email");
    }
}

#[tokio::test]
async fn the_generator_is_deterministic_and_valid() {
    let today = today();
    for i in 0..300 {
        let a = generated(i, &today);
        assert_eq!(a.fields, generated(i, &today).fields);
        assert_eq!(a.fields.problems_for_approval(), vec![], "mentor {i}");
    }
}

/// Each server instance keeps its own copy of the directory; whatever
/// changes it, the next search on every instance sees the change.
#[tokio::test]
async fn every_instance_sees_a_change_at_its_next_search() {
    use app::relationships::flow;
    use app::relationships::lifecycle::EndReason;
    use support::pairs::{matched, person};
    for (backend, db) in databases().await {
        let instances = [Arc::<Directory>::default(), Arc::<Directory>::default()];
        let by_room = |dir: Arc<Directory>, db: Db| async move {
            let (query, _) = DirectoryQuery::parse("sort=capacity");
            let ids = dir.search(&db, &query, &today()).await.unwrap().user_ids;
            db::cards(&db, &ids).await.unwrap().into_iter().map(|c| c.fields.display_name).collect::<Vec<_>>()
        };
        let (tom, _zed) = (support::mentor(&db, "Tom", 1).await, support::mentor(&db, "Zed", 1).await);
        for dir in &instances {
            assert_eq!(
                by_room(dir.clone(), db.clone()).await,
                ["Tom", "Zed"],
                "{backend}: a place each, by name"
            );
        }
        // Tom's one place taken, through the first instance's database handle.
        let (ann, coordinator) = (person(&db, "ann").await, person(&db, "coord").await);
        let id = matched(&db, ann, tom, coordinator).await;
        for dir in &instances {
            assert_eq!(by_room(dir.clone(), db.clone()).await, ["Zed", "Tom"], "{backend}: Tom is full");
        }
        let context =
            app::sessions::booking::Context { now: NOW, public_url: "https://x.example", cutoff_hours: 24 };
        flow::end(&db, &context, id, ann, false, EndReason::GoalsMet, "").await.unwrap();
        for dir in &instances {
            assert_eq!(
                by_room(dir.clone(), db.clone()).await,
                ["Tom", "Zed"],
                "{backend}: his place is back"
            );
        }
        // Raw SQL, as an operator might: the triggers still see it.
        sqlx::query("UPDATE mentor_profiles SET accepting = 0 WHERE user_id = $1")
            .bind(tom)
            .execute(db.pool())
            .await
            .unwrap();
        for dir in &instances {
            let (query, _) = DirectoryQuery::parse("accepting=1");
            let found = dir.search(&db, &query, &today()).await.unwrap();
            assert_eq!(found.total, 1, "{backend}: only Zed is taking new mentees");
        }
        sqlx::query("DELETE FROM accreditations WHERE user_id = $1")
            .bind(tom)
            .execute(db.pool())
            .await
            .unwrap();
        for dir in &instances {
            assert_eq!(by_room(dir.clone(), db.clone()).await, ["Zed"], "{backend}: unaccredited, unlisted");
        }
    }
}

/// The version moves once per changing transaction, not once per row, and
/// not at all for a transaction that touches nothing the directory shows.
#[tokio::test]
async fn the_version_moves_with_changes_to_the_directory_only() {
    for (backend, db) in databases().await {
        let before = db::directory_version(&db).await.unwrap();
        let ids = sample(&db).await;
        let added = db::directory_version(&db).await.unwrap();
        assert!(added > before, "{backend}");
        sqlx::query("UPDATE users SET display_name = 'Renamed' WHERE id = $1")
            .bind(ids[0])
            .execute(db.pool())
            .await
            .unwrap();
        assert_eq!(
            db::directory_version(&db).await.unwrap(),
            added,
            "{backend}: an account's name is not listed"
        );
        // How a mentor's row is locked while their answer is counted.
        sqlx::query("UPDATE mentor_profiles SET capacity = capacity").execute(db.pool()).await.unwrap();
        assert_eq!(db::directory_version(&db).await.unwrap(), added, "{backend}: a row locked, not changed");
        sqlx::query("UPDATE mentor_profiles SET capacity = capacity + 1").execute(db.pool()).await.unwrap();
        let changed = db::directory_version(&db).await.unwrap();
        assert!(changed > added, "{backend}");
        if backend == "postgres" {
            assert_eq!(changed, added + 1, "{backend}: once for four rows");
        }
    }
}

/// The 0019 migration moves SQLite's words from the full-text table into
/// the profile row; PostgreSQL keeps its column. Either way a profile
/// published before it is found by the same words after it.
#[tokio::test]
async fn profiles_published_before_the_in_memory_search_keep_their_words() {
    for url in support::empty_databases("directory_words").await {
        support::migrate_before(&url, "0019").await;
        let pool = sqlx::AnyPool::connect(&url).await.unwrap();
        sqlx::query(
            "INSERT INTO users (id, email, display_name, password_hash, created_at) \
             VALUES (7, 'old@example.org', 'Olga Old', 'x', $1)",
        )
        .bind(NOW)
        .execute(&pool)
        .await
        .unwrap();
        let words = "Olga Old Renal Example Trust Dialysis and transplant Nurse";
        let search_column = if url.starts_with("sqlite") { "" } else { ", search_body" };
        let search_value = if url.starts_with("sqlite") { "" } else { ", $2" };
        let sql = format!(
            "INSERT INTO mentor_profiles (user_id, display_name, sort_name, pronouns, profession, grade, specialty, \
             sector, organisation, area, models, forms, topics, modes, languages, bio, capacity, accepting, \
             approved_at{search_column}) VALUES (7, 'Olga Old', 'old olga', '', 'nurse', 'Band 6', 'Renal', \
             'secondary-care', 'Example Trust', 'derby', ',skilled-helper,', ',one-to-one,', ',stress,', ',video,', \
             ',English,', 'Dialysis and transplant', 2, 1, $1{search_value})"
        );
        let insert = sqlx::query(&sql).bind(NOW);
        let insert = if url.starts_with("sqlite") { insert } else { insert.bind(words) };
        insert.execute(&pool).await.unwrap();
        if url.starts_with("sqlite") {
            sqlx::query("INSERT INTO mentor_search (rowid, body) VALUES (7, $1)")
                .bind(words)
                .execute(&pool)
                .await
                .unwrap();
        }
        sqlx::query(
            "INSERT INTO accreditations (user_id, course_completed_on, refresher_due_on, recorded_at) \
             VALUES (7, '2026-01-01', '2099-01-01', $1)",
        )
        .bind(NOW)
        .execute(&pool)
        .await
        .unwrap();
        pool.close().await;

        let db = Db::open(&url).await.unwrap();
        let dir = Arc::<Directory>::default();
        assert_eq!(names(&dir, &db, "q=transpl").await, ["Olga Old"], "{url}");
        assert_eq!(names(&dir, &db, "q=cardio").await, Vec::<String>::new(), "{url}");
    }
}
