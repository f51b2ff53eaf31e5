//! Outcome questionnaires against SQLite and PostgreSQL with an injected
//! clock: the start, end and six-month invitations are each made and
//! emailed exactly once to each of the pair however many sweepers run;
//! nobody who said "don't ask me again" is asked; nothing is asked once
//! its point is past the lapse, and a lapsed invitation cannot be
//! answered; every listed mentor gets one check-in per half-year.

#[path = "support/outcomes.rs"]
mod outcomes;
mod support;

use app::outcomes::db::{answer, NotAnswered};
use app::relationships::flow::end;
use app::relationships::lifecycle::EndReason;
use outcomes::*;
use support::pairs::{person, DAY};
use support::{databases, mentor, NOW};

#[tokio::test]
async fn start_end_and_follow_up_are_each_asked_and_emailed_once() {
    for (name, db) in databases().await {
        let (ann, tom, id) = agreed_pair(&db, "Ann", "Tom Start").await;

        assert_eq!(two_sweeps(&db, NOW + 60).await, 2, "{name}: the start, to each of the pair");
        assert_eq!(two_sweeps(&db, NOW + 3600).await, 0, "{name}: and not again");
        assert_eq!(invitations(&db, ann).await, [("start".to_string(), "mentee-v1".to_string())], "{name}");
        assert_eq!(invitations(&db, tom).await, [("start".to_string(), "mentor-v1".to_string())], "{name}");

        let ended_at = NOW + 10 * DAY;
        end(&db, &context(ended_at), id, ann, false, EndReason::GoalsMet, "").await.unwrap();
        assert_eq!(two_sweeps(&db, ended_at + 60).await, 2, "{name}: the end");
        assert_eq!(two_sweeps(&db, ended_at + 2 * DAY).await, 0, "{name}");
        assert_eq!(
            two_sweeps(&db, ended_at + (FOLLOW_UP - 1) * DAY).await,
            0,
            "{name}: not before six months"
        );
        assert_eq!(two_sweeps(&db, ended_at + FOLLOW_UP * DAY + 60).await, 2, "{name}: the follow-up");
        assert_eq!(two_sweeps(&db, ended_at + (FOLLOW_UP + 3) * DAY).await, 0, "{name}");

        let points: Vec<String> = invitations(&db, ann).await.into_iter().map(|(p, _)| p).collect();
        assert_eq!(points, ["start", "end", "follow-up"], "{name}");
        for person in [ann, tom] {
            let ids = invitation_ids(&db, person).await;
            let bodies = emails_to(&db, person).await;
            assert_eq!(bodies.len(), 3, "{name}: one email per invitation");
            for (body, id) in bodies.iter().zip(ids) {
                assert!(body.contains(&format!("{URL}/questions/{id}\n")), "{name}: {body}");
                // The service's own address aside, nothing says what it is about.
                let words = body.replace(URL, "").to_lowercase();
                assert!(!words.contains("mentor"), "{name}: {body}");
            }
        }
        let emailed =
            count(&db, "SELECT COUNT(*) FROM survey_invitations WHERE emailed_at IS NOT NULL").await;
        assert_eq!(emailed, 6, "{name}");
    }
}

#[tokio::test]
async fn nobody_who_said_dont_ask_me_again_is_asked() {
    for (name, db) in databases().await {
        let (ann, tom, id) = agreed_pair(&db, "Bea", "Tom Stop").await;
        sqlx::query("UPDATE users SET no_surveys = 1 WHERE id = $1")
            .bind(ann)
            .execute(db.pool())
            .await
            .unwrap();
        assert_eq!(two_sweeps(&db, NOW + 60).await, 1, "{name}: only the mentor");
        assert!(invitations(&db, ann).await.is_empty(), "{name}");

        // The mentor says so after the start: the end asks neither.
        sqlx::query("UPDATE users SET no_surveys = 1 WHERE id = $1")
            .bind(tom)
            .execute(db.pool())
            .await
            .unwrap();
        end(&db, &context(NOW + DAY), id, tom, false, EndReason::GoalsMet, "").await.unwrap();
        assert_eq!(two_sweeps(&db, NOW + DAY + 60).await, 0, "{name}");
        assert_eq!(two_sweeps(&db, NOW + (FOLLOW_UP + 1) * DAY + 60).await, 0, "{name}");
        assert_eq!(invitations(&db, tom).await.len(), 1, "{name}");
        assert!(emails_to(&db, ann).await.is_empty(), "{name}");
        assert_eq!(emails_to(&db, tom).await.len(), 1, "{name}");

        // Asking again is honoured for what is still to come: the
        // follow-up, still in its window, but not the start or end, past it.
        sqlx::query("UPDATE users SET no_surveys = 0 WHERE id = $1")
            .bind(ann)
            .execute(db.pool())
            .await
            .unwrap();
        assert_eq!(two_sweeps(&db, NOW + (FOLLOW_UP + 2) * DAY).await, 1, "{name}: the mentee's follow-up");
        assert_eq!(
            invitations(&db, ann).await,
            [("follow-up".to_string(), "mentee-v1".to_string())],
            "{name}"
        );
        assert_eq!(invitations(&db, tom).await.len(), 1, "{name}: still not the mentor");
    }
}

#[tokio::test]
async fn nothing_is_asked_past_the_lapse_and_a_lapsed_invitation_cannot_be_answered() {
    for (name, db) in databases().await {
        // First swept 29 days after the agreement: still worth asking.
        let (dan, _, _) = agreed_pair(&db, "Dan", "Tom Lapse").await;
        assert_eq!(two_sweeps(&db, NOW + 29 * DAY).await, 2, "{name}");

        // First swept 30 days after the agreement: too late to ask.
        let (ann, _, _) = agreed_pair(&db, "Cat", "Tom Late").await;
        assert_eq!(two_sweeps(&db, NOW + 30 * DAY).await, 0, "{name}");
        assert!(invitations(&db, ann).await.is_empty(), "{name}");
        let invitation = invitation_ids(&db, dan).await[0];
        let made = NOW + 29 * DAY;
        let mut tx = db.begin_write().await.unwrap();
        let late = answer(&mut tx, invitation, dan, &good_answers(), made + 30 * DAY).await.unwrap();
        tx.commit().await.unwrap();
        assert_eq!(late, Err(NotAnswered::Lapsed), "{name}");
        assert_eq!(count(&db, "SELECT COUNT(*) FROM survey_answers").await, 0, "{name}");
        let open: i64 =
            count(&db, "SELECT COUNT(*) FROM survey_invitations WHERE answered_at IS NOT NULL").await;
        assert_eq!(open, 0, "{name}");
    }
}

#[tokio::test]
async fn every_listed_mentor_is_checked_in_once_a_half_year() {
    for (name, db) in databases().await {
        let listed = mentor(&db, "Listed Lou", 1).await;
        let lapsed = mentor(&db, "Lapsed Lee", 1).await;
        sqlx::query("UPDATE accreditations SET refresher_due_on = '2026-01-01' WHERE user_id = $1")
            .bind(lapsed)
            .execute(db.pool())
            .await
            .unwrap();
        let declined = mentor(&db, "Declined Dee", 1).await;
        sqlx::query("UPDATE users SET no_surveys = 1 WHERE id = $1")
            .bind(declined)
            .execute(db.pool())
            .await
            .unwrap();
        let staff = person(&db, "Staff Sam").await;

        // Not in the middle of a half-year (NOW is late May).
        assert_eq!(two_sweeps(&db, NOW).await, 0, "{name}");
        assert_eq!(two_sweeps(&db, JULY + DAY).await, 1, "{name}: the listed mentor, once");
        assert_eq!(two_sweeps(&db, JULY + 20 * DAY).await, 0, "{name}");
        assert_eq!(two_sweeps(&db, JULY + 40 * DAY).await, 0, "{name}");
        assert_eq!(two_sweeps(&db, JANUARY + 60).await, 1, "{name}: the next half-year");
        assert_eq!(two_sweeps(&db, JANUARY + 29 * DAY).await, 0, "{name}");

        let keys: Vec<(String, String)> = sqlx::query_as(
            "SELECT claim_key, questionnaire FROM survey_invitations WHERE person_id = $1 AND point = 'check-in' ORDER BY id",
        )
        .bind(listed)
        .fetch_all(db.pool())
        .await
        .unwrap();
        let expected = [
            (format!("check-in:{listed}:2026-07-01"), "mentor-check-in-v1".to_string()),
            (format!("check-in:{listed}:2027-01-01"), "mentor-check-in-v1".to_string()),
        ];
        assert_eq!(keys, expected, "{name}");
        assert_eq!(emails_to(&db, listed).await.len(), 2, "{name}");
        for other in [lapsed, declined, staff] {
            assert!(invitations(&db, other).await.is_empty(), "{name}: {other}");
        }
    }
}
