//! The Mentorwell server: configuration, layers and routes. Everything the
//! app does lives in the `app` crate.

mod cli;
mod headers;
mod input;
mod layers;
mod routes;

use app::config::Config;
use app::state::AppState;
use axum::serve::ListenerExt;
use leptos::config::get_configuration;
use std::net::SocketAddr;
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() {
    return_freed_memory_promptly();
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn")),
        )
        .init();
    let command = cli::Command::from_args(std::env::args().skip(1).collect());
    let config = Config::from_env().unwrap_or_else(|err| {
        eprintln!("Cannot start: {err}");
        std::process::exit(1);
    });
    // Moving the clock is for tests (token expiry, reminders): a real site,
    // served over https, keeps the true time.
    if std::env::var_os("MENTORWELL_CLOCK_OFFSET_SECONDS").is_some()
        && config.public_url.starts_with("https://")
    {
        eprintln!(
            "Refusing MENTORWELL_CLOCK_OFFSET_SECONDS on a site served over https: it is for tests only."
        );
        std::process::exit(1);
    }
    if let Some(dir) = config.sqlite_dir() {
        if let Err(err) = keep_private(&dir) {
            eprintln!("Cannot make the data directory {} private: {err}", dir.display());
            std::process::exit(1);
        }
    }
    let db = match app::db::Db::open(&config.database_url).await {
        Ok(db) => db,
        Err(err) => {
            eprintln!("Cannot open the database: {err}");
            std::process::exit(1);
        }
    };
    let mut leptos_options = get_configuration(None).expect("Leptos settings").leptos_options;
    // A release build names its bundle files by content hash and writes the
    // hashes beside the binary; use them unless told otherwise.
    if std::env::var_os("LEPTOS_HASH_FILES").is_none() {
        let exe_dir = std::env::current_exe().ok().and_then(|p| p.parent().map(|d| d.to_path_buf()));
        leptos_options.hash_files =
            exe_dir.is_some_and(|d| d.join(leptos_options.hash_file.as_ref()).exists());
    }
    let state = AppState {
        db,
        config: std::sync::Arc::new(config),
        clock: app::clock::Clock::from_env(),
        leptos_options,
        directory: Default::default(),
    };
    match command {
        cli::Command::Serve => serve(state).await,
        other => std::process::exit(cli::run(other, &state).await),
    }
}

async fn serve(state: AppState) {
    match app::directory::reindex::refresh(&state.db).await {
        Ok(Some(n)) => tracing::info!(profiles = n, "rewrote the directory's search words"),
        Ok(None) => {}
        Err(err) => tracing::error!(error = %err, "could not rewrite the directory's search words"),
    }
    // Read the directory now, so the first search does not wait for it.
    let (directory, db, today) =
        (state.directory.clone(), state.db.clone(), app::dates::date_of(state.clock.now()));
    tokio::spawn(async move {
        if let Err(err) = directory.listed(&db, &today).await {
            tracing::error!(error = %err, "could not read the directory");
        }
    });
    let mut demo_loaded = false;
    if state.config.demo_data {
        // Demo accounts have passwords printed in the README: never on a
        // site people reach over https, which is what a real one is.
        if state.config.public_url.starts_with("https://") {
            eprintln!(
                "Refusing to load demo data on a site served over https ({}). \
                 Unset MENTORWELL_DEMO_DATA for a real installation.",
                state.config.public_url
            );
            std::process::exit(1);
        }
        match app::demo::load_if_empty(&state.db, state.clock.now()).await {
            Ok(loaded) => demo_loaded = loaded,
            Err(err) => tracing::error!(error = %err, "could not load demo data"),
        }
    }
    app::state::install(&state);
    // Built before listening: a CA file that cannot be read stops the start.
    match app::email::transport::mailer(&state.config) {
        Ok(Some(mailer)) => {
            if let Some(smtp) = &state.config.smtp {
                tracing::info!("delivering email to {}", app::email::transport::describe(smtp));
            }
            tokio::spawn(app::email::sender::run(state.clone(), mailer));
        }
        Ok(None) => tracing::info!("SMTP_HOST not set: email stays in the outbox for coordinators to read"),
        Err(err) => {
            eprintln!("Cannot start: {err}");
            std::process::exit(1);
        }
    }
    tokio::spawn(app::email::retention::run(state.clone()));
    tokio::spawn(app::retention::run(state.clone()));
    tokio::spawn(app::requests::sweep::run(state.clone()));
    tokio::spawn(app::courses::sweep::run(state.clone()));
    tokio::spawn(app::sessions::sweep::run(state.clone()));
    tokio::spawn(app::relationships::quiet::run(state.clone()));
    tokio::spawn(app::relationships::ending_sweep::run(state.clone()));
    tokio::spawn(app::outcomes::sweep::run(state.clone()));
    let addr = state.leptos_options.site_addr;
    let router = routes::router(state);
    // Small responses go out at once instead of waiting on Nagle's algorithm.
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .unwrap_or_else(|err| panic!("cannot listen on {addr}: {err}"))
        .tap_io(|tcp| {
            let _ = tcp.set_nodelay(true);
        });
    println!("Mentorwell is running at http://{addr}");
    if demo_loaded {
        print_demo_accounts();
    }
    axum::serve(listener, router.into_make_service_with_connect_info::<SocketAddr>())
        .with_graceful_shutdown(shutdown_signal())
        .await
        .expect("server error");
}

/// The data directory holds health information: only the service's own
/// user may open it (0700) or its files (0600). The mask covers files made
/// later (the database's journal, uploads); the rest mends an older
/// installation made before this rule.
fn keep_private(dir: &std::path::Path) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    // SAFETY: umask only sets this process's mask for new files.
    unsafe {
        libc::umask(0o077);
    }
    std::fs::create_dir_all(dir)?;
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))?;
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        if entry.file_type()?.is_file() {
            std::fs::set_permissions(entry.path(), std::fs::Permissions::from_mode(0o600))?;
        }
    }
    Ok(())
}

fn print_demo_accounts() {
    println!("Demo accounts (just loaded into the empty database):");
    for account in app::demo::DEMO_ACCOUNTS {
        println!("  {:<12} {:<26} password: {}", account.role, account.email, account.password);
    }
}

/// Password hashing takes 19 MiB at a time. glibc raises its mmap threshold
/// after the first such block is freed, so later ones come from arenas that
/// keep the memory after a burst; a fixed threshold hands every large block
/// straight back to the operating system when it is freed.
fn return_freed_memory_promptly() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only changes the allocator's settings and takes the
    // allocator's own lock to do it.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 1024 * 1024);
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    let terminate = async {
        if let Ok(mut signal) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            signal.recv().await;
        }
    };
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
}
