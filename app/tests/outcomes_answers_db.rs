//! Answering outcome questionnaires against SQLite and PostgreSQL: twenty
//! answers at once to one invitation keep one, someone else's invitation
//! does not exist for them, and scores outside 1–5 are refused by the
//! check and by the database.

#[path = "support/outcomes.rs"]
mod outcomes;
mod support;

use app::outcomes::db::{answer, NotAnswered};
use app::outcomes::questionnaires::{check_answers, Answer, Point, MENTEE_V1};
use outcomes::*;
use support::{databases, NOW};

#[tokio::test]
async fn twenty_answers_at_once_keep_one_and_out_of_range_scores_are_refused() {
    for (name, db) in databases().await {
        let (eve, tom, _) = agreed_pair(&db, "Eve", "Tom Race").await;
        assert_eq!(two_sweeps(&db, NOW + 60).await, 2, "{name}");
        let invitation = invitation_ids(&db, eve).await[0];
        let at = NOW + 120;

        // Someone else's invitation does not exist for them.
        let mut tx = db.begin_write().await.unwrap();
        assert_eq!(
            answer(&mut tx, invitation, tom, &good_answers(), at).await.unwrap(),
            Err(NotAnswered::NotFound)
        );
        tx.rollback().await.unwrap();

        // A score of 6 never gets past the check, nor the database.
        let sent =
            |key: &str| (key != "difference").then(|| if key == "overall" { "6" } else { "3" }.to_string());
        let refused = check_answers(&MENTEE_V1, Point::Start, sent).unwrap_err();
        assert_eq!(refused[0].field, "overall", "{name}");
        let mut tx = db.begin_write().await.unwrap();
        let six = vec![("wellbeing", Answer::Score(6))];
        assert!(answer(&mut tx, invitation, eve, &six, at).await.is_err(), "{name}: CHECK refuses 6");
        tx.rollback().await.unwrap();

        // Spawned all at once, so they run together; awaited in turn.
        let tries: Vec<_> = (0..20)
            .map(|_| {
                let db = db.clone();
                tokio::spawn(async move {
                    let mut tx = db.begin_write().await.unwrap();
                    let result = answer(&mut tx, invitation, eve, &good_answers(), at).await.unwrap();
                    tx.commit().await.unwrap();
                    result
                })
            })
            .collect();
        let mut results = Vec::new();
        for task in tries {
            results.push(task.await.unwrap());
        }
        assert_eq!(results.iter().filter(|r| r.is_ok()).count(), 1, "{name}: {results:?}");
        assert!(results.iter().all(|r| matches!(r, Ok(()) | Err(NotAnswered::AlreadyAnswered))), "{name}");
        assert_eq!(count(&db, "SELECT COUNT(*) FROM survey_answers").await, 3, "{name}: one answer's items");
    }
}
