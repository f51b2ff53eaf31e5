//! Rota patterns against real databases, SQLite and PostgreSQL: a
//! four-week rota with an empty week across the October clock change,
//! nights read back as typed, and weekly patterns saved before rotas
//! reading back unchanged as one-week rotas, and every rota read at once
//! as free times for matching.

mod support;

use app::accounts::db::upsert_verified_user;
use app::db::Db;
use app::sessions::db as sdb;
use app::sessions::rules::{default_fields, Rules};
use app::sessions::slots::local;
use support::{databases, migrate_before, NOW};

async fn person(db: &Db, name: &str) -> i64 {
    upsert_verified_user(db, &format!("{name}@example.org"), name, "x", NOW).await.unwrap()
}

/// Four weeks from Monday 5 October 2026, week 3 empty; the other weeks
/// open on Tuesdays from 19:00 to 01:00, a night running past midnight.
fn four_week_rota() -> Rules {
    let mut f = default_fields();
    f.rota_weeks = "4".into();
    f.rota_starts = "2026-10-05".into();
    f.days = vec![String::new(); 28];
    for week in [0, 1, 3] {
        f.days[week * 7 + 1] = "19:00-01:00".into();
    }
    f.session_minutes = "60".into();
    f.buffer_minutes = "30".into();
    f.notice_hours = "0".into();
    f.max_per_week = "40".into();
    f.room = "Room 4, City Hospital".into();
    f.check("2026-10-01").unwrap()
}

#[tokio::test]
async fn a_four_week_rota_with_week_three_empty_keeps_its_wall_clock_times_across_october() {
    // Sunday 4 October 2026, noon UTC.
    let now = 1_791_115_200;
    for (name, db) in databases().await {
        let mentor = person(&db, "Mentor").await;
        let rules = four_week_rota();
        sdb::save_rules(&db, mentor, &rules, NOW).await.unwrap();
        let mut conn = db.pool().acquire().await.unwrap();
        assert_eq!(
            sdb::rules_of(&mut conn, mentor).await.unwrap().as_ref(),
            Some(&rules),
            "{name}: read back"
        );
        let diary = sdb::diary_of(&mut conn, mentor, now, 0).await.unwrap().unwrap();
        let d = diary.diary();
        let first = local(&d.zone, now).date().tomorrow().unwrap();
        assert_eq!(first.to_string(), "2026-10-05");
        let times: Vec<String> =
            d.free(first, 56, now).iter().map(|s| local(&d.zone, s.starts).to_string()).collect();
        // Weeks 1, 2, 4, 5, 6 and 8; the clocks go back on 25 October,
        // between weeks 3 and 4. Weeks 3 and 7 offer nothing.
        let mut expected = Vec::new();
        for day in ["10-06", "10-13", "10-27", "11-03", "11-10", "11-24"] {
            for time in ["19:00", "20:30", "22:00", "23:30"] {
                expected.push(format!("2026-{day}T{time}:00"));
            }
        }
        assert_eq!(times, expected, "{name}");
        // The same wall-clock times are different UTC hours either side of
        // the change: 18:00 UTC in BST, 19:00 UTC in GMT.
        let utc: Vec<i64> = d.free(first, 56, now).iter().map(|s| s.starts % 86_400 / 3600).collect();
        assert_eq!((utc[0], utc[8]), (18, 19), "{name}");
        for s in d.free(first, 56, now) {
            assert_eq!(d.refusal(s.starts, now), None, "{name}: offered but refused");
        }
    }
}

#[tokio::test]
async fn weekly_patterns_saved_before_rotas_read_back_unchanged() {
    for url in support::empty_databases("mw_migrate_rota").await {
        migrate_before(&url, "0017").await;
        let pool = sqlx::AnyPool::connect(&url).await.unwrap();
        sqlx::query(&format!(
            "INSERT INTO users (email, display_name, password_hash, created_at, email_verified_at) \
             VALUES ('tom@example.org', 'Tom', 'x', {NOW}, {NOW})"
        ))
        .execute(&pool)
        .await
        .unwrap();
        sqlx::query(&format!(
            "INSERT INTO availability (mentor_id, time_zone, session_minutes, buffer_minutes, notice_hours, \
             max_per_week, room, video_link, phone, updated_at) \
             VALUES (1, 'Europe/London', 60, 15, 24, 3, 'Room 4', '', '', {NOW})"
        ))
        .execute(&pool)
        .await
        .unwrap();
        for (weekday, starts, ends) in [(1, "09:00", "12:00"), (1, "14:00", "17:00"), (5, "18:00", "24:00")] {
            sqlx::query(&format!(
                "INSERT INTO availability_windows (mentor_id, weekday, starts_at, ends_at) \
                 VALUES (1, {weekday}, '{starts}', '{ends}')"
            ))
            .execute(&pool)
            .await
            .unwrap();
        }
        pool.close().await;

        let db = Db::open(&url).await.unwrap();
        let mut conn = db.pool().acquire().await.unwrap();
        let rules = sdb::rules_of(&mut conn, 1).await.unwrap().unwrap();
        assert_eq!(rules.weeks.len(), 1, "{url}");
        let fields = rules.fields();
        assert_eq!(fields.days[0], "09:00-12:00, 14:00-17:00", "{url}");
        assert_eq!(fields.days[4], "18:00-24:00", "{url}");
        assert_eq!((fields.rota_weeks.as_str(), fields.rota_starts.as_str()), ("1", ""), "{url}");
        assert_eq!(fields.days.iter().filter(|d| !d.is_empty()).count(), 2, "{url}");
    }
}

#[tokio::test]
async fn matching_reads_every_mentors_rota_as_free_times() {
    use app::vocabulary::{Day, TimeOfDay};
    for (name, db) in databases().await {
        let on_rota = person(&db, "Rota").await;
        let without = person(&db, "Nobody").await;
        sdb::save_rules(&db, on_rota, &four_week_rota(), NOW).await.unwrap();
        let mut conn = db.pool().acquire().await.unwrap();
        let free = app::sessions::free_times::every_mentor(&mut conn, "2026-10-05", None).await.unwrap();
        assert!(!free.contains_key(&without), "{name}");
        // Eight weeks from week 1: six open Tuesdays, 19:00–22:00 and on
        // to 01:00; nothing on week 3's or week 7's.
        let times = free[&on_rota];
        assert_eq!(times.minutes(Day::Tuesday, TimeOfDay::Evening), 6 * 180, "{name}");
        assert_eq!(times.minutes(Day::Tuesday, TimeOfDay::Night), 6 * 180, "{name}");
        assert_eq!(times.minutes(Day::Wednesday, TimeOfDay::Night), 0, "{name}");
        // Kept beside the rules: read again, the same; for one mentor, theirs.
        let summary: String =
            sqlx::query_scalar("SELECT free_minutes FROM availability WHERE mentor_id = $1")
                .bind(on_rota)
                .fetch_one(&mut *conn)
                .await
                .unwrap();
        assert_eq!(summary, times.to_text(), "{name}: stored");
        let again =
            app::sessions::free_times::every_mentor(&mut conn, "2026-10-05", Some(on_rota)).await.unwrap();
        assert_eq!(again.len(), 1, "{name}");
        assert_eq!(again[&on_rota], times, "{name}: read back");
        drop(conn);

        // Leave on the first Tuesday makes it again: one Tuesday fewer.
        let leave = app::sessions::slots::Exception::Leave {
            first: "2026-10-06".parse().unwrap(),
            last: "2026-10-06".parse().unwrap(),
        };
        sdb::add_exception(&db, on_rota, &leave).await.unwrap();
        let mut conn = db.pool().acquire().await.unwrap();
        let after = app::sessions::free_times::every_mentor(&mut conn, "2026-10-05", None).await.unwrap();
        assert_eq!(after[&on_rota].minutes(Day::Tuesday, TimeOfDay::Evening), 5 * 180, "{name}: leave");
        // Two days on, the eight weeks start after the leave and reach 1
        // December, a week 1: six open Tuesdays again, made afresh.
        let later = app::sessions::free_times::every_mentor(&mut conn, "2026-10-07", None).await.unwrap();
        assert_eq!(later[&on_rota].minutes(Day::Tuesday, TimeOfDay::Evening), 6 * 180, "{name}: later");
        let from: String = sqlx::query_scalar("SELECT free_from FROM availability WHERE mentor_id = $1")
            .bind(on_rota)
            .fetch_one(&mut *conn)
            .await
            .unwrap();
        assert_eq!(from, "2026-10-07", "{name}: the summary follows the day");
    }
}
