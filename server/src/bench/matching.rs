//! Ranking for a request by times in common, part of `mentorwell-bench sessions`:
//! reading every mentor's facts and free times over the next eight weeks,
//! then scoring and sorting them, for 280 mentors on rotas of 1 to 8 weeks.
//! Figures, not pass or fail.

use app::requests::facts::mentor_facts;
use app::requests::matching::{rank, Wishes};
use app::sessions::db as sessions;
use app::sessions::rules::default_fields;
use app::state::AppState;
use app::vocabulary::Topic;
use app::vocabulary::{Day, TimeOfDay};
use std::time::Instant;

/// The service's trained mentors so far.
const MENTORS: i64 = 280;

/// Mentors up to 280, each without times given a rota of 1 to 8 weeks with
/// mornings, evenings and nights on some days.
async fn mentors_on_rotas(state: &AppState) -> Result<(), Box<dyn std::error::Error>> {
    let now = state.clock.now();
    let today = app::dates::date_of(now);
    let have: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM mentor_profiles").fetch_one(state.db.pool()).await?;
    if have < MENTORS {
        app::directory::demo::generate(&state.db, (MENTORS - have) as u64, now).await?;
    }
    let without: Vec<i64> = sqlx::query_scalar(
        "SELECT p.user_id FROM mentor_profiles p \
         WHERE NOT EXISTS (SELECT 1 FROM availability a WHERE a.mentor_id = p.user_id) ORDER BY p.user_id",
    )
    .fetch_all(state.db.pool())
    .await?;
    for (i, mentor) in without.iter().enumerate() {
        let weeks = i % 8 + 1;
        let mut fields = default_fields();
        fields.rota_weeks = weeks.to_string();
        if weeks > 1 {
            fields.rota_starts = today.clone();
        }
        fields.days = (0..7 * weeks)
            .map(|d| match (d + i) % 5 {
                0 => "18:00-22:00",
                1 => "20:00-02:00",
                2 => "09:00-12:00",
                _ => "",
            })
            .map(String::from)
            .collect();
        fields.room = "Room 1".into();
        let rules = fields.check(&today).map_err(|e| format!("bench rota: {e:?}"))?;
        sessions::save_rules(&state.db, *mentor, &rules, now).await?;
    }
    Ok(())
}

pub async fn ranking(
    state: &AppState,
    rounds: usize,
    percentile: fn(&mut [f64], f64) -> f64,
) -> Result<(), Box<dyn std::error::Error>> {
    mentors_on_rotas(state).await?;
    let today = app::dates::date_of(state.clock.now());
    let wishes = Wishes {
        topics: vec![Topic::Stress],
        days: vec![Day::Tuesday, Day::Saturday],
        times: vec![TimeOfDay::Evening, TimeOfDay::Morning],
        ..Default::default()
    };
    let mut times = Vec::with_capacity(rounds);
    let (mut read, mut in_common) = (0, 0);
    // The first reading of a day makes every mentor's summary from their
    // windows and stores it; the rest read the stored summaries.
    sqlx::query("UPDATE availability SET free_version = -1").execute(state.db.pool()).await?;
    let mut first_of_day = 0.0;
    for round in 0..=rounds {
        let start = Instant::now();
        let mut conn = state.db.pool().acquire().await?;
        let facts: Vec<_> =
            mentor_facts(&mut conn, &today, None).await?.into_iter().map(|n| n.facts).collect();
        let ranked = rank(&facts, &wishes);
        let took = start.elapsed().as_secs_f64() * 1000.0;
        if round == 0 {
            first_of_day = took;
        } else {
            times.push(took);
        }
        read = facts.len();
        in_common = ranked.iter().filter(|s| s.times_in_common).count();
    }
    println!(
        "ranking by times in common, {read} mentors read, {in_common} eligible with times in common: \
         p50 {:.2} ms, p95 {:.2} ms ({rounds} rounds; goal p95 under 20 ms); \
         the day's first, making every summary: {first_of_day:.2} ms",
        percentile(&mut times, 0.5),
        percentile(&mut times, 0.95)
    );
    Ok(())
}
