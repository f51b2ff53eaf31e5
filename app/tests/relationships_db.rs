//! Relationships against real databases, SQLite and PostgreSQL: started in
//! the mentor's acceptance, ended once however many try at the same
//! moment, sessions to come cancelled with their calendars, the mentor's
//! place freed, booking refused after the end, and existing matches
//! carried over by the migration with their sessions. The agreement:
//! active once both agree one version, a change asks the other again, a
//! stale save or one after the end is refused.

mod support;

use app::dates;
use app::db::Db;
use app::error::AppError;
use app::relationships::agreement::{Agreement, AgreementFields};
use app::relationships::agreement_db::{self as adb, Saved as AgreementSaved};
use app::relationships::db::{self as rdb, by_id};
use app::relationships::flow::{self, end, AGREEMENT_STALE, SESSION_CANCEL_REASON};
use app::relationships::lifecycle::{Actor, EndReason, RelationshipState};
use app::requests::facts::mentor_facts;
use app::sessions::booking::{book, Context, ENDED};
use app::sessions::db as sdb;
use app::sessions::state::SessionState;
use support::pairs::{matched, open_diary, person, DAY};
use support::{databases, mentor, migrate_before, NOW};

fn context(now: i64) -> Context<'static> {
    Context { now, public_url: "https://mentorwell.example", cutoff_hours: 24 }
}

/// Agrees as [`flow::agree`] does at `now`.
async fn agree(
    db: &Db,
    id: i64,
    user_id: i64,
    coordinator: bool,
    based_on: i64,
    agreement: &Agreement,
    now: i64,
) -> Result<AgreementSaved, AppError> {
    flow::agree(db, &context(now), id, user_id, coordinator, based_on, agreement).await
}

async fn relationship(db: &Db, id: i64) -> rdb::StoredRelationship {
    let mut conn = db.pool().acquire().await.unwrap();
    by_id(&mut conn, id).await.unwrap().expect("a relationship")
}

async fn active_mentees(db: &Db, mentor: i64) -> i64 {
    let mut conn = db.pool().acquire().await.unwrap();
    mentor_facts(&mut conn, &dates::date_of(NOW), Some(mentor)).await.unwrap()[0].facts.active_mentees
}

async fn count(db: &Db, sql: &str, id: i64) -> i64 {
    sqlx::query_scalar(sql).bind(id).fetch_one(db.pool()).await.unwrap()
}

#[tokio::test]
async fn accepting_starts_a_relationship_and_ending_frees_the_place() {
    for (name, db) in databases().await {
        let tom = mentor(&db, "Tom", 1).await;
        let (ann, ben, coordinator) =
            (person(&db, "ann").await, person(&db, "ben").await, person(&db, "coord").await);
        let id = matched(&db, ann, tom, coordinator).await;
        let r = relationship(&db, id).await;
        assert_eq!(
            (r.state, r.mentor_id, r.mentee_id, r.started_at),
            (RelationshipState::Agreeing, tom, ann, NOW),
            "{name}"
        );
        let start: (String, String, Option<i64>) = sqlx::query_as(
            "SELECT event, actor_role, actor_id FROM relationship_events WHERE relationship_id = $1",
        )
        .bind(id)
        .fetch_one(db.pool())
        .await
        .unwrap();
        assert_eq!(start, ("start".into(), "mentor".into(), Some(tom)), "{name}");
        assert_eq!(active_mentees(&db, tom).await, 1, "{name}");

        // Someone outside the pair, not a coordinator, is told it does not exist.
        let outsider = end(&db, &context(NOW), id, ben, false, EndReason::Other, "").await;
        assert_eq!(outsider, Err(AppError::NotFound), "{name}");

        end(&db, &context(NOW + 60), id, ann, false, EndReason::GoalsMet, "Marker-note-7c1").await.unwrap();
        let r = relationship(&db, id).await;
        assert_eq!(
            (r.state, r.ended_at, r.end_reason),
            (RelationshipState::Ended, Some(NOW + 60), Some(EndReason::GoalsMet)),
            "{name}"
        );
        let ended: (String, String, String, String) = sqlx::query_as(
            "SELECT event, actor_role, reason, note FROM relationship_events WHERE relationship_id = $1 AND event = 'end'",
        )
        .bind(id)
        .fetch_one(db.pool())
        .await
        .unwrap();
        assert_eq!(
            ended,
            ("end".into(), "mentee".into(), "goals-met".into(), "Marker-note-7c1".into()),
            "{name}"
        );
        // The place is free at once; ending again is called that.
        assert_eq!(active_mentees(&db, tom).await, 0, "{name}");
        let again = end(&db, &context(NOW + 120), id, tom, false, EndReason::LostTouch, "").await;
        assert_eq!(
            again,
            Err(AppError::Refused("This mentoring relationship has already ended.".into())),
            "{name}"
        );
        let outbox: Vec<(String,)> =
            sqlx::query_as("SELECT body_text FROM outbox").fetch_all(db.pool()).await.unwrap();
        assert!(outbox.iter().all(|(b,)| !b.contains("Marker-note")), "{name}: the note reached an email");

        // Ann may ask again, and Tom, no longer her mentor, may be asked.
        let again = matched(&db, ann, tom, coordinator).await;
        assert_eq!(relationship(&db, again).await.state, RelationshipState::Agreeing, "{name}");
        assert_eq!(active_mentees(&db, tom).await, 1, "{name}");
    }
}

#[tokio::test]
async fn ending_cancels_sessions_to_come_with_their_calendars_and_stops_booking() {
    for (name, db) in databases().await {
        let tom = mentor(&db, "Tom", 2).await;
        let (ann, coordinator) = (person(&db, "ann").await, person(&db, "coord").await);
        let id = matched(&db, ann, tom, coordinator).await;
        let slots = open_diary(&db, tom).await;
        let first = book(&db, &context(NOW), ann, id, slots[2], "room", "").await.unwrap();
        let second = book(&db, &context(NOW), ann, id, slots[5], "room", "").await.unwrap();
        let held = book(&db, &context(NOW), ann, id, slots[0], "room", "").await.unwrap();
        // The first slot has begun and been held by the time it ends.
        let later = slots[0] + 3600;
        assert!(sdb::mark(&db, held, SessionState::Held, later).await.unwrap(), "{name}");
        let before = count(&db, "SELECT COALESCE(MAX(id), 0) FROM outbox WHERE id > $1", 0).await;

        end(&db, &context(later), id, coordinator, true, EndReason::CircumstancesChanged, "").await.unwrap();
        for session in [first, second] {
            let s: (String, String, Option<i64>) = sqlx::query_as(
                "SELECT state, cancel_reason, cancelled_by FROM mentoring_sessions WHERE id = $1",
            )
            .bind(session)
            .fetch_one(db.pool())
            .await
            .unwrap();
            assert_eq!(s, ("cancelled".into(), SESSION_CANCEL_REASON.into(), Some(coordinator)), "{name}");
        }
        let kept: String = sqlx::query_scalar("SELECT state FROM mentoring_sessions WHERE id = $1")
            .bind(held)
            .fetch_one(db.pool())
            .await
            .unwrap();
        assert_eq!(kept, "held", "{name}");
        assert_eq!(
            count(&db, "SELECT COUNT(*) FROM session_blocks WHERE mentor_id = $1", tom).await,
            12,
            "{name}: only the held session keeps its time"
        );
        // Both of the pair hear of each cancelled session, with a calendar
        // cancellation, as when one session is cancelled.
        let cancels: Vec<(String, String)> =
            sqlx::query_as("SELECT to_address, attachment_body FROM outbox WHERE id > $1 ORDER BY id")
                .bind(before)
                .fetch_all(db.pool())
                .await
                .unwrap();
        assert_eq!(cancels.len(), 4, "{name}");
        assert!(cancels.iter().all(|(_, ics)| ics.contains("METHOD:CANCEL")), "{name}");

        let refused = book(&db, &context(later), ann, id, slots[9], "room", "").await;
        assert_eq!(refused, Err(AppError::Refused(ENDED.into())), "{name}");
        let (held_n, booked_n) = sdb::counts_of(&db, id).await.unwrap();
        assert_eq!((held_n, booked_n), (1, 0), "{name}");
    }
}

#[tokio::test]
async fn twenty_ending_at_once_end_it_once() {
    for (name, db) in databases().await {
        let tom = mentor(&db, "Tom", 2).await;
        let (ann, coordinator) = (person(&db, "ann").await, person(&db, "coord").await);
        let id = matched(&db, ann, tom, coordinator).await;
        let slots = open_diary(&db, tom).await;
        book(&db, &context(NOW), ann, id, slots[3], "room", "").await.unwrap();
        let emails_before = count(&db, "SELECT COUNT(*) FROM outbox WHERE id > $1", 0).await;
        let mut tasks = Vec::new();
        for i in 0..20 {
            let db = db.clone();
            let (who, coord) = [(ann, false), (tom, false), (coordinator, true)][i % 3];
            let reason = EndReason::ALL[i % EndReason::ALL.len()];
            tasks.push(tokio::spawn(async move {
                end(&db, &context(NOW + 10), id, who, coord, reason, "").await
            }));
        }
        let mut ended = 0;
        for task in tasks {
            match task.await.unwrap() {
                Ok(_) => ended += 1,
                Err(AppError::Refused(message)) => assert!(
                    message.contains("already ended") || message.contains("at the same moment"),
                    "{name}: {message}"
                ),
                Err(other) => panic!("{name}: {other:?}"),
            }
        }
        assert_eq!(ended, 1, "{name}");
        let ends = count(
            &db,
            "SELECT COUNT(*) FROM relationship_events WHERE relationship_id = $1 AND event = 'end'",
            id,
        )
        .await;
        assert_eq!(ends, 1, "{name}");
        assert_eq!(relationship(&db, id).await.version, 1, "{name}");
        // One set of cancellation emails: one to each of the pair.
        let emails = count(&db, "SELECT COUNT(*) FROM outbox WHERE id > $1", 0).await - emails_before;
        assert_eq!(emails, 2, "{name}");
    }
}

/// Applies the migrations before relationships to a fresh database, so
/// rows can be written as they were before this change.
async fn before_relationships(url: &str) {
    migrate_before(url, "0008").await;
    let pool = sqlx::AnyPool::connect(url).await.unwrap();
    write_before_relationships(&pool).await;
    pool.close().await;
}

/// Two members of staff and a mentor, Ann matched with Tom and her session
/// held, Ben still waiting, written as the schema before relationships had
/// them.
async fn write_before_relationships(pool: &sqlx::AnyPool) {
    let user = |email: &str| {
        format!(
            "INSERT INTO users (email, display_name, password_hash, created_at, email_verified_at) \
             VALUES ('{email}', '{email}', 'x', {NOW}, {NOW})"
        )
    };
    for email in ["tom@example.org", "ann@example.org", "ben@example.org"] {
        sqlx::query(&user(email)).execute(pool).await.unwrap();
    }
    let request = |mentee: i64, state: &str, mentor: &str| {
        format!(
            "INSERT INTO mentoring_requests (mentee_id, state, mentor_id, goal, topics, professions, sectors, areas, \
             modes, forms, days, times, organisation, outside_own_organisation, share_with_mentor, priority, \
             created_at, updated_at) VALUES ({mentee}, '{state}', {mentor}, 'A goal', '', '', '', '', '', '', '', \
             '', '', 0, 1, 0, {NOW}, {NOW})"
        )
    };
    // Ann matched with Tom, accepted a day later; Ben still waiting.
    sqlx::query(&request(2, "active", "1")).execute(pool).await.unwrap();
    sqlx::query(&request(3, "submitted", "NULL")).execute(pool).await.unwrap();
    sqlx::query(&format!(
        "INSERT INTO request_events (request_id, event, actor_id, actor_role, mentor_id, note, at) \
         VALUES (1, 'accept', 1, 'mentor', 1, '', {})",
        NOW + DAY
    ))
    .execute(pool)
    .await
    .unwrap();
    sqlx::query(&format!(
        "INSERT INTO mentoring_sessions (uid, request_id, mentor_id, mentee_id, starts_at, ends_at, holds_until, \
         location, agenda, state, created_at, updated_at) VALUES ('s1@mentorwell', 1, 1, 2, {a}, {b}, {b}, 'room', \
         '', 'held', {NOW}, {NOW})",
        a = NOW + 2 * DAY,
        b = NOW + 2 * DAY + 3600
    ))
    .execute(pool)
    .await
    .unwrap();
}

#[tokio::test]
async fn the_migration_makes_every_active_match_a_relationship_keeping_its_sessions() {
    for url in support::empty_databases("mw_migrate").await {
        before_relationships(&url).await;
        let db = Db::open(&url).await.unwrap();
        let r = relationship(&db, 1).await;
        assert_eq!(
            (r.state, r.mentor_id, r.mentee_id, r.started_at),
            (RelationshipState::Active, 1, 2, NOW + DAY),
            "{url}"
        );
        assert_eq!(count(&db, "SELECT COUNT(*) FROM relationships WHERE id <> $1", 1).await, 0, "{url}");
        let mut conn = db.pool().acquire().await.unwrap();
        let pair = sdb::active_pair(&mut conn, 1).await.unwrap().expect("the pair still books");
        assert_eq!((pair.mentor_id, pair.mentee_id), (1, 2), "{url}");
        drop(conn);
        assert_eq!(sdb::counts_of(&db, 1).await.unwrap(), (1, 0), "{url}");
        let mut conn = db.pool().acquire().await.unwrap();
        assert_eq!(rdb::active_mentees(&mut conn, 1).await.unwrap(), 1, "{url}");
    }
}

const ENDED_MESSAGE: &str = "This mentoring relationship has already ended.";

/// An agreement that passes its checks, meeting at `meeting`.
fn terms(meeting: &str) -> Agreement {
    let today = dates::date_of(NOW);
    let fields = AgreementFields {
        meeting: meeting.into(),
        contact: "Work email".into(),
        ..AgreementFields::first(&today, "Feel less swamped".into())
    };
    fields.check(&today).unwrap()
}

async fn stored_agreement(db: &Db, id: i64) -> Option<adb::StoredAgreement> {
    let mut conn = db.pool().acquire().await.unwrap();
    adb::of(&mut conn, id).await.unwrap()
}

async fn to_agree(db: &Db, id: i64, actor: Actor) -> bool {
    let r = relationship(db, id).await;
    adb::to_agree(&r, stored_agreement(db, id).await.as_ref(), actor)
}

/// The relationship's history after its start: (event, role, reason, note).
async fn history(db: &Db, id: i64) -> Vec<(String, String, String, String)> {
    sqlx::query_as(
        "SELECT event, actor_role, reason, note FROM relationship_events \
         WHERE relationship_id = $1 AND event <> 'start' ORDER BY id",
    )
    .bind(id)
    .fetch_all(db.pool())
    .await
    .unwrap()
}

#[tokio::test]
async fn agreeing_by_one_then_the_other_makes_it_active_and_a_change_asks_again() {
    for (name, db) in databases().await {
        let tom = mentor(&db, "Tom", 1).await;
        let (ann, ben, coordinator) =
            (person(&db, "ann").await, person(&db, "ben").await, person(&db, "coord").await);
        let id = matched(&db, ann, tom, coordinator).await;
        assert!(to_agree(&db, id, Actor::Mentee).await && to_agree(&db, id, Actor::Mentor).await, "{name}");

        // The first draft: monthly, six months, the goal she agreed to share.
        let r = relationship(&db, id).await;
        let mut conn = db.pool().acquire().await.unwrap();
        let draft = adb::view_of(&mut conn, &r, Actor::Mentee).await.unwrap().unwrap();
        assert_eq!(
            (draft.version, draft.fields.frequency.as_str(), draft.fields.hopes.as_str()),
            (0, "monthly", "Help with my workload"),
            "{name}"
        );
        assert_eq!(draft.fields.ends_on, dates::add_months(&dates::date_of(NOW), 6).unwrap(), "{name}");
        assert_eq!(adb::view_of(&mut conn, &r, Actor::Coordinator).await.unwrap(), None, "{name}");
        drop(conn);

        // Only the pair agree: a coordinator may not, anyone else is told
        // it does not exist.
        let by_coordinator = agree(&db, id, coordinator, true, 0, &terms("Library"), NOW).await;
        assert!(matches!(by_coordinator, Err(AppError::Refused(_))), "{name}: {by_coordinator:?}");
        assert_eq!(
            agree(&db, id, ben, false, 0, &terms("Library"), NOW).await,
            Err(AppError::NotFound),
            "{name}"
        );

        // Ann agrees with protected time recorded; still agreeing.
        let mut hers = terms("Library, City Hospital");
        hers.protected_time = Some(true);
        hers.protected_on = Some("2026-05-01".into());
        let saved = agree(&db, id, ann, false, 0, &hers, NOW + 10).await.unwrap();
        assert_eq!(saved, AgreementSaved { version: 1, changed: true, both: false }, "{name}");
        assert_eq!(relationship(&db, id).await.state, RelationshipState::Agreeing, "{name}");
        assert!(!to_agree(&db, id, Actor::Mentee).await && to_agree(&db, id, Actor::Mentor).await, "{name}");

        // Tom changes where they meet: a new version, which Ann must agree
        // again; her earlier agreement no longer counts. Her protected time
        // stays hers, unseen by him.
        let r = relationship(&db, id).await;
        let mut conn = db.pool().acquire().await.unwrap();
        let his_view = adb::view_of(&mut conn, &r, Actor::Mentor).await.unwrap().unwrap();
        drop(conn);
        assert_eq!(
            (his_view.fields.protected_time.as_str(), his_view.fields.protected_on.as_str()),
            ("", ""),
            "{name}"
        );
        assert!(his_view.mentee_agreed && !his_view.mentor_agreed, "{name}");
        let saved = agree(&db, id, tom, false, 1, &terms("By video"), NOW + 20).await.unwrap();
        assert_eq!(saved, AgreementSaved { version: 2, changed: true, both: false }, "{name}");
        assert_eq!(relationship(&db, id).await.state, RelationshipState::Agreeing, "{name}");
        assert!(to_agree(&db, id, Actor::Mentee).await && !to_agree(&db, id, Actor::Mentor).await, "{name}");
        let stored = stored_agreement(&db, id).await.unwrap();
        assert_eq!(
            (
                stored.agreement.meeting.as_str(),
                stored.agreement.protected_time,
                stored.agreement.protected_on.as_deref()
            ),
            ("By video", Some(true), Some("2026-05-01")),
            "{name}"
        );

        // Ann agrees his version unchanged: both have, so it is active.
        let mut same = terms("By video");
        same.protected_time = Some(true);
        same.protected_on = Some("2026-05-01".into());
        let saved = agree(&db, id, ann, false, 2, &same, NOW + 30).await.unwrap();
        assert_eq!(saved, AgreementSaved { version: 2, changed: false, both: true }, "{name}");
        assert_eq!(relationship(&db, id).await.state, RelationshipState::Active, "{name}");
        assert!(!to_agree(&db, id, Actor::Mentee).await && !to_agree(&db, id, Actor::Mentor).await, "{name}");

        // A change once active asks again too; the pair stay under way.
        let saved = agree(&db, id, ann, false, 2, &terms("Cafe"), NOW + 40).await.unwrap();
        assert_eq!(saved, AgreementSaved { version: 3, changed: true, both: false }, "{name}");
        assert_eq!(relationship(&db, id).await.state, RelationshipState::Active, "{name}");
        assert!(to_agree(&db, id, Actor::Mentor).await, "{name}");

        // The history says who, in what role, and when: never what.
        let h: Vec<(String, String)> = history(&db, id)
            .await
            .into_iter()
            .map(|(e, role, reason, note)| {
                assert_eq!((reason.as_str(), note.as_str()), ("", ""), "{name}: content in the history");
                (e, role)
            })
            .collect();
        let want = [
            ("agreement-change", "mentee"),
            ("agreement-agree", "mentee"),
            ("agreement-change", "mentor"),
            ("agreement-agree", "mentor"),
            ("agreement-agree", "mentee"),
            ("agreed", "mentee"),
            ("agreement-change", "mentee"),
            ("agreement-agree", "mentee"),
        ];
        assert_eq!(h, want.map(|(e, r)| (e.to_string(), r.to_string())), "{name}");
    }
}

#[tokio::test]
async fn a_save_from_a_stale_page_is_refused_and_changes_nothing() {
    for (name, db) in databases().await {
        let tom = mentor(&db, "Tom", 1).await;
        let (ann, coordinator) = (person(&db, "ann").await, person(&db, "coord").await);
        let id = matched(&db, ann, tom, coordinator).await;
        // Both opened the page at version 0; Ann saves first.
        agree(&db, id, ann, false, 0, &terms("Library"), NOW).await.unwrap();
        let stale = agree(&db, id, tom, false, 0, &terms("By phone"), NOW + 1).await;
        assert_eq!(stale, Err(AppError::Refused(AGREEMENT_STALE.into())), "{name}");
        let stored = stored_agreement(&db, id).await.unwrap();
        assert_eq!((stored.version, stored.agreement.meeting.as_str()), (1, "Library"), "{name}");
        assert!(!stored.agreed_by(Actor::Mentor), "{name}");
        assert_eq!(history(&db, id).await.len(), 2, "{name}: nothing recorded for the stale save");
        // Saving again from the page as it is now works.
        agree(&db, id, tom, false, 1, &terms("By phone"), NOW + 2).await.unwrap();
        assert_eq!(stored_agreement(&db, id).await.unwrap().version, 2, "{name}");
    }
}

#[tokio::test]
async fn ending_while_the_other_edits_the_agreement_ends_it_once_and_refuses_the_edit() {
    for (name, db) in databases().await {
        let tom = mentor(&db, "Tom", 1).await;
        let (ann, coordinator) = (person(&db, "ann").await, person(&db, "coord").await);
        // Ann has the agreement open at version 0 while Tom ends it.
        let id = matched(&db, ann, tom, coordinator).await;
        end(&db, &context(NOW + 5), id, tom, false, EndReason::NotRightFit, "").await.unwrap();
        let edit = agree(&db, id, ann, false, 0, &terms("Library"), NOW + 6).await;
        assert_eq!(edit, Err(AppError::Refused(ENDED_MESSAGE.into())), "{name}");
        assert_eq!(stored_agreement(&db, id).await, None, "{name}");
        assert_eq!(relationship(&db, id).await.state, RelationshipState::Ended, "{name}");

        // At the same moment, whoever is first: one ending, and an edit
        // either before it or refused, never after it.
        for round in 0..4 {
            let id = matched(&db, ann, tom, coordinator).await;
            if round % 2 == 1 {
                agree(&db, id, tom, false, 0, &terms("Library"), NOW).await.unwrap();
            }
            let based_on = stored_agreement(&db, id).await.map_or(0, |a| a.version);
            let (a, b) = (db.clone(), db.clone());
            let ending = tokio::spawn(async move {
                end(&a, &context(NOW + 100), id, tom, false, EndReason::LostTouch, "").await
            });
            let editing = tokio::spawn(async move {
                agree(&b, id, ann, false, based_on, &terms("Library"), NOW + 100).await
            });
            let (ending, editing) = (ending.await.unwrap(), editing.await.unwrap());
            assert!(ending.is_ok(), "{name}: {ending:?}");
            let ends = count(
                &db,
                "SELECT COUNT(*) FROM relationship_events WHERE relationship_id = $1 AND event = 'end'",
                id,
            )
            .await;
            assert_eq!(ends, 1, "{name}");
            match editing {
                Ok(_) => {
                    let last_edit = count(&db, "SELECT MAX(id) FROM relationship_events WHERE relationship_id = $1 AND event = 'agreement-agree'", id).await;
                    let end_id = count(
                        &db,
                        "SELECT id FROM relationship_events WHERE relationship_id = $1 AND event = 'end'",
                        id,
                    )
                    .await;
                    assert!(last_edit < end_id, "{name}: an edit after the end");
                }
                Err(e) => assert_eq!(e, AppError::Refused(ENDED_MESSAGE.into()), "{name}"),
            }
            assert_eq!(relationship(&db, id).await.state, RelationshipState::Ended, "{name}");
        }
    }
}

#[tokio::test]
async fn the_agreement_migration_keeps_every_relationship_its_state_and_history() {
    for url in support::empty_databases("mw_migrate_agreements").await {
        migrate_before(&url, "0009").await;
        let pool = sqlx::AnyPool::connect(&url).await.unwrap();
        write_before_relationships(&pool).await;
        // Ann's match is an active relationship; Ben's, accepted later,
        // has ended; each has its history.
        for sql in [
            "UPDATE mentoring_requests SET state = 'active', mentor_id = 1 WHERE id = 2".to_string(),
            format!(
                "INSERT INTO relationships (id, mentor_id, mentee_id, state, version, started_at, updated_at) \
                 VALUES (1, 1, 2, 'active', 0, {NOW}, {NOW})"
            ),
            format!(
                "INSERT INTO relationships (id, mentor_id, mentee_id, state, version, started_at, ended_at, end_reason, updated_at) \
                 VALUES (2, 1, 3, 'ended', 1, {NOW}, {NOW}, 'goals-met', {NOW})"
            ),
            format!(
                "INSERT INTO relationship_events (relationship_id, event, actor_id, actor_role, reason, note, at) \
                 VALUES (1, 'start', 1, 'mentor', '', '', {NOW}), (2, 'start', 1, 'mentor', '', '', {NOW}), \
                 (2, 'end', 3, 'mentee', 'goals-met', 'a note', {NOW})"
            ),
        ] {
            sqlx::query(&sql).execute(&pool).await.unwrap();
        }
        pool.close().await;

        let db = Db::open(&url).await.unwrap();
        let (ann, ben) = (relationship(&db, 1).await, relationship(&db, 2).await);
        assert_eq!((ann.state, ann.mentee_id, ann.started_at), (RelationshipState::Active, 2, NOW), "{url}");
        assert_eq!(
            (ben.state, ben.end_reason),
            (RelationshipState::Ended, Some(EndReason::GoalsMet)),
            "{url}"
        );
        assert_eq!(
            count(&db, "SELECT COUNT(*) FROM relationship_events WHERE relationship_id <> $1", 0).await,
            3,
            "{url}"
        );
        let mut conn = db.pool().acquire().await.unwrap();
        assert_eq!(rdb::end_note(&mut conn, 2).await.unwrap().as_deref(), Some("a note"), "{url}");
        assert_eq!(rdb::active_mentees(&mut conn, 1).await.unwrap(), 1, "{url}");
        drop(conn);
        // Nothing to agree for a pair already under way before agreements.
        assert!(!to_agree(&db, 1, Actor::Mentee).await && !to_agree(&db, 1, Actor::Mentor).await, "{url}");
        assert_eq!(sdb::counts_of(&db, 1).await.unwrap(), (1, 0), "{url}");
        // The history still belongs to its relationship: removing the
        // request takes both with it.
        sqlx::query("DELETE FROM mentoring_requests WHERE id = $1")
            .bind(2_i64)
            .execute(db.pool())
            .await
            .unwrap();
        assert_eq!(
            count(&db, "SELECT COUNT(*) FROM relationship_events WHERE relationship_id = $1", 2).await,
            0,
            "{url}"
        );
        assert_eq!(
            count(&db, "SELECT COUNT(*) FROM relationship_events WHERE relationship_id = $1", 1).await,
            1,
            "{url}"
        );
    }
}
