//! `mentorwell-bench directory`: times directory searches in-process against the
//! configured database and prints percentiles. Run by `scripts/bench.sh`
//! after `generate-mentors`; figures, not pass or fail. A search includes
//! checking the directory's version and reading the cards shown; reading
//! the whole directory into memory, which happens after a change, is
//! timed apart.

use app::directory::{db, query::DirectoryQuery};
use app::state::AppState;
use std::time::Instant;

/// Searches people make: words plus three filters, filters alone, and the
/// whole directory, each with its goal for p95 in milliseconds.
const SCENARIOS: &[(&str, &str, f64)] = &[
    ("text + 3 facets", "q=care&area=nottingham&topic=stress&mode=video", 20.0),
    ("text only", "q=practice", 20.0),
    ("3 facets, no text", "area=leicestershire&topic=bullying-harassment&profession=nurse", 20.0),
    ("everything, page 1", "", 100.0),
];

pub async fn directory(state: &AppState, rounds: usize) -> i32 {
    let today = app::dates::date_of(state.clock.now());
    let (mentors,): (i64,) =
        match sqlx::query_as("SELECT COUNT(*) FROM mentor_profiles").fetch_one(state.db.pool()).await {
            Ok(row) => row,
            Err(err) => {
                eprintln!("{err}");
                return 1;
            }
        };
    println!("{mentors} mentor profiles, {:?}, {rounds} rounds each", state.db.backend());
    let start = Instant::now();
    match db::listed(&state.db, &today).await {
        Ok(listed) => println!(
            "reading the directory into memory (after any change): {:.0} ms for {} listed",
            start.elapsed().as_secs_f64() * 1000.0,
            listed.mentors()
        ),
        Err(err) => {
            eprintln!("{err}");
            return 1;
        }
    }
    println!("{:<22} {:>9} {:>16} {:>9} {:>8}", "scenario", "p50 ms", "p95 ms / goal", "max ms", "results");
    for (name, search_string, goal) in SCENARIOS {
        let (query, _) = DirectoryQuery::parse(search_string);
        let mut times = Vec::with_capacity(rounds);
        let mut total = 0;
        for _ in 0..rounds {
            let start = Instant::now();
            let found = async {
                let outcome = state.directory.search(&state.db, &query, &today).await?;
                db::cards(&state.db, &outcome.user_ids).await?;
                Ok::<_, sqlx::Error>(outcome.total)
            }
            .await;
            match found {
                Ok(n) => total = n,
                Err(err) => {
                    eprintln!("search failed: {err}");
                    return 1;
                }
            }
            times.push(start.elapsed().as_secs_f64() * 1000.0);
        }
        times.sort_by(f64::total_cmp);
        let at = |p: f64| times[((times.len() as f64 - 1.0) * p).round() as usize];
        let p95 = format!("{:.2} / {goal:.0}", at(0.95));
        println!("{name:<22} {:>9.2} {p95:>16} {:>9.2} {total:>8}", at(0.5), at(1.0));
    }
    0
}
