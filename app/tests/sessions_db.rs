//! Sessions against real databases, SQLite and PostgreSQL: fifty people at
//! once for one slot, twenty rounds; overlaps refused by the database
//! itself; moving and cancelling with the cut-off; calendar files read back
//! by an independent parser; reminders once each; feeds revoked.

mod support;

use app::accounts::db::upsert_verified_user;
use app::db::Db;
use app::error::AppError;
use app::sessions::booking::{book, cancel, reschedule, Context};
use app::sessions::db::{self as sdb, Pair, Times};
use app::sessions::rules::{default_fields, Rules};
use app::sessions::slots::TAKEN;
use app::sessions::state::SessionState;
use app::sessions::sweep::sweep;
use support::{databases, NOW};

async fn person(db: &Db, name: &str) -> i64 {
    upsert_verified_user(db, &format!("{name}@example.org"), name, "x", NOW).await.unwrap()
}

/// An active relationship, as a mentor's acceptance leaves it.
async fn pair(db: &Db, mentee: i64, mentor: i64) -> i64 {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO mentoring_requests (mentee_id, state, mentor_id, goal, topics, professions, sectors, areas, \
         modes, forms, days, times, organisation, outside_own_organisation, share_with_mentor, priority, \
         created_at, updated_at) VALUES ($1, 'active', $2, 'A goal', '', '', '', '', '', '', '', '', '', 0, 1, 0, $3, $3) \
         RETURNING id",
    )
    .bind(mentee)
    .bind(mentor)
    .bind(NOW)
    .fetch_one(db.pool())
    .await
    .unwrap();
    let mut tx = db.begin_write().await.unwrap();
    app::relationships::db::start(&mut tx, id, mentor, mentee, NOW).await.unwrap();
    tx.commit().await.unwrap();
    id
}

fn rules(every_day: &str, session: i64, buffer: i64) -> Rules {
    let mut f = default_fields();
    f.days = vec![every_day.to_string(); 7];
    f.session_minutes = session.to_string();
    f.buffer_minutes = buffer.to_string();
    f.notice_hours = "0".into();
    f.max_per_week = "40".into();
    f.room = "Room 4, City Hospital".into();
    f.check("2026-01-01").unwrap()
}

fn times(starts: i64, ends: i64) -> Times {
    Times { starts, ends, holds_until: ends }
}

fn context(now: i64) -> Context<'static> {
    Context { now, public_url: "https://mentorwell.example", cutoff_hours: 24 }
}

async fn free(db: &Db, mentor: i64, now: i64) -> Vec<i64> {
    let mut conn = db.pool().acquire().await.unwrap();
    let diary = sdb::diary_of(&mut conn, mentor, now, 0).await.unwrap().unwrap();
    let d = diary.diary();
    let today = app::sessions::slots::local(&d.zone, now).date();
    d.free(today, 56, now).into_iter().map(|s| s.starts).collect()
}

#[tokio::test]
async fn fifty_at_once_for_one_slot_twenty_rounds_gives_one_booking_each() {
    for (name, db) in databases().await {
        let mentor = person(&db, "Mentor").await;
        sdb::save_rules(&db, mentor, &rules("08:00-20:00", 60, 0), NOW).await.unwrap();
        let mut requests = Vec::new();
        for i in 0..5 {
            let mentee = person(&db, &format!("mentee{i}")).await;
            requests.push((mentee, pair(&db, mentee, mentor).await));
        }
        let slots = free(&db, mentor, NOW).await;
        for round in 0..20 {
            let starts = slots[round * 3];
            let mut tasks = Vec::new();
            for attempt in 0..50 {
                let (db, (mentee, request)) = (db.clone(), requests[attempt % 5]);
                tasks.push(tokio::spawn(async move {
                    book(&db, &context(NOW), mentee, request, starts, "room", "").await
                }));
            }
            let mut booked = 0;
            for task in tasks {
                match task.await.unwrap() {
                    Ok(_) => booked += 1,
                    Err(AppError::Refused(message)) => assert_eq!(message, TAKEN, "{name} round {round}"),
                    Err(other) => panic!("{name} round {round}: {other:?}"),
                }
            }
            assert_eq!(booked, 1, "{name} round {round}");
        }
        let (sessions, blocks): (i64, i64) = sqlx::query_as(
            "SELECT (SELECT COUNT(*) FROM mentoring_sessions), (SELECT COUNT(*) FROM session_blocks)",
        )
        .fetch_one(db.pool())
        .await
        .unwrap();
        assert_eq!((sessions, blocks), (20, 20 * 12), "{name}");
    }
}

#[tokio::test]
async fn overlaps_of_other_lengths_and_other_mentees_are_refused_by_the_database() {
    for (name, db) in databases().await {
        let mentor = person(&db, "Mentor").await;
        let (ann, ben) = (person(&db, "ann").await, person(&db, "ben").await);
        let (ra, rb) = (pair(&db, ann, mentor).await, pair(&db, ben, mentor).await);
        sdb::save_rules(&db, mentor, &rules("09:00-17:00", 60, 15), NOW).await.unwrap();
        let first = free(&db, mentor, NOW).await[0];
        book(&db, &context(NOW), ann, ra, first, "room", "Private: my manager").await.unwrap();
        // Longer sessions now: 90 minutes from 09:00 would run into Ann's.
        sdb::save_rules(&db, mentor, &rules("09:00-17:00", 90, 0), NOW).await.unwrap();
        let later = free(&db, mentor, NOW).await;
        assert!(later.iter().all(|s| *s >= first + 75 * 60 || *s + 90 * 60 <= first), "{name}");
        // Straight to the database, skipping every check: the blocks refuse it.
        let mut conn = db.pool().acquire().await.unwrap();
        let ben_pair: Pair = sdb::active_pair(&mut conn, rb).await.unwrap().unwrap();
        drop(conn);
        let mut tx = db.begin_write().await.unwrap();
        let clash = sdb::insert_session(
            &mut tx,
            &ben_pair,
            "x@test",
            times(first + 30 * 60, first + 120 * 60),
            "room",
            "",
            NOW,
        )
        .await
        .unwrap();
        assert_eq!(clash, None, "{name}");
        tx.rollback().await.unwrap();
        // Ann's break is held too: 10:00 is inside it, 10:15 is free.
        let mut tx = db.begin_write().await.unwrap();
        let in_break = sdb::insert_session(
            &mut tx,
            &ben_pair,
            "y@test",
            times(first + 3600, first + 7200),
            "room",
            "",
            NOW,
        )
        .await
        .unwrap();
        assert_eq!(in_break, None, "{name}");
        tx.rollback().await.unwrap();
        sdb::save_rules(&db, mentor, &rules("09:00-17:00", 60, 15), NOW).await.unwrap();
        let later = free(&db, mentor, NOW).await;
        assert_eq!(later[0], first + 75 * 60, "{name}");
        assert!(book(&db, &context(NOW), ben, rb, first + 75 * 60, "room", "").await.is_ok(), "{name}");
        // Not Ben's relationship, not a time on offer, not a way offered.
        let refused = book(&db, &context(NOW), ben, ra, later[3], "room", "").await.unwrap_err();
        assert!(refused.to_string().contains("only with the mentor you are matched with"), "{name}");
        let odd = book(&db, &context(NOW), ben, rb, later[3] + 300, "room", "").await.unwrap_err();
        assert!(odd.to_string().contains("not available at that time"), "{name}");
        let video = book(&db, &context(NOW), ben, rb, later[3], "video", "").await.unwrap_err();
        assert_eq!(video.for_field("location").as_deref(), Some("Choose how you will meet."), "{name}");
        let past = book(&db, &context(NOW), ben, rb, NOW - 3600, "room", "").await.unwrap_err();
        assert!(past.to_string().contains("already passed"), "{name}");
    }
}

fn property<'a>(event: &'a icalendar::parser::Component<'a>, name: &str) -> String {
    event.properties.iter().find(|p| p.name == name).map(|p| p.val.to_string()).unwrap_or_default()
}

/// The calendar attached to the newest email to `to`, parsed.
async fn invitation(db: &Db, to: &str) -> (String, String) {
    sqlx::query_as(
        "SELECT attachment_body, subject FROM outbox WHERE to_address = $1 ORDER BY id DESC LIMIT 1",
    )
    .bind(to)
    .fetch_one(db.pool())
    .await
    .unwrap()
}

fn read(ics: &str) -> Vec<(String, String)> {
    let unfolded = icalendar::parser::unfold(ics);
    let calendar = icalendar::parser::read_calendar(&unfolded).expect("parses");
    let mut out: Vec<(String, String)> =
        calendar.properties.iter().map(|p| (p.name.to_string(), p.val.to_string())).collect();
    let event = calendar.components.iter().find(|c| c.name == "VEVENT").expect("an event");
    for name in ["UID", "SEQUENCE", "DTSTART", "DTEND", "SUMMARY", "DESCRIPTION", "STATUS", "LOCATION"] {
        out.push((name.to_string(), property(event, name)));
    }
    out
}

fn get(fields: &[(String, String)], name: &str) -> String {
    fields.iter().find(|(n, _)| n == name).map(|(_, v)| v.clone()).unwrap_or_default()
}

#[tokio::test]
async fn moving_and_cancelling_keep_the_calendar_in_step() {
    for (name, db) in databases().await {
        let mentor = person(&db, "grace").await;
        let ann = person(&db, "ann").await;
        let request = pair(&db, ann, mentor).await;
        sdb::save_rules(&db, mentor, &rules("09:00-12:00", 60, 0), NOW).await.unwrap();
        let slots = free(&db, mentor, NOW).await;
        let agenda = "Private: my manager and the rota";
        let id = book(&db, &context(NOW), ann, request, slots[6], "room", agenda).await.unwrap();

        let (ics, subject) = invitation(&db, "ann@example.org").await;
        let booked = read(&ics);
        assert_eq!(get(&booked, "METHOD"), "REQUEST", "{name}");
        assert_eq!(get(&booked, "SEQUENCE"), "0", "{name}");
        let dtstart = jiff::Timestamp::from_second(slots[6]).unwrap().strftime("%Y%m%dT%H%M%SZ").to_string();
        assert_eq!(get(&booked, "DTSTART"), dtstart, "{name}");
        assert!(subject.starts_with("Protected time booked: "), "{name}");
        assert_eq!(get(&booked, "SUMMARY"), "Protected time", "{name}: discreet unless chosen");
        let uid = get(&booked, "UID");
        assert!(uid.ends_with("@mentorwell"), "{name}");
        let everything: Vec<(String, String, String)> =
            sqlx::query_as("SELECT subject, body_text, attachment_body FROM outbox")
                .fetch_all(db.pool())
                .await
                .unwrap();
        assert!(
            everything
                .iter()
                .all(|(s, b, a)| !(s.contains("Private") || b.contains("Private") || a.contains("Private"))),
            "{name}: the agenda leaked"
        );

        // Ann moves it; the calendar keeps the uid and counts the change.
        reschedule(&db, &context(NOW), ann, id, slots[9]).await.unwrap();
        let (ics, _) = invitation(&db, "ann@example.org").await;
        let moved = read(&ics);
        assert_eq!((get(&moved, "UID"), get(&moved, "SEQUENCE")), (uid.clone(), "1".into()), "{name}");
        // Inside the cut-off only the mentor may change it.
        let late = slots[9] - 3600;
        let refused = cancel(&db, &context(late), ann, id, "").await.unwrap_err();
        assert!(refused.to_string().contains("only your mentor can change it"), "{name}");
        let reason = cancel(&db, &context(late), mentor, id, "").await.unwrap_err();
        assert!(reason.for_field("reason").is_some(), "{name}");
        cancel(&db, &context(late), mentor, id, "I am on call that morning").await.unwrap();
        let (ics, subject) = invitation(&db, "ann@example.org").await;
        let cancelled = read(&ics);
        assert_eq!(get(&cancelled, "METHOD"), "CANCEL", "{name}");
        assert_eq!(get(&cancelled, "STATUS"), "CANCELLED", "{name}");
        assert_eq!((get(&cancelled, "UID"), get(&cancelled, "SEQUENCE")), (uid, "2".into()), "{name}");
        assert!(subject.starts_with("Protected time cancelled"), "{name}");
        assert!(!ics.contains("on call"), "{name}: the reason stays in the app");
        let mut conn = db.pool().acquire().await.unwrap();
        let s = sdb::session_by_id(&mut conn, id).await.unwrap().unwrap();
        assert_eq!(
            (s.state, s.cancel_reason.as_str(), s.cancelled_by, s.cancelled_at),
            (SessionState::Cancelled, "I am on call that morning", Some(mentor), Some(late)),
            "{name}: who cancelled and when are kept for the card"
        );
        drop(conn);
        // Its time is free again; a cancelled session cannot be moved.
        assert!(free(&db, mentor, NOW).await.contains(&slots[9]), "{name}");
        let gone = reschedule(&db, &context(NOW), ann, id, slots[10]).await.unwrap_err();
        assert!(gone.to_string().contains("no longer booked"), "{name}");
        // Someone outside the pair cannot see it exists.
        let stranger = person(&db, "stranger").await;
        assert_eq!(
            cancel(&db, &context(NOW), stranger, id, "x").await.unwrap_err(),
            AppError::NotFound,
            "{name}"
        );
    }
}

#[tokio::test]
async fn reminders_go_once_and_feeds_can_be_revoked() {
    for (name, db) in databases().await {
        let mentor = person(&db, "Mentor").await;
        let ann = person(&db, "ann").await;
        let request = pair(&db, ann, mentor).await;
        sdb::save_rules(&db, mentor, &rules("09:00-12:00", 60, 0), NOW).await.unwrap();
        let starts = free(&db, mentor, NOW).await[4];
        book(&db, &context(NOW), ann, request, starts, "room", "Private words").await.unwrap();
        assert_eq!(sweep(&db, starts - 25 * 3600, "https://x").await.unwrap(), 0, "{name}");
        assert_eq!(sweep(&db, starts - 23 * 3600, "https://x").await.unwrap(), 1, "{name}");
        assert_eq!(sweep(&db, starts - 22 * 3600, "https://x").await.unwrap(), 0, "{name}");
        let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM outbox WHERE subject LIKE 'Reminder:%'")
            .fetch_one(db.pool())
            .await
            .unwrap();
        assert_eq!(n, 2, "{name}: one each");
        let bodies: Vec<(String,)> =
            sqlx::query_as("SELECT body_text FROM outbox").fetch_all(db.pool()).await.unwrap();
        assert!(bodies.iter().all(|(b,)| !b.contains("Private")), "{name}: no agenda in reminders");

        // The feed parses back with the session in it, and nothing private.
        let feed = app::sessions::feed::calendar_of(&db, ann, NOW, "https://x").await.unwrap();
        let unfolded = icalendar::parser::unfold(&feed);
        let calendar = icalendar::parser::read_calendar(&unfolded).expect("the feed parses");
        let events: Vec<_> = calendar.components.iter().filter(|c| c.name == "VEVENT").collect();
        assert_eq!(events.len(), 1, "{name}");
        assert!(!feed.contains("Private"), "{name}: no agenda in the feed");
        let dtstart = jiff::Timestamp::from_second(starts).unwrap().strftime("%Y%m%dT%H%M%SZ").to_string();
        assert_eq!(property(events[0], "DTSTART"), dtstart, "{name}");
        assert_eq!(property(events[0], "STATUS"), "CONFIRMED", "{name}");
        assert!(calendar.properties.iter().any(|p| p.name == "METHOD" && p.val == "PUBLISH"), "{name}");

        sdb::set_feed(&db, ann, "hash-one", NOW).await.unwrap();
        assert_eq!(sdb::feed_owner(&db, "hash-one").await.unwrap(), Some(ann), "{name}");
        sdb::set_feed(&db, ann, "hash-two", NOW).await.unwrap();
        assert_eq!(sdb::feed_owner(&db, "hash-one").await.unwrap(), None, "{name}: replaced");
        sdb::revoke_feed(&db, ann).await.unwrap();
        assert_eq!(sdb::feed_owner(&db, "hash-two").await.unwrap(), None, "{name}: revoked");
    }
}

#[tokio::test]
async fn a_mentor_records_a_session_once_it_has_started_and_coordinators_count_it() {
    for (name, db) in databases().await {
        let mentor = person(&db, "Mentor").await;
        let ann = person(&db, "ann").await;
        let request = pair(&db, ann, mentor).await;
        sdb::save_rules(&db, mentor, &rules("09:00-12:00", 60, 0), NOW).await.unwrap();
        let starts = free(&db, mentor, NOW).await[2];
        let id = book(&db, &context(NOW), ann, request, starts, "room", "").await.unwrap();
        assert_eq!(sdb::counts_of(&db, request).await.unwrap(), (0, 1), "{name}");
        assert!(
            !sdb::mark(&db, id, SessionState::Held, starts - 60).await.unwrap(),
            "{name}: not before it starts"
        );
        assert!(sdb::mark(&db, id, SessionState::Held, starts + 3600).await.unwrap(), "{name}");
        assert_eq!(sdb::counts_of(&db, request).await.unwrap(), (1, 0), "{name}");
        // A correction is allowed; a cancelled session cannot be marked.
        assert!(sdb::mark(&db, id, SessionState::NoShow, starts + 7200).await.unwrap(), "{name}");
        assert_eq!(sdb::counts_of(&db, request).await.unwrap(), (0, 0), "{name}");
        let later = free(&db, mentor, NOW).await[5];
        let other = book(&db, &context(NOW), ann, request, later, "room", "").await.unwrap();
        cancel(&db, &context(NOW), ann, other, "").await.unwrap();
        assert!(!sdb::mark(&db, other, SessionState::Held, later + 3600).await.unwrap(), "{name}");
    }
}
