//! The benchmarks `scripts/bench.sh` runs, kept out of the server binary:
//! `mentorwell-bench directory --rounds N` times directory searches and
//! `mentorwell-bench sessions --rounds N` free-slot finding, booking under
//! contention and ranking by times in common, against the database the
//! environment names (as the server reads it). Figures, not pass or fail.
//! `mentorwell-bench baseline --addr HOST:PORT` serves the directory page
//! written by hand, the baseline the app's page is measured against.

mod baseline;
mod directory;
mod matching;
mod sessions;

use app::config::Config;
use app::state::AppState;

const USAGE: &str =
    "usage:\n  mentorwell-bench directory --rounds N\n  mentorwell-bench sessions --rounds N\n  \
                     mentorwell-bench baseline --addr HOST:PORT";

enum Bench {
    Directory(usize),
    Sessions(usize),
    Baseline(String),
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let rounds = |rounds: &str| {
        rounds.parse::<usize>().unwrap_or_else(|_| exit_with(&format!("not a number: {rounds}")))
    };
    let bench = match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["directory", "--rounds", n] => Bench::Directory(rounds(n)),
        ["sessions", "--rounds", n] => Bench::Sessions(rounds(n)),
        ["baseline", "--addr", addr] => Bench::Baseline(addr.to_string()),
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
        directory: Default::default(),
    };
    let code = match bench {
        Bench::Directory(rounds) => directory::directory(&state, rounds).await,
        Bench::Sessions(rounds) => sessions::run(&state, rounds).await,
        Bench::Baseline(addr) => baseline::serve(state, &addr).await,
    };
    std::process::exit(code);
}

fn exit_with(problem: &str) -> ! {
    eprintln!("{problem}\n{USAGE}");
    std::process::exit(2)
}
