//! What the pair keep between sessions, against SQLite and PostgreSQL:
//! each author reads back only their own notes and a save replaces them;
//! actions are carried until done; goals reach the mentor only when
//! shared; held time adds up per relationship.

mod support;

use app::relationships::goals::GoalState;
use app::relationships::notes::Notes;
use app::relationships::{goals_db, notes_db};
use app::sessions::booking::{book, Context};
use app::sessions::db::mark;
use app::sessions::state::SessionState;
use support::pairs::{matched, open_diary, person, DAY};
use support::{databases, mentor, NOW};

fn context(now: i64) -> Context<'static> {
    Context { now, public_url: "https://mentorwell.example", cutoff_hours: 24 }
}

fn notes(model: &str, parts: &[(&str, &str)]) -> Notes {
    Notes { model: model.into(), parts: parts.iter().map(|(k, t)| (k.to_string(), t.to_string())).collect() }
}

#[tokio::test]
async fn notes_are_their_authors_actions_carry_and_goals_share_by_choice() {
    for (name, db) in databases().await {
        let tom = mentor(&db, "Tom Notes", 2).await;
        let (ann, coordinator) = (person(&db, "ann").await, person(&db, "coord").await);
        let id = matched(&db, ann, tom, coordinator).await;
        let slots = open_diary(&db, tom).await;
        let first = book(&db, &context(NOW), ann, id, slots[0], "room", "").await.unwrap();
        let later = *slots.iter().find(|s| **s > slots[0] + 7 * DAY).unwrap();
        let second = book(&db, &context(NOW), ann, id, later, "room", "").await.unwrap();
        assert!(mark(&db, first, SessionState::Held, slots[0] + 3600).await.unwrap(), "{name}");

        let mut conn = db.pool().acquire().await.unwrap();
        // Each writes; each reads back only their own, and a save replaces.
        let mine = notes("grow", &[("goal", "ann-marker sleep"), ("will", "ask for days")]);
        notes_db::save_notes(&mut conn, first, ann, &mine, NOW).await.unwrap();
        notes_db::save_notes(&mut conn, first, tom, &notes("free", &[("notes", "tom-marker")]), NOW)
            .await
            .unwrap();
        assert_eq!(notes_db::notes_of(&mut conn, first, ann).await.unwrap(), Some(mine), "{name}");
        let tom_notes = notes_db::notes_of(&mut conn, first, tom).await.unwrap().unwrap();
        assert_eq!(tom_notes.text_of("notes"), "tom-marker", "{name}");
        assert!(notes_db::notes_of(&mut conn, first, coordinator).await.unwrap().is_none(), "{name}");
        assert!(notes_db::notes_of(&mut conn, second, ann).await.unwrap().is_none(), "{name}");
        let changed = notes("clear", &[("action", "book the rota meeting")]);
        notes_db::save_notes(&mut conn, first, ann, &changed, NOW + 60).await.unwrap();
        assert_eq!(notes_db::notes_of(&mut conn, first, ann).await.unwrap(), Some(changed), "{name}");

        // An action agreed at the first session is open until done.
        notes_db::add_action(&mut conn, id, first, "Speak to the ward manager", tom, NOW).await.unwrap();
        let actions = notes_db::actions_of(&mut conn, id).await.unwrap();
        assert_eq!(actions.len(), 1, "{name}");
        assert_eq!((actions[0].session_id, actions[0].done), (first, false), "{name}");
        assert!(actions[0].agreed_at < later, "{name}: agreed before the next session");
        assert!(
            !notes_db::mark_action(&mut conn, id + 1000, actions[0].id, true, NOW).await.unwrap(),
            "{name}"
        );
        assert!(notes_db::mark_action(&mut conn, id, actions[0].id, true, NOW).await.unwrap(), "{name}");
        assert!(notes_db::actions_of(&mut conn, id).await.unwrap()[0].done, "{name}");

        // Goals: the mentor's view holds the shared ones only.
        goals_db::add(&mut conn, id, "private goal", false, NOW).await.unwrap();
        goals_db::add(&mut conn, id, "shared goal", true, NOW + 1).await.unwrap();
        let all = goals_db::of(&mut conn, id, false).await.unwrap();
        assert_eq!(all.iter().map(|g| g.body.as_str()).collect::<Vec<_>>(), ["private goal", "shared goal"]);
        let shared = goals_db::of(&mut conn, id, true).await.unwrap();
        assert_eq!(shared.iter().map(|g| g.body.as_str()).collect::<Vec<_>>(), ["shared goal"], "{name}");
        assert!(goals_db::change(&mut conn, id, all[0].id, GoalState::Achieved, true, NOW).await.unwrap());
        assert!(!goals_db::change(&mut conn, id + 1000, all[0].id, GoalState::Dropped, true, NOW)
            .await
            .unwrap());
        let shared = goals_db::of(&mut conn, id, true).await.unwrap();
        assert_eq!(shared.len(), 2, "{name}");
        assert_eq!(shared[0].state, GoalState::Achieved, "{name}");

        // Held time: the held hour counts, the booked one does not.
        assert_eq!(notes_db::minutes_held(&mut conn, id).await.unwrap(), 60, "{name}");
        let listed = notes_db::sessions_of(&mut conn, id).await.unwrap();
        assert_eq!(listed.iter().map(|s| s.id).collect::<Vec<_>>(), [first, second], "{name}");
    }
}
