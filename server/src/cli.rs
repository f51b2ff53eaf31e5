//! Subcommands: `serve` (the default), `create-coordinator`, `backup`, and
//! `generate-mentors` for the benchmarks. The benchmarks themselves are a
//! separate binary, `mentorwell-bench` (`src/bench/`).

use app::accounts::{db, hashing, password_policy::password_problem, Role};
use app::db::Backend;
use app::state::AppState;
use std::io::BufRead;

pub enum Command {
    Serve,
    CreateCoordinator { email: String, name: String },
    Backup { to: std::path::PathBuf },
    GenerateMentors { count: u64 },
    Usage(String),
}

impl Command {
    pub fn from_args(args: Vec<String>) -> Command {
        match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
            [] | ["serve"] => Command::Serve,
            ["create-coordinator", "--email", email, "--name", name] => {
                Command::CreateCoordinator { email: email.to_string(), name: name.to_string() }
            }
            ["backup", "--to", path] => Command::Backup { to: path.into() },
            ["generate-mentors", "--count", count] => match count.parse() {
                Ok(count) => Command::GenerateMentors { count },
                Err(_) => Command::Usage(format!("not a number: {count}")),
            },
            _ => Command::Usage(format!("unrecognised arguments: {}", args.join(" "))),
        }
    }
}

const USAGE: &str = "usage:\n  mentorwell [serve]\n  mentorwell create-coordinator --email EMAIL --name NAME   (password on standard input)\n  mentorwell backup --to FILE   (a consistent copy of the SQLite database, taken while it serves)\n  mentorwell generate-mentors --count N   (adds N generated mentors, for benchmarks)";

/// Runs a one-off command and returns the process exit code.
pub async fn run(command: Command, state: &AppState) -> i32 {
    match command {
        Command::Serve => 0,
        Command::Usage(problem) => {
            eprintln!("{problem}\n{USAGE}");
            2
        }
        Command::CreateCoordinator { email, name } => create_coordinator(state, &email, &name).await,
        Command::Backup { to } => backup(state, &to).await,
        Command::GenerateMentors { count } => {
            // Generated profiles get this build's words; bring the words'
            // version up first, or the next start would rewrite them all.
            let generated = async {
                app::directory::reindex::refresh(&state.db).await?;
                app::directory::demo::generate(&state.db, count, state.clock.now()).await
            };
            match generated.await {
                Ok(()) => {
                    println!("Added {count} generated mentors.");
                    0
                }
                Err(err) => {
                    eprintln!("Could not generate mentors: {err}");
                    1
                }
            }
        }
    }
}

async fn create_coordinator(state: &AppState, email: &str, name: &str) -> i32 {
    eprintln!("Password for {email} (one line on standard input):");
    let mut password = String::new();
    if std::io::stdin().lock().read_line(&mut password).is_err() {
        eprintln!("Could not read the password.");
        return 1;
    }
    let password = password.trim_end_matches(['\r', '\n']).to_string();
    if let Some(problem) = password_problem(&password) {
        eprintln!("{problem}");
        return 1;
    }
    let email = db::normalise_email(email);
    // Nothing else is hashing in this process, so there is no wait.
    let hash = hashing::hash_password(password).await.expect("a hashing slot is free");
    let now = state.clock.now();
    let created = async {
        let user_id = db::upsert_verified_user(&state.db, &email, name.trim(), &hash, now).await?;
        db::grant_role(&state.db, user_id, Role::Coordinator, now).await
    }
    .await;
    match created {
        Ok(()) => {
            println!("{email} is a coordinator and can sign in.");
            0
        }
        Err(err) => {
            eprintln!("Could not create the coordinator: {err}");
            1
        }
    }
}

/// `VACUUM INTO` writes a consistent snapshot of the database as it was
/// when the command began, while the server goes on reading and writing.
async fn backup(state: &AppState, to: &std::path::Path) -> i32 {
    if state.db.backend() == Backend::Postgres {
        eprintln!("This installation uses PostgreSQL: back it up with pg_dump (see the README).");
        return 2;
    }
    if to.exists() {
        eprintln!("{} already exists: name a new file, so no backup is overwritten.", to.display());
        return 1;
    }
    match sqlx::query("VACUUM INTO $1").bind(to.to_string_lossy().into_owned()).execute(state.db.pool()).await
    {
        Ok(_) => {
            println!("Backed up to {}.", to.display());
            0
        }
        Err(err) => {
            eprintln!("Could not back up to {}: {err}", to.display());
            1
        }
    }
}
