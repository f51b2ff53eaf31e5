//! The service report against real databases, SQLite and PostgreSQL: a
//! small fixture of requests, relationships and answers whose figures are
//! worked out by hand below (means, counts, distributions, pairs, the
//! funnel, the median and triage on time), then the same figures as the
//! page and the CSV show them, with every figure about 1–4 people hidden.

mod support;

use app::dates::start_of;
use app::db::Db;
use app::report::{
    csv::to_csv, db::gather, functions::build, period::Period, suppress::HIDDEN, tables::tables,
};
use support::pairs::{person, DAY};
use support::{databases, mentor};

fn at(date: &str) -> i64 {
    start_of(date).expect("a real date")
}

/// The report is read on 2026-07-15 for the first half of 2026.
fn now() -> i64 {
    at("2026-07-15") + 10 * 3600
}

fn period() -> Period {
    Period { from: "2026-01-01".into(), to: "2026-06-30".into() }
}

/// A request sent at `sent`, in `state` (matched when "active").
async fn request(db: &Db, mentee: i64, mentor: i64, sent: i64, priority: bool, state: &str) -> i64 {
    let with_mentor = if state == "active" { Some(mentor) } else { None };
    sqlx::query_scalar(
        "INSERT INTO mentoring_requests (mentee_id, state, mentor_id, goal, topics, professions, sectors, areas, \
         modes, forms, days, times, organisation, outside_own_organisation, share_with_mentor, priority, \
         created_at, updated_at, submitted_at) \
         VALUES ($1, $2, $3, 'Goal', '', '', '', '', '', '', '', '', '', 0, 1, $4, $5, $5, $5) RETURNING id",
    )
    .bind(mentee)
    .bind(state)
    .bind(with_mentor)
    .bind(i64::from(priority))
    .bind(sent)
    .fetch_one(db.pool())
    .await
    .unwrap()
}

async fn request_event(db: &Db, request: i64, role: &str, at: i64) {
    sqlx::query(
        "INSERT INTO request_events (request_id, event, actor_id, actor_role, mentor_id, note, at) \
         VALUES ($1, 'seen', NULL, $2, NULL, '', $3)",
    )
    .bind(request)
    .bind(role)
    .bind(at)
    .execute(db.pool())
    .await
    .unwrap();
}

/// The relationship of request `id`, started at `started`; agreed when
/// `agreed`, ended for `end_reason` when given.
async fn relationship(
    db: &Db,
    id: i64,
    ids: (i64, i64),
    started: i64,
    agreed: bool,
    end_reason: Option<&str>,
) {
    let state = match (end_reason, agreed) {
        (Some(_), _) => "ended",
        (None, true) => "active",
        (None, false) => "agreeing",
    };
    sqlx::query(
        "INSERT INTO relationships (id, mentor_id, mentee_id, state, started_at, ended_at, end_reason, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $5)",
    )
    .bind(id)
    .bind(ids.0)
    .bind(ids.1)
    .bind(state)
    .bind(started)
    .bind(end_reason.map(|_| started + 90 * DAY))
    .bind(end_reason)
    .execute(db.pool())
    .await
    .unwrap();
    if agreed {
        sqlx::query(
            "INSERT INTO relationship_events (relationship_id, event, actor_id, actor_role, reason, note, at) \
             VALUES ($1, 'agreed', NULL, 'mentee', '', '', $2)",
        )
        .bind(id)
        .bind(started + DAY)
        .execute(db.pool())
        .await
        .unwrap();
    }
}

/// One answer: item, score, choice, free text.
type Item<'a> = (&'a str, Option<i64>, Option<&'a str>, Option<&'a str>);

/// One answered questionnaire.
async fn answered(
    db: &Db,
    person: i64,
    relationship: Option<i64>,
    point: &str,
    role: &str,
    answered_at: i64,
    items: &[Item<'_>],
) {
    let key = format!("test:{person}:{relationship:?}:{point}:{role}");
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO survey_invitations (claim_key, person_id, relationship_id, point, role, questionnaire, \
         created_at, expires_at, answered_at) VALUES ($1, $2, $3, $4, $5, 'study-v1', $6, $7, $6) RETURNING id",
    )
    .bind(&key)
    .bind(person)
    .bind(relationship)
    .bind(point)
    .bind(role)
    .bind(answered_at)
    .bind(answered_at + 30 * DAY)
    .fetch_one(db.pool())
    .await
    .unwrap();
    for (item, score, choice, body) in items {
        sqlx::query("INSERT INTO survey_answers (invitation_id, item, score, choice, body) VALUES ($1, $2, $3, $4, $5)")
            .bind(id)
            .bind(*item)
            .bind(*score)
            .bind(*choice)
            .bind(*body)
            .execute(db.pool())
            .await
            .unwrap();
    }
}

/// The fixture; returns nothing, the figures are in the test.
async fn fixture(db: &Db) {
    let (anna, ben) = (mentor(db, "Anna Mentor", 3).await, mentor(db, "Ben Mentor", 2).await);
    let mut mentees = Vec::new();
    for n in 1..=8 {
        mentees.push(person(db, &format!("mentee{n}")).await);
    }
    let monday = at("2026-01-05");
    let thursday = at("2026-01-08");
    // Seven requests in the period, one before it (not counted).
    let r1 = request(db, mentees[0], ben, monday + 9 * 3600, true, "active").await;
    let r2 = request(db, mentees[1], ben, thursday + 9 * 3600, true, "active").await;
    let r3 = request(db, mentees[2], ben, at("2026-02-02"), false, "active").await;
    let r4 = request(db, mentees[3], anna, at("2026-03-02"), false, "active").await;
    let r5 = request(db, mentees[4], anna, at("2026-04-01"), false, "active").await;
    request(db, mentees[5], anna, at("2026-05-04"), true, "submitted").await;
    request(db, mentees[6], anna, at("2026-05-05"), true, "withdrawn").await;
    let before = request(db, mentees[7], anna, at("2025-12-15"), true, "active").await;
    // Triage: r1 on the Tuesday (on time); r2 sent Thursday, first seen the
    // next Tuesday (late: due by the end of Monday); r6 never (late, due);
    // r7 withdrawn unseen (not due). A mentee's own event is not triage.
    request_event(db, r1, "mentee", monday + 9 * 3600).await;
    request_event(db, r1, "coordinator", monday + DAY + 3600).await;
    request_event(db, r2, "coordinator", thursday + 5 * DAY + 3600).await;
    // Days from request to match: 2, 4, 10, 6, 3 → median 4.
    relationship(db, r1, (ben, mentees[0]), monday + 9 * 3600 + 2 * DAY, true, Some("goals-met")).await;
    relationship(db, r2, (ben, mentees[1]), thursday + 9 * 3600 + 4 * DAY, true, Some("time-up")).await;
    relationship(db, r3, (ben, mentees[2]), at("2026-02-12"), true, Some("lost-touch")).await;
    relationship(db, r4, (anna, mentees[3]), at("2026-03-08"), true, None).await;
    relationship(db, r5, (anna, mentees[4]), at("2026-04-04"), false, None).await;
    relationship(db, before, (anna, mentees[7]), at("2025-12-20"), true, Some("other")).await;

    // Mentees' well-being at the start: 3, 3, 4, 4, 2 (r1–r5) and 3 (r6's
    // mentee, no relationship): 6 answers, mean 19/6 = 3.17.
    let starts = [(r1, 3), (r2, 3), (r3, 4), (r4, 4), (r5, 2)];
    for (i, (rel, score)) in starts.iter().enumerate() {
        let items = [("wellbeing", Some(*score), None, None)];
        answered(db, mentees[i], Some(*rel), "start", "mentee", at("2026-03-10"), &items).await;
    }
    answered(
        db,
        mentees[5],
        None,
        "start",
        "mentee",
        at("2026-05-10"),
        &[("wellbeing", Some(3), None, None)],
    )
    .await;
    // Outside the period: not counted anywhere.
    answered(
        db,
        mentees[7],
        Some(before),
        "start",
        "mentee",
        at("2025-12-21"),
        &[("wellbeing", Some(1), None, None)],
    )
    .await;
    // At the end, the same five: well-being 5, 4, 5, 4, 4 (mean 4.40; paired
    // start 16/5 = 3.20, change +1.20); environment 5, 5, 5, 4, 4 (4.60);
    // recommend yes ×4, not sure ×1; five wrote what difference it made.
    let ends = [(5, 5, "yes"), (4, 5, "yes"), (5, 5, "not-sure"), (4, 4, "yes"), (4, 4, "yes")];
    let words = ["More confident", "Calmer at work", "Back in control", "Asked for help", "Slept better"];
    for (i, (wellbeing, environment, choice)) in ends.iter().enumerate() {
        let items = [
            ("wellbeing", Some(*wellbeing), None, None),
            ("environment", Some(*environment), None, None),
            ("recommend", None, Some(*choice), None),
            ("difference", None, None, Some(words[i])),
        ];
        answered(db, mentees[i], Some(starts[i].0), "end", "mentee", at("2026-06-20"), &items).await;
    }
    // Six months after the end, answered in the period: mentee 8 (start 1,
    // before the period) now 3, and mentee 1 (start 3) now 5: two pairs,
    // start 4/2, later 8/2. Too few to show in the tables.
    for (who, rel, score) in [(mentees[7], before, 3), (mentees[0], r1, 5)] {
        let items = [("wellbeing", Some(score), None, None)];
        answered(db, who, Some(rel), "follow-up", "mentee", at("2026-06-28"), &items).await;
    }
    // Two mentors at the end: too few to show, their words withheld.
    for (who, rel) in [(ben, r1), (ben, r2)] {
        let items = [("wellbeing", Some(5), None, None), ("difference", None, None, Some("Rewarding"))];
        answered(db, who, Some(rel), "end", "mentor", at("2026-06-21"), &items).await;
    }
}

#[tokio::test]
async fn the_figures_match_the_hand_computed_fixture() {
    for (name, db) in databases().await {
        fixture(&db).await;
        let g = gather(&db, &period(), now()).await.unwrap();
        let o = &g.outcomes;
        let start = o.scores("wellbeing", "mentee", "start");
        assert_eq!((start.count(), start.0), (6, [0, 1, 3, 2, 0]), "{name}");
        assert!((start.mean().unwrap() - 19.0 / 6.0).abs() < 1e-9, "{name}");
        let end = o.scores("wellbeing", "mentee", "end");
        assert_eq!((end.count(), end.0, end.mean()), (5, [0, 0, 0, 3, 2], Some(4.4)), "{name}");
        assert_eq!(o.scores("environment", "mentee", "end").mean(), Some(4.6), "{name}");
        assert_eq!(o.scores("wellbeing", "mentor", "end").count(), 2, "{name}");
        let paired = o.paired("wellbeing", "mentee", "end");
        assert_eq!((paired.people, paired.start_total, paired.later_total), (5, 16, 22), "{name}");
        let later = o.paired("wellbeing", "mentee", "follow-up");
        assert_eq!((later.people, later.start_total, later.later_total), (2, 4, 8), "{name}");
        assert_eq!(o.recommend("mentee"), [4, 0, 1], "{name}");

        let f = &g.funnel;
        assert_eq!((f.sent, f.matched, f.agreed, f.ended_well, f.ended_otherwise), (7, 5, 4, 2, 1), "{name}");
        assert_eq!(f.median_days_to_match, Some(4.0), "{name}");
        assert_eq!((f.priority_due, f.priority_on_time), (3, 1), "{name}");

        // Anna: capacity 3, two under way (one agreeing); Ben: 2, none.
        assert_eq!((g.network.total.mentors, g.network.total.free_places), (2, 3), "{name}");
        assert_eq!(g.words.get(&("end".into(), "mentee".into())).map(Vec::len), Some(5), "{name}");
        assert!(!g.period_is_empty(), "{name}");
    }
}

#[tokio::test]
async fn the_page_and_the_csv_show_the_figures_and_hide_small_ones() {
    for (name, db) in databases().await {
        fixture(&db).await;
        let all = tables(&gather(&db, &period(), now()).await.unwrap());
        let table = |id: &str| all.iter().find(|t| t.id == id).unwrap_or_else(|| panic!("table {id}"));
        let wellbeing = table("item-wellbeing");
        let cell = |row: &str, column: &str| wellbeing.cell(row, column).unwrap().text.clone();
        assert_eq!(cell("Mentees at the end", "Mean"), "4.40", "{name}");
        assert_eq!(cell("Mentees at the end", "Study mean"), "4.28", "{name}");
        assert_eq!(cell("Mentees at the start", "Mean"), "3.17", "{name}");
        // One person scored 2 at the start: hidden; nobody scored 1: shown.
        assert_eq!(
            (cell("Mentees at the start", "2"), cell("Mentees at the start", "1")),
            (HIDDEN.into(), "0".into())
        );
        assert_eq!(cell("Mentors at the end", "Mean"), HIDDEN, "{name}");
        assert_eq!(cell("Mentors at the end", "Study mean"), "4.02", "{name}");
        assert_eq!(table("item-environment").cell("Mentees at the end", "Study mean").unwrap().text, "4.64");
        assert_eq!(table("item-overall").cell("Mentees at the end", "Study mean").unwrap().text, "4.34");
        let paired = table("paired");
        assert!(paired.rows.iter().any(|(_, cells)| cells.iter().any(|c| c.text == "+1.20")), "{name}");
        let later = table("paired-follow-up");
        let row = "Influence on health and well-being, mentees";
        assert_eq!(later.cell(row, "People").unwrap().text, HIDDEN, "{name}: two pairs");
        assert_eq!(later.cell(row, "Mean six months after the end").unwrap().text, HIDDEN, "{name}");
        let funnel = table("funnel");
        assert_eq!(funnel.cell("Requests sent", "Requests").unwrap().text, "7", "{name}");
        assert_eq!(funnel.cell("Agreement made", "Requests").unwrap().text, HIDDEN, "{name}");
        let timeliness = table("timeliness");
        assert_eq!(timeliness.cell("Median days from request to match", "Figure").unwrap().text, "4.0");
        assert_eq!(
            timeliness
                .cell("Priority (support-route) requests triaged within two working days", "Figure")
                .unwrap()
                .text,
            HIDDEN
        );
        // No cell anywhere shows a number about 1–4 people.
        for t in &all {
            for (_, cells) in &t.rows {
                assert!(cells.iter().all(|c| !c.is_hidden() || c.value.is_none()), "{name}: {}", t.id);
            }
        }
        let csv = to_csv(&all);
        assert!(csv.contains("Mentors at the end,Mean,fewer than 5"), "{name}: {csv}");
        assert!(csv.contains("Mentees at the end,Mean,4.40"), "{name}");
        assert!(!csv.contains("More confident") && !csv.contains("mentee1"), "{name}: no free text or names");

        let report = build(&db, "2026-01-01", "2026-06-30", now()).await.unwrap();
        let svg = report.sections.iter().flat_map(|s| &s.tables).find(|t| t.id == "item-wellbeing").unwrap();
        let svg = svg.chart.as_ref().unwrap();
        assert!(svg.contains(HIDDEN) && svg.contains("4.40"), "{name}: {svg}");
        assert_eq!(report.words.len(), 1, "{name}: the mentees' five answers only");
        assert_eq!(report.words[0].bodies.len(), 5, "{name}");
        assert_eq!(report.words_withheld, ["Mentors at the end"], "{name}");
    }
}

#[tokio::test]
async fn a_period_with_nothing_in_it_or_backwards_says_so() {
    for (name, db) in databases().await {
        fixture(&db).await;
        let empty = build(&db, "2020-01-01", "2020-12-31", now()).await.unwrap();
        assert!(empty.empty && empty.errors.is_empty(), "{name}");
        assert!(empty.sections.iter().all(|s| s.id == "training" || s.id == "network"), "{name}");
        let backwards = build(&db, "2026-06-30", "2026-01-01", now()).await.unwrap();
        assert_eq!(backwards.errors.len(), 1, "{name}");
        assert_eq!(backwards.errors[0].field, "to", "{name}");
        assert!(backwards.sections.is_empty(), "{name}");
    }
}

#[tokio::test]
async fn the_demo_year_sits_near_the_study_means() {
    for (name, db) in databases().await {
        assert!(app::demo::load_if_empty(&db, now()).await.unwrap(), "{name}");
        let today = app::dates::date_of(now());
        let g = gather(&db, &Period::last_twelve_months(&today), now()).await.unwrap();
        // Sixty from the report's demo, and the demo mentee's own request.
        assert!(g.funnel.sent >= 60, "{name}: {}", g.funnel.sent);
        for (item, role, study) in
            [("wellbeing", "mentee", 4.28), ("environment", "mentor", 4.12), ("overall", "mentee", 4.34)]
        {
            let end = g.outcomes.scores(item, role, "end");
            assert!(end.count() >= 40, "{name}: {item} {role} {}", end.count());
            let mean = end.mean().unwrap();
            assert!((mean - study).abs() < 0.15, "{name}: {item} {role} {mean} against {study}");
        }
        assert!(g.outcomes.paired("wellbeing", "mentee", "end").people >= 30, "{name}");
        let later = g.outcomes.paired("wellbeing", "mentee", "follow-up");
        assert!(later.people >= 5 && later.change().unwrap() > 0.0, "{name}: {later:?}");
        assert!(g.funnel.ended_well > g.funnel.ended_otherwise, "{name}");
    }
}
