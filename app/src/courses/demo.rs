//! Demo courses: the service's history (sixteen runs of the two-day course
//! so far) and the next two runs, open for registration.

use super::db::insert_run;
use super::lists::RunStatus;
use super::run::{DayFields, RunFields};
use crate::dates;
use crate::db::Db;

const AREAS: [&str; 6] = ["derby", "nottingham", "leicester", "lincoln", "northampton", "online"];

fn run(kind: &str, title: &str, first_day: &str, area: &str, capacity: i64) -> RunFields {
    let second = dates::add_days(first_day, 7).unwrap_or_default();
    let day = |day: String| DayFields { day, starts_at: "09:30".into(), ends_at: "16:30".into() };
    let online = area == "online";
    RunFields {
        kind: kind.into(),
        title: title.into(),
        days: if kind == "initial" {
            vec![day(first_day.into()), day(second)]
        } else {
            vec![day(first_day.into())]
        },
        venue: if online { String::new() } else { "Education Centre, training room 2".into() },
        online_link: if online { "https://meet.example.org/mentoring-course".into() } else { String::new() },
        area: area.into(),
        facilitators: "East Midlands mentoring team".into(),
        capacity: capacity.to_string(),
        register_by: dates::add_days(first_day, -7).unwrap_or_default(),
    }
}

pub async fn load(db: &Db, now: i64) -> Result<(), sqlx::Error> {
    let today = dates::date_of(now);
    let mut tx = db.begin_write().await?;
    const TITLE: &str = "Mentoring in Healthcare Organisations";
    // Sixteen runs, about one a quarter, the latest two months ago.
    for k in 0..16i64 {
        let first = dates::add_days(&today, -(60 + k * 91)).unwrap_or_default();
        let fields = run("initial", TITLE, &first, AREAS[k as usize % AREAS.len()], 18);
        insert_run(&mut tx, &fields, RunStatus::Closed, now).await?;
    }
    let next = dates::add_days(&today, 42).unwrap_or_default();
    insert_run(&mut tx, &run("initial", TITLE, &next, "nottingham", 16), RunStatus::Open, now).await?;
    let refresher = dates::add_days(&today, 70).unwrap_or_default();
    insert_run(
        &mut tx,
        &run("refresher", "Mentoring refresher", &refresher, "online", 24),
        RunStatus::Open,
        now,
    )
    .await?;
    tx.commit().await
}
