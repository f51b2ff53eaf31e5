//! `mentorwell-bench sessions`: times free-slot finding for a mentor open around the
//! clock for eight weeks (weekly, and as an eight-week rota), ranking 280
//! mentors by times in common (`matching`), and booking under
//! contention, in-process against the configured database. Figures, not
//! pass or fail.

use app::sessions::booking::{book, Context};
use app::sessions::db as sessions;
use app::sessions::rules::default_fields;
use app::sessions::slots::local;
use app::state::AppState;
use std::time::Instant;

fn percentile(times: &mut [f64], p: f64) -> f64 {
    times.sort_by(|a, b| a.total_cmp(b));
    times[((times.len() as f64 - 1.0) * p).round() as usize]
}

/// A mentor with 30-minute sessions every hour of every day, as a rota of
/// `rota_weeks` weeks (1 is the weekly pattern), and `mentees` people
/// matched with them. Returns (mentor, [(mentee, request)]).
async fn dense_mentor(
    state: &AppState,
    label: &str,
    mentees: usize,
    rota_weeks: usize,
) -> Result<(i64, Vec<(i64, i64)>), sqlx::Error> {
    let now = state.clock.now();
    let stamp = format!("{label}-{now}-{}", std::process::id());
    let mentor = app::accounts::db::upsert_verified_user(
        &state.db,
        &format!("mentor-{stamp}@bench.invalid"),
        "Bench Mentor",
        "x",
        now,
    )
    .await?;
    let mut fields = default_fields();
    fields.days = vec!["00:00-24:00".into(); 7 * rota_weeks];
    fields.rota_weeks = rota_weeks.to_string();
    let today = app::dates::date_of(now);
    if rota_weeks > 1 {
        fields.rota_starts = today.clone();
    }
    fields.session_minutes = "30".into();
    fields.buffer_minutes = "0".into();
    fields.notice_hours = "0".into();
    fields.max_per_week = "40".into();
    fields.room = "Room 1".into();
    let rules = fields.check(&today).map_err(|_| sqlx::Error::Protocol("bench rules".into()))?;
    sessions::save_rules(&state.db, mentor, &rules, now).await?;
    let mut pairs = Vec::new();
    for i in 0..mentees {
        let email = format!("mentee-{i}-{stamp}@bench.invalid");
        let mentee =
            app::accounts::db::upsert_verified_user(&state.db, &email, "Bench Mentee", "x", now).await?;
        let request: i64 = sqlx::query_scalar(
            "INSERT INTO mentoring_requests (mentee_id, state, mentor_id, goal, topics, professions, sectors, areas, \
             modes, forms, days, times, organisation, outside_own_organisation, share_with_mentor, priority, \
             created_at, updated_at) VALUES ($1, 'active', $2, '', '', '', '', '', '', '', '', '', '', 0, 0, 0, $3, $3) \
             RETURNING id",
        )
        .bind(mentee)
        .bind(mentor)
        .bind(now)
        .fetch_one(state.db.pool())
        .await?;
        let mut tx = state.db.begin_write().await?;
        app::relationships::db::start(&mut tx, request, mentor, mentee, now).await?;
        tx.commit().await?;
        pairs.push((mentee, request));
    }
    Ok((mentor, pairs))
}

async fn free_slots(state: &AppState, mentor: i64) -> Result<Vec<i64>, sqlx::Error> {
    let now = state.clock.now();
    let mut conn = state.db.pool().acquire().await?;
    let diary = sessions::diary_of(&mut conn, mentor, now, 0).await?.ok_or(sqlx::Error::RowNotFound)?;
    let d = diary.diary();
    Ok(d.free(local(&d.zone, now).date(), 56, now).into_iter().map(|s| s.starts).collect())
}

pub async fn run(state: &AppState, rounds: usize) -> i32 {
    match bench(state, rounds).await {
        Ok(()) => 0,
        Err(err) => {
            eprintln!("{err}");
            1
        }
    }
}

async fn bench(state: &AppState, rounds: usize) -> Result<(), Box<dyn std::error::Error>> {
    let context = Context { now: state.clock.now(), public_url: "https://bench.invalid", cutoff_hours: 24 };
    println!("sessions, {:?}", state.db.backend());

    // Free slots: open 24 hours a day for eight weeks, with about twenty
    // sessions booked in each week, so every slot is checked against them;
    // once as a weekly pattern and once as a rota of eight weeks.
    for rota_weeks in [1, 8] {
        free_slots_figure(state, &context, rounds, rota_weeks).await?;
    }
    crate::matching::ranking(state, rounds, percentile).await?;
    booking_figures(state, &context).await
}

async fn free_slots_figure(
    state: &AppState,
    context: &Context<'_>,
    rounds: usize,
    rota_weeks: usize,
) -> Result<(), Box<dyn std::error::Error>> {
    let (mentor, pairs) = dense_mentor(state, &format!("slots{rota_weeks}"), 1, rota_weeks).await?;
    let open = free_slots(state, mentor).await?;
    for starts in open.iter().step_by(open.len() / 160 + 1) {
        // A week already at its maximum refuses; that is fine here.
        let _ = book(&state.db, context, pairs[0].0, pairs[0].1, *starts, "room", "").await;
    }
    let booked: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM mentoring_sessions WHERE mentor_id = $1")
        .bind(mentor)
        .fetch_one(state.db.pool())
        .await?;
    let mut times = Vec::with_capacity(rounds);
    let mut found = 0;
    for _ in 0..rounds {
        let start = Instant::now();
        found = free_slots(state, mentor).await?.len();
        times.push(start.elapsed().as_secs_f64() * 1000.0);
    }
    let pattern =
        if rota_weeks == 1 { "weekly pattern".to_string() } else { format!("rota of {rota_weeks} weeks") };
    println!(
        "free slots, 8 weeks open around the clock, {pattern}, {booked} booked: {found} slots; \
         p50 {:.2} ms, p95 {:.2} ms ({rounds} rounds)",
        percentile(&mut times, 0.5),
        percentile(&mut times, 0.95)
    );
    Ok(())
}

async fn booking_figures(state: &AppState, context: &Context<'_>) -> Result<(), Box<dyn std::error::Error>> {
    // Throughput: 20 mentees booking 300 different slots spread over the
    // eight weeks (under the weekly maximum), 50 at a time.
    let (mentor, pairs) = dense_mentor(state, "throughput", 20, 1).await?;
    let slots = free_slots(state, mentor).await?;
    let start = Instant::now();
    let mut latencies = Vec::new();
    let mut taken = 0;
    let spread: Vec<&i64> = slots.iter().step_by(slots.len() / 300 + 1).collect();
    for batch in spread.chunks(50) {
        let tasks: Vec<_> = batch
            .iter()
            .enumerate()
            .map(|(i, starts)| {
                let (db, (mentee, request), starts) = (state.db.clone(), pairs[i % pairs.len()], **starts);
                let c = Context { now: context.now, public_url: "https://bench.invalid", cutoff_hours: 24 };
                tokio::spawn(async move {
                    let t = Instant::now();
                    let r = book(&db, &c, mentee, request, starts, "room", "").await;
                    (r.is_ok(), t.elapsed().as_secs_f64() * 1000.0)
                })
            })
            .collect();
        for task in tasks {
            let (ok, ms) = task.await?;
            taken += usize::from(ok);
            latencies.push(ms);
        }
    }
    let seconds = start.elapsed().as_secs_f64();
    println!(
        "booking, {} different slots, 50 at once: {taken} booked, {:.0} bookings/s, p50 {:.1} ms, p95 {:.1} ms",
        spread.len(),
        taken as f64 / seconds,
        percentile(&mut latencies, 0.5),
        percentile(&mut latencies, 0.95)
    );

    // Contention: 50 at once for the same slot, 20 rounds, with a mentor
    // whose weeks are empty (so every refusal is "taken").
    let (mentor, pairs) = dense_mentor(state, "contention", 20, 1).await?;
    let free = free_slots(state, mentor).await?;
    let start = Instant::now();
    let mut latencies = Vec::new();
    let (mut won, mut lost, mut failed) = (0, 0, 0);
    for round in 0..20 {
        let starts = free[round * 7];
        let tasks: Vec<_> = (0..50)
            .map(|i| {
                let (db, (mentee, request)) = (state.db.clone(), pairs[i % pairs.len()]);
                let c = Context { now: context.now, public_url: "https://bench.invalid", cutoff_hours: 24 };
                tokio::spawn(async move {
                    let t = Instant::now();
                    let r = book(&db, &c, mentee, request, starts, "room", "").await;
                    (r, t.elapsed().as_secs_f64() * 1000.0)
                })
            })
            .collect();
        for task in tasks {
            let (r, ms) = task.await?;
            latencies.push(ms);
            match r {
                Ok(_) => won += 1,
                Err(app::error::AppError::Refused(_)) => lost += 1,
                Err(_) => failed += 1,
            }
        }
    }
    println!(
        "booking, 50 at once for one slot x 20: {won} booked, {lost} told taken, {failed} errors; \
         {:.0} attempts/s, p50 {:.1} ms, p95 {:.1} ms",
        1000.0 / start.elapsed().as_secs_f64(),
        percentile(&mut latencies, 0.5),
        percentile(&mut latencies, 0.95)
    );
    Ok(())
}
