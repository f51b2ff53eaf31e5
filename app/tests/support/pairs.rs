//! People and relationships made the way the service makes them: a
//! request submitted, approved by a coordinator and accepted by the
//! mentor. Not every test file uses each helper.
#![allow(dead_code)]

use super::NOW;
use app::accounts::db::upsert_verified_user;
use app::dates;
use app::db::Db;
use app::requests::db::{save_draft, Saved};
use app::requests::flow::{self, Settings};
use app::requests::form::RequestFields;
use app::sessions::db as sdb;
use app::sessions::rules::default_fields;

pub const DAY: i64 = 86_400;

pub fn settings(now: i64) -> Settings {
    Settings {
        public_url: "http://mentorwell.test".into(),
        offer_seconds: 6 * DAY,
        today: dates::date_of(now),
        now,
    }
}

/// A confirmed account called `name`.
pub async fn person(db: &Db, name: &str) -> i64 {
    upsert_verified_user(db, &format!("{name}@example.org"), name, "x", NOW).await.unwrap()
}

/// A request from `mentee` naming `mentor`, approved and accepted: the
/// relationship as the service makes it. Returns its id.
pub async fn matched(db: &Db, mentee: i64, mentor: i64, coordinator: i64) -> i64 {
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

/// Every day 09:00–17:00 open to `mentor`, hourly sessions, no notice:
/// the start of each free slot over the next eight weeks.
pub async fn open_diary(db: &Db, mentor: i64) -> Vec<i64> {
    let mut f = default_fields();
    f.days = vec!["09:00-17:00".to_string(); 7];
    f.session_minutes = "60".into();
    f.buffer_minutes = "0".into();
    f.notice_hours = "0".into();
    f.max_per_week = "40".into();
    f.room = "Room 4, City Hospital".into();
    sdb::save_rules(db, mentor, &f.check("2026-01-01").unwrap(), NOW).await.unwrap();
    let mut conn = db.pool().acquire().await.unwrap();
    let diary = sdb::diary_of(&mut conn, mentor, NOW, 0).await.unwrap().unwrap();
    let d = diary.diary();
    let today = app::sessions::slots::local(&d.zone, NOW).date();
    d.free(today, 56, NOW).into_iter().map(|s| s.starts).collect()
}
