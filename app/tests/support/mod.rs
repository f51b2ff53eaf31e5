//! Fresh databases for tests: every test gets its own SQLite file and, when
//! `MENTORWELL_TEST_POSTGRES` names a server, its own PostgreSQL database,
//! and runs the same checks on each.

use app::db::Db;
use sqlx::{Connection, Executor};

static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);

fn unique_name() -> String {
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().subsec_nanos();
    format!("mw_test_{}_{nanos}_{n}", std::process::id())
}

pub async fn sqlite() -> Db {
    let path = std::env::temp_dir().join(format!("{}.db", unique_name()));
    Db::open(&format!("sqlite://{}?mode=rwc", path.display())).await.expect("open SQLite")
}

/// A new, empty database on the test PostgreSQL server, if there is one.
pub async fn postgres() -> Option<Db> {
    let url = postgres_url().await?;
    Some(Db::open(&url).await.expect("open PostgreSQL"))
}

/// The address of a new database on the test PostgreSQL server, with no
/// tables yet (for tests of the migrations themselves).
#[allow(dead_code)] // Not every test file checks migrations.
pub async fn postgres_url() -> Option<String> {
    let admin_url = std::env::var("MENTORWELL_TEST_POSTGRES").ok().filter(|u| !u.is_empty())?;
    sqlx::any::install_default_drivers();
    let name = unique_name();
    let mut admin = sqlx::AnyConnection::connect(&admin_url).await.expect("connect to test PostgreSQL");
    admin.execute(format!("CREATE DATABASE {name}").as_str()).await.expect("create test database");
    admin.close().await.ok();
    let (base, _) = admin_url.rsplit_once('/').expect("URL names a database");
    Some(format!("{base}/{name}"))
}

/// Addresses of new, empty databases (a SQLite file named after `label`,
/// and one on the test PostgreSQL server when there is one), for tests of
/// the migrations themselves.
#[allow(dead_code)]
pub async fn empty_databases(label: &str) -> Vec<String> {
    let file = std::env::temp_dir().join(format!("{label}_{}.db", std::process::id()));
    let mut urls = vec![format!("sqlite://{}?mode=rwc", file.display())];
    match postgres_url().await {
        Some(url) => urls.push(url),
        None if std::env::var("MENTORWELL_REQUIRE_POSTGRES").is_ok() => {
            panic!("MENTORWELL_TEST_POSTGRES is not set but PostgreSQL tests are required")
        }
        None => eprintln!("note: PostgreSQL not configured; testing SQLite only"),
    }
    urls
}

/// Every backend to test on. PostgreSQL is required when the test command
/// says so, so a missing server cannot turn into a silent pass.
#[allow(dead_code)] // The schema check opens each engine itself.
pub async fn databases() -> Vec<(&'static str, Db)> {
    let mut dbs = vec![("sqlite", sqlite().await)];
    match postgres().await {
        Some(db) => dbs.push(("postgres", db)),
        None if std::env::var("MENTORWELL_REQUIRE_POSTGRES").is_ok() => {
            panic!("MENTORWELL_TEST_POSTGRES is not set but PostgreSQL tests are required")
        }
        None => eprintln!("note: PostgreSQL not configured; testing SQLite only"),
    }
    dbs
}

pub mod pairs;

/// Runs the migrations on `url` up to, not including, `first_left_out`
/// (a file name prefix such as "0017"), to write data as an older schema
/// had it before the rest are run.
#[allow(dead_code)]
pub async fn migrate_before(url: &str, first_left_out: &str) {
    let dir = std::env::temp_dir().join(format!(
        "mw_migrations_{}_{}_{first_left_out}",
        std::process::id(),
        url.len()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let engine = if url.starts_with("sqlite") { "sqlite" } else { "postgres" };
    let source = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../migrations").join(engine);
    for entry in std::fs::read_dir(source).unwrap() {
        let path = entry.unwrap().path();
        let file = path.file_name().unwrap().to_string_lossy().to_string();
        if file.as_str() < first_left_out {
            std::fs::copy(&path, dir.join(&file)).unwrap();
        }
    }
    sqlx::any::install_default_drivers();
    let pool = sqlx::AnyPool::connect(url).await.unwrap();
    sqlx::migrate::Migrator::new(dir.as_path()).await.unwrap().run(&pool).await.unwrap();
    pool.close().await;
}

pub const NOW: i64 = 1_780_000_000;

/// A listed, accredited mentor with room for `capacity` mentees. Not every
/// test file uses it, hence the allow.
#[allow(dead_code)]
pub async fn mentor(db: &Db, name: &str, capacity: i64) -> i64 {
    use app::directory::demo::{insert_mentor, DemoMentor};
    use app::directory::profile::ProfileFields;
    let today = app::dates::date_of(NOW);
    let m = DemoMentor {
        email: format!("{}@example.org", name.to_lowercase().replace(' ', ".")),
        fields: ProfileFields {
            display_name: name.into(),
            profession: "nurse".into(),
            grade: "Band 7".into(),
            specialty: "Critical care".into(),
            sector: "secondary-care".into(),
            organisation: "Example Trust".into(),
            area: "derby".into(),
            models: vec!["skilled-helper".into()],
            forms: vec!["one-to-one".into()],
            topics: vec!["stress".into()],
            modes: vec!["video".into()],
            languages: vec!["English".into()],
            bio: "Nurse.".into(),
            capacity,
            ..Default::default()
        },
        accepting: true,
        completed_on: today.clone(),
        refresher_due_on: app::dates::add_years(&today, 3).unwrap(),
    };
    let mut tx = db.begin_write().await.unwrap();
    let id = insert_mentor(&mut tx, &m, None, NOW).await.unwrap();
    tx.commit().await.unwrap();
    id
}
