//! Time as the application sees it. Instants are unix seconds (UTC).
//!
//! `MENTORWELL_CLOCK_OFFSET_SECONDS` shifts the clock for tests that need to
//! jump ahead (token expiry, reminders) without sleeping.

use std::time::{SystemTime, UNIX_EPOCH};

#[derive(Clone, Copy, Debug, Default)]
pub struct Clock {
    offset_seconds: i64,
}

impl Clock {
    pub fn from_env() -> Self {
        let offset_seconds =
            std::env::var("MENTORWELL_CLOCK_OFFSET_SECONDS").ok().and_then(|v| v.parse().ok()).unwrap_or(0);
        Clock { offset_seconds }
    }

    pub fn now(&self) -> i64 {
        let since_epoch =
            SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0);
        since_epoch + self.offset_seconds
    }
}
