//! The PostgreSQL connection pool checks only connections that sat idle
//! before lending them: these are the ones a restarted server or a
//! firewall may have dropped.

mod support;

use sqlx::{Connection, Executor, Row};
use std::time::Duration;

#[tokio::test]
async fn a_connection_dropped_while_idle_is_replaced_not_lent() {
    let Some(db) = support::postgres().await else {
        assert!(std::env::var("MENTORWELL_REQUIRE_POSTGRES").is_err(), "PostgreSQL tests are required");
        return;
    };
    let name: String =
        sqlx::query("SELECT current_database()::TEXT").fetch_one(db.pool()).await.unwrap().get(0);
    // The server ends every session on the test database, as a restart would.
    let admin_url = std::env::var("MENTORWELL_TEST_POSTGRES").unwrap();
    let mut admin = sqlx::AnyConnection::connect(&admin_url).await.unwrap();
    let ended: i64 = sqlx::query(&format!(
        "SELECT count(*) FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}') t"
    ))
    .fetch_one(&mut admin)
    .await
    .unwrap()
    .get(0);
    assert!(ended >= 1, "the pool held a connection");
    admin.close().await.ok();
    // Long enough idle to be checked: the dead ones are closed and a new
    // one lent, so the query succeeds.
    tokio::time::sleep(Duration::from_secs(11)).await;
    let one: i64 = sqlx::query("SELECT 1::BIGINT").fetch_one(db.pool()).await.unwrap().get(0);
    assert_eq!(one, 1);
    db.pool().execute("SELECT 1").await.unwrap();
}
