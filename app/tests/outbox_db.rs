//! The outbox against real databases: emails commit with their change or
//! not at all, and concurrent senders never take the same email.

mod support;

use app::email::db::{claim_next, enqueue, mark_failed, mark_sent, CLAIM_SECONDS};
use app::email::Email;
use support::{databases, NOW};

fn email(n: i64) -> Email {
    Email { to: format!("p{n}@example.org"), subject: format!("Subject {n}"), body: "Body".into() }
}

#[tokio::test]
async fn an_email_is_kept_only_if_its_transaction_commits() {
    for (backend, db) in databases().await {
        let mut tx = db.begin_write().await.unwrap();
        enqueue(&mut tx, &email(1), NOW).await.unwrap();
        tx.rollback().await.unwrap();
        assert!(claim_next(&db, NOW).await.unwrap().is_none(), "{backend}");

        let mut tx = db.begin_write().await.unwrap();
        enqueue(&mut tx, &email(2), NOW).await.unwrap();
        tx.commit().await.unwrap();
        let claimed = claim_next(&db, NOW).await.unwrap().expect("committed email");
        assert_eq!(claimed.to, "p2@example.org", "{backend}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_senders_claim_each_email_once() {
    for (backend, db) in databases().await {
        let mut tx = db.begin_write().await.unwrap();
        for n in 0..30 {
            enqueue(&mut tx, &email(n), NOW).await.unwrap();
        }
        tx.commit().await.unwrap();
        let senders = (0..6).map(|_| {
            let db = db.clone();
            tokio::spawn(async move {
                let mut mine = Vec::new();
                while let Some(claimed) = claim_next(&db, NOW).await.unwrap() {
                    mark_sent(&db, claimed.id, NOW).await.unwrap();
                    mine.push(claimed.id);
                }
                mine
            })
        });
        let mut all = Vec::new();
        for sender in senders {
            all.extend(sender.await.unwrap());
        }
        all.sort();
        let before = all.len();
        all.dedup();
        assert_eq!(before, 30, "{backend}: an email was claimed twice or missed");
        assert_eq!(all.len(), 30, "{backend}");
    }
}

#[tokio::test]
async fn a_failed_or_abandoned_email_is_retried_later() {
    for (backend, db) in databases().await {
        let mut tx = db.begin_write().await.unwrap();
        enqueue(&mut tx, &email(1), NOW).await.unwrap();
        tx.commit().await.unwrap();

        let first = claim_next(&db, NOW).await.unwrap().unwrap();
        // A sender that dies holds its claim until the claim runs out.
        assert!(claim_next(&db, NOW + 1).await.unwrap().is_none(), "{backend}");
        let again = claim_next(&db, NOW + CLAIM_SECONDS + 1).await.unwrap().expect("claim expired");
        assert_eq!(again.id, first.id);

        mark_failed(&db, again.id, "relay down", NOW + 500).await.unwrap();
        assert!(claim_next(&db, NOW + CLAIM_SECONDS + 2).await.unwrap().is_none(), "{backend}: too early");
        let retry = claim_next(&db, NOW + 501).await.unwrap().expect("due again");
        assert_eq!(retry.attempts, 1, "{backend}");
        mark_sent(&db, retry.id, NOW + 502).await.unwrap();
        assert!(claim_next(&db, NOW + 10_000).await.unwrap().is_none(), "{backend}: sent");
    }
}

#[tokio::test]
async fn old_email_text_is_removed_and_nothing_else() {
    use app::email::db::{enqueue_with, recent, Attachment};
    use app::email::retention::clear_old_texts;
    const DAY: i64 = 24 * 60 * 60;
    for (backend, db) in databases().await {
        let invite = Attachment {
            name: "session.ics".into(),
            media_type: "text/calendar".into(),
            body: "BEGIN".into(),
        };
        // 1: sent 31 days ago; 2: sent 29 days ago; 3: queued 31 days ago and
        // never sent; 4: queued 29 days ago, still waiting.
        for (n, created) in
            [(1, NOW - 32 * DAY), (2, NOW - 30 * DAY), (3, NOW - 31 * DAY - 60), (4, NOW - 29 * DAY)]
        {
            let mut tx = db.begin_write().await.unwrap();
            enqueue_with(&mut tx, &email(n), &invite, created).await.unwrap();
            tx.commit().await.unwrap();
        }
        let ids: Vec<i64> = recent(&db, 10).await.unwrap().iter().rev().map(|e| e.id).collect();
        mark_sent(&db, ids[0], NOW - 31 * DAY - 1).await.unwrap();
        mark_sent(&db, ids[1], NOW - 29 * DAY).await.unwrap();

        assert_eq!(clear_old_texts(&db, NOW, 30).await.unwrap(), 2, "{backend}");
        let after = recent(&db, 10).await.unwrap();
        let body_of = |id: i64| after.iter().find(|e| e.id == id).unwrap().body.clone();
        assert_eq!(body_of(ids[0]), "", "{backend}: sent over 30 days ago");
        assert_eq!(body_of(ids[1]), "Body", "{backend}: sent 29 days ago");
        assert_eq!(body_of(ids[2]), "", "{backend}: never sent in 30 days");
        assert_eq!(body_of(ids[3]), "Body", "{backend}: still waiting");
        let (files,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM outbox WHERE attachment_body <> ''")
            .fetch_one(db.pool())
            .await
            .unwrap();
        assert_eq!(files, 2, "{backend}: calendar files go with the text");
        // Who, what and when stay; an abandoned email is never sent empty.
        assert_eq!(after.len(), 4, "{backend}");
        assert_eq!(after.iter().find(|e| e.id == ids[0]).unwrap().subject, "Subject 1", "{backend}");
        let claimed = claim_next(&db, NOW).await.unwrap().map(|c| c.id);
        assert_eq!(claimed, Some(ids[3]), "{backend}: only the waiting email is still due");
        assert_eq!(
            clear_old_texts(&db, NOW, 30).await.unwrap(),
            0,
            "{backend}: a second sweep finds nothing"
        );
    }
}
