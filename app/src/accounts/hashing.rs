//! Password hashing with Argon2id at OWASP's recommended cost
//! (19 MiB memory, 2 passes, 1 lane). Runs off the async threads, at most
//! one hash per core at a time: a burst of sign-ups or sign-ins waits its
//! turn instead of taking 19 MiB each at once.

use argon2::password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use std::sync::{Arc, OnceLock};
use std::time::Duration;
use tokio::sync::Semaphore;

/// How long a request waits for its turn before it is told to come back.
const LONGEST_WAIT: Duration = Duration::from_secs(10);

/// Every hashing slot was taken for longer than [`LONGEST_WAIT`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Busy;

impl From<Busy> for crate::error::AppError {
    fn from(_: Busy) -> Self {
        crate::error::AppError::Busy
    }
}

fn slots() -> Arc<Semaphore> {
    static SLOTS: OnceLock<Arc<Semaphore>> = OnceLock::new();
    SLOTS
        .get_or_init(|| Arc::new(Semaphore::new(std::thread::available_parallelism().map_or(2, |n| n.get()))))
        .clone()
}

/// Runs `work` on the blocking pool once a slot is free. The slot goes with
/// the work, so a request abandoned mid-hash still holds it until done.
async fn in_turn<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> Result<T, Busy> {
    let slot = match tokio::time::timeout(LONGEST_WAIT, slots().acquire_owned()).await {
        Ok(Ok(slot)) => slot,
        _ => return Err(Busy),
    };
    let done = tokio::task::spawn_blocking(move || {
        let _slot = slot;
        work()
    });
    Ok(done.await.expect("hashing task panicked"))
}

fn hasher() -> Argon2<'static> {
    let params = Params::new(19 * 1024, 2, 1, None).expect("valid argon2 parameters");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

pub async fn hash_password(password: String) -> Result<String, Busy> {
    in_turn(move || {
        let salt = SaltString::generate(&mut OsRng);
        hasher()
            .hash_password(password.as_bytes(), &salt)
            .expect("argon2 hashing cannot fail with valid parameters")
            .to_string()
    })
    .await
}

/// Checks a password against a stored hash. With no stored hash (unknown
/// email) it still does the work, so timing does not reveal who has an account.
pub async fn verify_password(password: String, stored: Option<String>) -> Result<bool, Busy> {
    in_turn(move || {
        let stored = stored.unwrap_or_else(|| DUMMY_HASH.to_string());
        let Ok(parsed) = PasswordHash::new(&stored) else { return false };
        hasher().verify_password(password.as_bytes(), &parsed).is_ok() && stored != DUMMY_HASH
    })
    .await
}

// A real Argon2id hash of a random string nobody knows, at the same cost.
const DUMMY_HASH: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$4vC2fFQtK4oKjJ1Ex7yoHaqf/qsQ3FKoLJ8rWQFaJ7Q";

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_hash_verifies_only_its_own_password() {
        let hash = hash_password("correct horse battery".into()).await.unwrap();
        assert!(hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        assert_eq!(verify_password("correct horse battery".into(), Some(hash.clone())).await, Ok(true));
        assert_eq!(verify_password("wrong horse battery".into(), Some(hash)).await, Ok(false));
    }

    #[tokio::test]
    async fn an_unknown_account_never_verifies() {
        assert_eq!(verify_password("anything at all".into(), None).await, Ok(false));
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn no_more_hashes_run_at_once_than_there_are_slots() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        static RUNNING: AtomicUsize = AtomicUsize::new(0);
        static MOST: AtomicUsize = AtomicUsize::new(0);
        let tasks: Vec<_> = (0..12)
            .map(|_| {
                tokio::spawn(in_turn(|| {
                    let now = RUNNING.fetch_add(1, Ordering::SeqCst) + 1;
                    MOST.fetch_max(now, Ordering::SeqCst);
                    std::thread::sleep(Duration::from_millis(20));
                    RUNNING.fetch_sub(1, Ordering::SeqCst);
                }))
            })
            .collect();
        for task in tasks {
            task.await.unwrap().unwrap();
        }
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        assert!(MOST.load(Ordering::SeqCst) <= cores, "at most {cores} at once");
        assert!(MOST.load(Ordering::SeqCst) >= 1);
    }
}
