//! The two engines' migrations must build the same schema: the same
//! tables, columns (by kind of value and whether they may be empty) and
//! indexes. Each engine has its own SQL files, so a column added to one
//! and forgotten in the other would otherwise show only as a runtime error
//! on the engine nobody tried. The check reads the schema the databases
//! themselves report after migrating, so it covers table rebuilds too.

mod support;

use app::db::Db;
use sqlx::Row;
use std::collections::BTreeSet;

/// One line per column and per index, in a form both engines can produce.
type Schema = BTreeSet<String>;

/// The family a column's type belongs to, so `INTEGER` and `bigint`,
/// `BLOB` and `bytea` compare equal.
fn kind(declared: &str) -> &'static str {
    let t = declared.to_ascii_lowercase();
    if t.contains("int") {
        "integer"
    } else if t.contains("text") || t.contains("char") {
        "text"
    } else if t.contains("blob") || t == "bytea" {
        "bytes"
    } else if t.contains("real") || t.contains("double") || t.contains("float") {
        "real"
    } else if t.contains("bool") {
        "boolean"
    } else {
        "other"
    }
}

fn column(table: &str, name: &str, declared: &str, required: bool) -> String {
    let null = if required { "not null" } else { "null" };
    format!("{table}.{name} {} {null}", kind(declared))
}

async fn sqlite_schema(db: &Db) -> Schema {
    let columns = sqlx::query(
        "SELECT m.name, p.name, p.type, p.\"notnull\" + p.pk FROM sqlite_master m, pragma_table_info(m.name) p \
         WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name NOT LIKE '_sqlx%'",
    )
    .fetch_all(db.pool())
    .await
    .expect("read SQLite columns");
    let indexes = sqlx::query(
        "SELECT name, tbl_name FROM sqlite_master \
         WHERE type = 'index' AND name NOT LIKE 'sqlite_autoindex%' AND tbl_name NOT LIKE '_sqlx%'",
    )
    .fetch_all(db.pool())
    .await
    .expect("read SQLite indexes");
    let mut schema = Schema::new();
    for row in columns {
        let table: String = row.get(0);
        let required: i64 = row.get(3);
        schema.insert(column(&table, &row.get::<String, _>(1), &row.get::<String, _>(2), required > 0));
    }
    for row in indexes {
        schema.insert(format!("index {} on {}", row.get::<String, _>(0), row.get::<String, _>(1)));
    }
    schema
}

async fn postgres_schema(db: &Db) -> Schema {
    let columns = sqlx::query(
        "SELECT table_name::text, column_name::text, data_type::text, is_nullable::text \
         FROM information_schema.columns WHERE table_schema = 'public' AND table_name NOT LIKE '_sqlx%'",
    )
    .fetch_all(db.pool())
    .await
    .expect("read PostgreSQL columns");
    // Indexes PostgreSQL makes for primary keys and UNIQUE constraints are
    // SQLite's automatic ones, which the SQLite side leaves out too.
    let indexes = sqlx::query(
        "SELECT indexname::text, tablename::text FROM pg_indexes i WHERE schemaname = 'public' \
         AND tablename NOT LIKE '_sqlx%' \
         AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)",
    )
    .fetch_all(db.pool())
    .await
    .expect("read PostgreSQL indexes");
    let mut schema = Schema::new();
    for row in columns {
        let table: String = row.get(0);
        let name: String = row.get(1);
        let nullable: String = row.get(3);
        schema.insert(column(&table, &name, &row.get::<String, _>(2), nullable == "NO"));
    }
    for row in indexes {
        let name: String = row.get(0);
        schema.insert(format!("index {name} on {}", row.get::<String, _>(1)));
    }
    schema
}

fn migration_names(engine: &str) -> Vec<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../migrations").join(engine);
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("read {}: {e}", dir.display()))
        .map(|entry| entry.expect("list migrations").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn each_engine_has_the_same_migrations() {
    assert_eq!(migration_names("sqlite"), migration_names("postgres"));
}

#[tokio::test]
async fn both_engines_build_the_same_schema() {
    let Some(postgres) = support::postgres().await else {
        assert!(
            std::env::var("MENTORWELL_REQUIRE_POSTGRES").is_err(),
            "MENTORWELL_TEST_POSTGRES is not set but PostgreSQL tests are required"
        );
        eprintln!("note: PostgreSQL not configured; schema parity not checked");
        return;
    };
    let sqlite_db = support::sqlite().await;
    let sqlite = sqlite_schema(&sqlite_db).await;
    let postgres = postgres_schema(&postgres).await;
    assert!(sqlite.len() > 100, "the SQLite schema was read ({} lines)", sqlite.len());
    let only_sqlite: Vec<_> = sqlite.difference(&postgres).collect();
    let only_postgres: Vec<_> = postgres.difference(&sqlite).collect();
    assert!(
        only_sqlite.is_empty() && only_postgres.is_empty(),
        "the engines' schemas differ\nonly on SQLite: {only_sqlite:#?}\nonly on PostgreSQL: {only_postgres:#?}"
    );

    // The check sees a column that only one engine has.
    sqlx::query("ALTER TABLE users ADD COLUMN parity_probe TEXT").execute(sqlite_db.pool()).await.unwrap();
    let changed = sqlite_schema(&sqlite_db).await;
    let extra: Vec<_> = changed.difference(&postgres).cloned().collect();
    assert_eq!(extra, ["users.parity_probe text null"]);
}
