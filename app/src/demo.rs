//! Demo data for a first start: one account of each role, so the app can
//! be tried at once, and a directory of mentors. Loaded only into an empty
//! database.

use crate::accounts::{db, hashing, Role};
use crate::db::Db;

pub struct DemoAccount {
    pub role: &'static str,
    pub email: &'static str,
    pub password: &'static str,
}

pub const DEMO_ACCOUNTS: [DemoAccount; 3] = [
    DemoAccount { role: "mentee", email: "mentee@example.org", password: "demo-mentee-2026" },
    DemoAccount { role: "mentor", email: "mentor@example.org", password: "demo-mentor-2026" },
    DemoAccount { role: "coordinator", email: "coordinator@example.org", password: "demo-coordinator-2026" },
];

const NAMES: [&str; 3] = ["Priya Shah", "Tom Okafor", "Helen Marsh"];

/// Loads the demo accounts if there are no accounts yet. Returns whether
/// it did.
pub async fn load_if_empty(database: &Db, now: i64) -> Result<bool, sqlx::Error> {
    let (count,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM users").fetch_one(database.pool()).await?;
    if count > 0 {
        return Ok(false);
    }
    crate::resources::demo::load(database, now).await?;
    crate::courses::demo::load(database, now).await?;
    for (account, name) in DEMO_ACCOUNTS.iter().zip(NAMES) {
        // Loaded before the server listens, so there is no wait.
        let hash =
            hashing::hash_password(account.password.to_string()).await.expect("a hashing slot is free");
        let user_id = db::upsert_verified_user(database, account.email, name, &hash, now).await?;
        if let Some(role) = Role::parse(account.role).filter(|r| *r != Role::Mentee) {
            db::grant_role(database, user_id, role, now).await?;
        }
        if account.role == "mentor" {
            crate::directory::demo::load(database, user_id, now).await?;
        }
    }
    crate::sessions::demo::load(database, now).await?;
    // After the directory: the report's year of mentoring uses its mentors.
    crate::report::demo::load(database, now).await?;
    Ok(true)
}
