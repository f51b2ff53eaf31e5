//! The benchmarks `scripts/bench.sh` runs, kept out of the server binary:
//! `mentorwell-bench directory --rounds N` times directory searches and
//! `mentorwell-bench sessions --rounds N` free-slot finding, booking under
//! contention and ranking by times in common, against the database the
//! environment names (as the server reads it). Figures, not pass or fail.

mod directory;
mod matching;
mod sessions;

use app::config::Config;
use app::state::AppState;

const USAGE: &str = "usage:\n  mentorwell-bench directory --rounds N\n  mentorwell-bench sessions --rounds N";

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (which, rounds) = match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        [which @ ("directory" | "sessions"), "--rounds", rounds] => match rounds.parse::<usize>() {
            Ok(rounds) => (which.to_string(), rounds),
            Err(_) => exit_with(&format!("not a number: {rounds}")),
        },
        _ => exit_with(&format!("unrecognised arguments: {}", args.join(" "))),
    };
    let config = Config::from_env().unwrap_or_else(|err| exit_with(&format!("Cannot start: {err}")));
    // The server makes its data directory at start; a bench may be first.
    if let Some(dir) = config.sqlite_dir() {
        std::fs::create_dir_all(&dir)
            .unwrap_or_else(|err| exit_with(&format!("Cannot make {}: {err}", dir.display())));
    }
    let db = app::db::Db::open(&config.database_url)
        .await
        .unwrap_or_else(|err| exit_with(&format!("Cannot open the database: {err}")));
    let state = AppState {
        db,
        config: std::sync::Arc::new(config),
        clock: app::clock::Clock::from_env(),
        leptos_options: leptos::config::LeptosOptions::builder().output_name("mentorwell").build(),
    };
    let code = match which.as_str() {
        "directory" => directory::directory(&state, rounds).await,
        _ => sessions::run(&state, rounds).await,
    };
    std::process::exit(code);
}

fn exit_with(problem: &str) -> ! {
    eprintln!("{problem}\n{USAGE}");
    std::process::exit(2)
}
