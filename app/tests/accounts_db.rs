//! Accounts against real databases: registration races, tokens, sessions
//! and throttling, on SQLite and PostgreSQL.

mod support;

use app::accounts::{db, session, throttle, Role};
use support::{databases, NOW};

const HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHQ$notarealhashbutfineforsql";

fn link(token: &str) -> String {
    format!("http://test/verify-email?token={token}")
}

async fn count(db: &app::db::Db, sql: &str) -> i64 {
    let (n,): (i64,) = sqlx::query_as(sql).fetch_one(db.pool()).await.unwrap();
    n
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn twenty_simultaneous_registrations_make_one_account() {
    for (backend, db) in databases().await {
        let attempts = (0..20).map(|_| {
            let db = db.clone();
            tokio::spawn(
                async move { db::create_user(&db, "same@example.org", "Same", HASH, NOW, link).await },
            )
        });
        let mut created = 0;
        for attempt in attempts {
            match attempt.await.unwrap() {
                Ok(db::NewUser::Created { .. }) => created += 1,
                Ok(db::NewUser::EmailTaken) => {}
                Err(err) => panic!("{backend}: registration failed: {err}"),
            }
        }
        assert_eq!(created, 1, "{backend}");
        assert_eq!(count(&db, "SELECT COUNT(*) FROM users").await, 1, "{backend}");
        // Exactly one verification email: the losers' transactions rolled back.
        assert_eq!(count(&db, "SELECT COUNT(*) FROM outbox").await, 1, "{backend}");
    }
}

#[tokio::test]
async fn a_verification_link_works_once_and_not_after_expiry() {
    for (backend, db) in databases().await {
        let token = std::sync::Mutex::new(String::new());
        let capture = |t: &str| {
            *token.lock().unwrap() = t.to_string();
            link(t)
        };
        db::create_user(&db, "a@example.org", "A", HASH, NOW, capture).await.unwrap();
        let token = token.lock().unwrap().clone();
        let record = db::login_record(&db, "a@example.org").await.unwrap().unwrap();
        assert!(!record.verified, "{backend}");
        assert!(!db::verify_email(&db, "not-the-token", NOW).await.unwrap(), "{backend}");
        assert!(db::verify_email(&db, &token, NOW + 60).await.unwrap(), "{backend}");
        assert!(!db::verify_email(&db, &token, NOW + 120).await.unwrap(), "{backend}: reused");
        assert!(db::login_record(&db, "a@example.org").await.unwrap().unwrap().verified, "{backend}");

        let late = std::sync::Mutex::new(String::new());
        db::create_user(&db, "b@example.org", "B", HASH, NOW, |t: &str| {
            *late.lock().unwrap() = t.to_string();
            link(t)
        })
        .await
        .unwrap();
        let late = late.lock().unwrap().clone();
        let after_expiry = NOW + db::VERIFY_TOKEN_SECONDS + 1;
        assert!(!db::verify_email(&db, &late, after_expiry).await.unwrap(), "{backend}: expired");
    }
}

#[tokio::test]
async fn sessions_expire_when_idle_and_at_the_absolute_limit() {
    for (backend, db) in databases().await {
        let user = db::upsert_verified_user(&db, "s@example.org", "S", HASH, NOW).await.unwrap();
        db::grant_role(&db, user, Role::Coordinator, NOW).await.unwrap();
        let token = session::start(&db, user, NOW).await.unwrap();
        let found = session::user_for(&db, &token, NOW + 10).await.unwrap().expect("live session");
        assert_eq!(found.id, user, "{backend}");
        assert!(found.has(Role::Coordinator), "{backend}");
        // Idle for longer than the idle limit: gone.
        assert!(session::user_for(&db, &token, NOW + session::IDLE_SECONDS + 5).await.unwrap().is_none());

        // Kept busy, it still ends at the absolute limit.
        let busy = session::start(&db, user, NOW).await.unwrap();
        let mut t = NOW;
        while t < NOW + session::ABSOLUTE_SECONDS - 3600 {
            t += 3600;
            assert!(session::user_for(&db, &busy, t).await.unwrap().is_some(), "{backend} at {t}");
        }
        assert!(session::user_for(&db, &busy, NOW + session::ABSOLUTE_SECONDS + 1).await.unwrap().is_none());

        session::end(&db, &busy).await.unwrap();
        assert!(session::user_for(&db, &busy, NOW + 1).await.unwrap().is_none(), "{backend}: signed out");
    }
}

#[tokio::test]
async fn a_new_password_ends_every_other_session() {
    for (backend, db) in databases().await {
        let user = db::upsert_verified_user(&db, "p@example.org", "P", HASH, NOW).await.unwrap();
        let laptop = session::start(&db, user, NOW).await.unwrap();
        let phone = session::start(&db, user, NOW).await.unwrap();
        let mut tx = db.begin_write().await.unwrap();
        let keep = app::accounts::tokens::token_hash(&laptop);
        db::set_password(&mut tx, user, "$argon2id$new", Some(&keep)).await.unwrap();
        tx.commit().await.unwrap();
        assert!(session::user_for(&db, &laptop, NOW + 1).await.unwrap().is_some(), "{backend}");
        assert!(session::user_for(&db, &phone, NOW + 1).await.unwrap().is_none(), "{backend}");
        assert_eq!(db::password_hash_of(&db, user).await.unwrap(), "$argon2id$new");
    }
}

fn keys(email: &str) -> Vec<(String, i64)> {
    vec![(throttle::account_key(email), throttle::PER_ACCOUNT)]
}

#[tokio::test]
async fn five_attempts_throttle_an_account_for_the_window() {
    for (backend, db) in databases().await {
        for i in 0..throttle::PER_ACCOUNT {
            let taken = throttle::take_attempt(&db, &keys("t@example.org"), NOW + i).await.unwrap();
            assert!(taken.is_some(), "{backend}: attempt {i}");
        }
        assert!(throttle::take_attempt(&db, &keys("t@example.org"), NOW + 10).await.unwrap().is_none());
        assert!(throttle::take_attempt(&db, &keys("u@example.org"), NOW + 10).await.unwrap().is_some());
        let later = NOW + throttle::WINDOW_SECONDS + 10;
        assert!(
            throttle::take_attempt(&db, &keys("t@example.org"), later).await.unwrap().is_some(),
            "{backend}"
        );
    }
}

#[tokio::test]
async fn a_forgiven_attempt_does_not_count() {
    for (backend, db) in databases().await {
        for i in 0..20 {
            let ids = throttle::take_attempt(&db, &keys("ok@example.org"), NOW + i).await.unwrap();
            throttle::forgive(&db, &ids.expect("never throttled")).await.unwrap();
        }
        assert!(
            throttle::take_attempt(&db, &keys("ok@example.org"), NOW + 30).await.unwrap().is_some(),
            "{backend}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn parallel_attempts_cannot_exceed_the_limit() {
    for (backend, db) in databases().await {
        let attempts = (0..15).map(|_| {
            let db = db.clone();
            tokio::spawn(async move { throttle::take_attempt(&db, &keys("p@example.org"), NOW).await })
        });
        let mut allowed = 0;
        for attempt in attempts {
            if attempt.await.unwrap().unwrap().is_some() {
                allowed += 1;
            }
        }
        assert_eq!(allowed, throttle::PER_ACCOUNT, "{backend}");
    }
}

#[tokio::test]
async fn a_reset_link_is_written_only_for_a_real_account() {
    for (backend, db) in databases().await {
        db::upsert_verified_user(&db, "r@example.org", "R", HASH, NOW).await.unwrap();
        db::start_reset(&db, "nobody@example.org", NOW, link).await.unwrap();
        assert_eq!(count(&db, "SELECT COUNT(*) FROM outbox").await, 0, "{backend}");
        db::start_reset(&db, "r@example.org", NOW, link).await.unwrap();
        assert_eq!(count(&db, "SELECT COUNT(*) FROM outbox WHERE to_address = 'r@example.org'").await, 1);
        assert_eq!(count(&db, "SELECT COUNT(*) FROM email_tokens WHERE purpose = 'reset'").await, 1);
    }
}

/// A page render asks who is signed in from the page context and from
/// each server function its resources call; the answer is looked up once
/// per render (two queries each time before), and never shared between
/// renders.
#[tokio::test]
async fn a_page_render_looks_the_session_up_once() {
    use app::state::AppState;
    use leptos::prelude::{provide_context, Owner};
    use leptos::reactive::computed::ScopedFuture;

    for (backend, db) in databases().await {
        let clock = app::clock::Clock::default();
        let user =
            db::upsert_verified_user(&db, "once@example.org", "Once", HASH, clock.now()).await.unwrap();
        let token = session::start(&db, user, clock.now()).await.unwrap();
        let state = AppState {
            db: db.clone(),
            config: std::sync::Arc::new(app::config::Config::from_env().unwrap()),
            clock,
            leptos_options: leptos::config::LeptosOptions::builder().output_name("test").build(),
            directory: Default::default(),
        };
        let request = axum::http::Request::builder()
            .header(axum::http::header::COOKIE, format!("{}={token}", session::COOKIE_NAME))
            .body(())
            .unwrap()
            .into_parts()
            .0;
        let render = |memo: bool| {
            let owner = Owner::new();
            owner.with(|| {
                provide_context(request.clone());
                if memo {
                    session::provide_user_once();
                }
            });
            owner
        };
        let ask = |owner: &Owner| {
            let state = state.clone();
            owner.with(|| ScopedFuture::new(async move { session::current_user(&state).await.unwrap() }))
        };

        let page = render(true);
        assert_eq!(ask(&page).await.map(|u| u.id), Some(user), "{backend}: signed in");
        // Signed out elsewhere mid-render: this render keeps its answer,
        // as it would have had it asked once.
        session::end(&db, &token).await.unwrap();
        assert_eq!(ask(&page).await.map(|u| u.id), Some(user), "{backend}: asked again, not looked up");
        // The next render, and anything outside a render, looks again.
        assert_eq!(ask(&render(true)).await, None, "{backend}: next render");
        assert_eq!(ask(&render(false)).await, None, "{backend}: no render");
    }
}
