//! What needs a coordinator's attention, against SQLite and PostgreSQL: the
//! quiet sweep nudges each of the pair once per quiet spell however many
//! instances sweep, a booking ahead keeps a pair off the list, an ended
//! relationship is never nudged; flags stay one open per kind, concerns
//! first, and come back only after being dealt with.

mod support;

use app::db::Db;
use app::relationships::attention_db::{deal_with, open_on, quiet, raise, waiting};
use app::relationships::flags::Flag;
use app::relationships::flow::end;
use app::relationships::lifecycle::EndReason;
use app::relationships::quiet::sweep;
use app::sessions::booking::{book, Context};
use support::pairs::{matched, open_diary, person, DAY};
use support::{databases, mentor, NOW};

const URL: &str = "https://mentorwell.example";

fn context(now: i64) -> Context<'static> {
    Context { now, public_url: URL, cutoff_hours: 24 }
}

async fn nudges(db: &Db) -> Vec<(String, String, String)> {
    sqlx::query_as(
        "SELECT to_address, subject, body_text FROM outbox WHERE subject = 'Checking in' ORDER BY id",
    )
    .fetch_all(db.pool())
    .await
    .unwrap()
}

async fn quiet_ids(db: &Db, now: i64) -> Vec<i64> {
    let mut conn = db.pool().acquire().await.unwrap();
    quiet(&mut conn, now, 42 * DAY).await.unwrap().into_iter().map(|q| q.id).collect()
}

#[tokio::test]
async fn a_quiet_pair_is_nudged_once_per_spell_however_many_sweep() {
    for (name, db) in databases().await {
        let tom = mentor(&db, "Tom Quietly", 2).await;
        let (ann, coordinator) = (person(&db, "ann").await, person(&db, "coord").await);
        let id = matched(&db, ann, tom, coordinator).await;

        assert_eq!(sweep(&db, NOW + 41 * DAY, 42, URL).await.unwrap(), 0, "{name}: not quiet yet");
        assert!(quiet_ids(&db, NOW + 41 * DAY).await.is_empty(), "{name}");

        // Three instances sweep at the same moment: one nudge, two emails.
        let at = NOW + 42 * DAY;
        let (a, b, c) =
            tokio::join!(sweep(&db, at, 42, URL), sweep(&db, at, 42, URL), sweep(&db, at, 42, URL));
        assert_eq!(a.unwrap() + b.unwrap() + c.unwrap(), 1, "{name}");
        let sent = nudges(&db).await;
        let mut to: Vec<&str> = sent.iter().map(|(to, _, _)| to.as_str()).collect();
        to.sort_unstable();
        assert_eq!(to, vec!["ann@example.org", "tom.quietly@example.org"], "{name}");
        for (_, subject, body) in &sent {
            assert!(body.contains(&format!("{URL}/mentoring/{id}")), "{name}: {body}");
            for who in ["Tom", "ann", "Ann"] {
                assert!(!subject.contains(who) && !body.contains(who), "{name}: a name in the nudge");
            }
        }
        // Later sweeps in the same spell send nothing more; coordinators see it.
        assert_eq!(sweep(&db, NOW + 50 * DAY, 42, URL).await.unwrap(), 0, "{name}");
        assert_eq!(quiet_ids(&db, NOW + 50 * DAY).await, vec![id], "{name}");

        // A session booked ahead takes it off the list.
        let slots = open_diary(&db, tom).await;
        let later = NOW + 50 * DAY;
        let slot = *slots.iter().find(|s| **s > later + DAY).expect("a slot after day 51");
        book(&db, &context(later), ann, id, slot, "room", "").await.unwrap();
        assert!(quiet_ids(&db, later).await.is_empty(), "{name}");
        assert_eq!(sweep(&db, later, 42, URL).await.unwrap(), 0, "{name}");

        // Six weeks after that session with nothing since: a new spell, one
        // more nudge each.
        assert!(quiet_ids(&db, slot + 41 * DAY).await.is_empty(), "{name}");
        assert_eq!(sweep(&db, slot + 42 * DAY, 42, URL).await.unwrap(), 1, "{name}");
        assert_eq!(sweep(&db, slot + 43 * DAY, 42, URL).await.unwrap(), 0, "{name}");
        assert_eq!(nudges(&db).await.len(), 4, "{name}");

        // An ended relationship is never nudged again.
        end(&db, &context(slot + 44 * DAY), id, ann, false, EndReason::LostTouch, "").await.unwrap();
        assert!(quiet_ids(&db, slot + 200 * DAY).await.is_empty(), "{name}");
        assert_eq!(sweep(&db, slot + 200 * DAY, 42, URL).await.unwrap(), 0, "{name}");
        assert_eq!(nudges(&db).await.len(), 4, "{name}");
    }
}

#[tokio::test]
async fn one_open_flag_per_kind_concerns_first_and_again_after_dealt_with() {
    for (name, db) in databases().await {
        let tom = mentor(&db, "Tom", 2).await;
        let (ann, coordinator) = (person(&db, "ann").await, person(&db, "coord").await);
        let id = matched(&db, ann, tom, coordinator).await;

        let mut tx = db.begin_write().await.unwrap();
        assert!(raise(&mut tx, id, Flag::NewMentor, ann, NOW).await.unwrap(), "{name}");
        assert!(raise(&mut tx, id, Flag::Concern, tom, NOW + 10).await.unwrap(), "{name}");
        assert!(!raise(&mut tx, id, Flag::Concern, tom, NOW + 20).await.unwrap(), "{name}: raised twice");
        tx.commit().await.unwrap();

        let mut conn = db.pool().acquire().await.unwrap();
        let list = waiting(&mut conn).await.unwrap();
        let kinds: Vec<Flag> = list.iter().map(|f| f.flag).collect();
        assert_eq!(kinds, vec![Flag::Concern, Flag::NewMentor], "{name}: concerns first");
        assert_eq!((list[0].mentor_id, list[0].mentee_id, list[0].raised_at), (tom, ann, NOW + 10), "{name}");
        drop(conn);

        let concern = list[0].id;
        let mut tx = db.begin_write().await.unwrap();
        assert!(deal_with(&mut tx, concern, coordinator, NOW + 30).await.unwrap(), "{name}");
        assert!(
            !deal_with(&mut tx, concern, coordinator, NOW + 31).await.unwrap(),
            "{name}: dealt with twice"
        );
        assert!(raise(&mut tx, id, Flag::Concern, tom, NOW + 40).await.unwrap(), "{name}: a new concern");
        tx.commit().await.unwrap();

        let mut conn = db.pool().acquire().await.unwrap();
        let open: Vec<(Flag, i64)> = open_on(&mut conn, id).await.unwrap();
        assert_eq!(open, vec![(Flag::NewMentor, NOW), (Flag::Concern, NOW + 40)], "{name}");
        let rows: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM relationship_flags")
            .fetch_one(&mut *conn)
            .await
            .unwrap();
        assert_eq!(rows, 3, "{name}");
    }
}
