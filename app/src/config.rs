//! Settings from environment variables; every one has a default that works
//! on a laptop with nothing set up (see `.env.example`).

mod smtp;

pub use smtp::{smtp_settings, SmtpSettings, SmtpTls};

use std::env;
use std::path::PathBuf;

#[derive(Clone, Debug)]
pub struct Config {
    /// `sqlite://…` or `postgres://…` (TLS through its `sslmode`).
    pub database_url: String,
    /// The address people use to reach the site, for links in emails.
    pub public_url: String,
    /// Send `Secure` cookies (set when served over https).
    pub secure_cookies: bool,
    /// When absent, email waits in the outbox for coordinators to read.
    pub smtp: Option<SmtpSettings>,
    pub mail_from: String,
    /// Behind a load balancer: take the client address from X-Forwarded-For.
    pub trust_proxy: bool,
    /// Load demo accounts and content into an empty database. Off unless
    /// `MENTORWELL_DEMO_DATA=1`; refused on an https site.
    pub demo_data: bool,
    /// Days the text of an email is kept after it was sent (or queued, when
    /// no mail server takes it); after that only who, what and when remain.
    pub email_keep_days: i64,
    /// Days a mentor has to answer an offer before it lapses; they are
    /// reminded half way.
    pub offer_days: i64,
    /// The largest file a coordinator may upload to the resources library.
    pub upload_max_bytes: u64,
    /// Years an accreditation lasts before a refresher is due.
    pub refresher_years: i64,
    /// Hours before a session after which only the mentor may move or
    /// cancel it.
    pub session_cutoff_hours: i64,
    /// Days without a session held or booked after which a relationship
    /// counts as gone quiet: the pair are nudged once, coordinators see it.
    pub quiet_days: i64,
    /// Days after the agreed end (the end date, or the day the agreed
    /// number of sessions was reached) before the service closes the
    /// relationship as "the agreed time is up".
    pub end_grace_days: i64,
    /// How many mentees a year the service asks of each mentor, shown on
    /// the mentor's record.
    pub mentees_per_year: i64,
    /// Days after a request was withdrawn or lapsed that its text is kept.
    pub request_text_keep_days: i64,
    /// Days after a relationship ended that what the pair wrote is kept.
    pub notes_keep_days: i64,
    /// Days after a relationship ended that the pair are asked the
    /// outcome questions again (the six-month follow-up).
    pub follow_up_days: i64,
}

impl Config {
    /// Fails, saying which setting is wrong, when a setting would be unsafe
    /// or cannot be read: better not to start than to run unlike asked.
    pub fn from_env() -> Result<Self, String> {
        let data_dir = PathBuf::from(var_or("MENTORWELL_DATA_DIR", "data"));
        let database_url = env::var("DATABASE_URL")
            .unwrap_or_else(|_| format!("sqlite://{}?mode=rwc", data_dir.join("mentorwell.db").display()));
        let smtp = smtp_settings(|name| env::var(name).ok())?;
        let public_url = var_or("MENTORWELL_PUBLIC_URL", "http://127.0.0.1:3000");
        Ok(Config {
            database_url,
            secure_cookies: public_url.starts_with("https://"),
            public_url,
            smtp,
            mail_from: var_or("MAIL_FROM", "Mentorwell <no-reply@mentorwell.invalid>"),
            trust_proxy: var_or("MENTORWELL_TRUST_PROXY", "0") == "1",
            demo_data: var_or("MENTORWELL_DEMO_DATA", "0") == "1",
            email_keep_days: number_or("MENTORWELL_EMAIL_KEEP_DAYS", 30, |d| d > 0),
            offer_days: number_or("MENTORWELL_OFFER_DAYS", 7, |d| d > 0),
            upload_max_bytes: number_or("MENTORWELL_UPLOAD_MAX_KB", 10240_u64, |kb| kb > 0) * 1024,
            refresher_years: number_or("MENTORWELL_REFRESHER_YEARS", 3, |y| y > 0),
            session_cutoff_hours: number_or("MENTORWELL_SESSION_CUTOFF_HOURS", 24, |h| h >= 0),
            quiet_days: number_or("MENTORWELL_QUIET_DAYS", 42, |d| d > 0),
            end_grace_days: number_or("MENTORWELL_END_GRACE_DAYS", 14, |d| d >= 0),
            mentees_per_year: number_or("MENTORWELL_MENTEES_PER_YEAR", 2, |n| n > 0),
            request_text_keep_days: number_or("MENTORWELL_REQUEST_TEXT_KEEP_DAYS", 365, |d| d > 0),
            notes_keep_days: number_or("MENTORWELL_NOTES_KEEP_DAYS", 730, |d| d > 0),
            follow_up_days: number_or("MENTORWELL_FOLLOW_UP_DAYS", 182, |d| d > 0),
        })
    }

    /// The directory that holds the SQLite file, if the database is SQLite.
    pub fn sqlite_dir(&self) -> Option<PathBuf> {
        let path = self.database_url.strip_prefix("sqlite://")?;
        let path = path.split('?').next().unwrap_or(path);
        PathBuf::from(path).parent().map(|p| p.to_path_buf())
    }
}

/// A number setting, or `default` when it is unset, unreadable or not `allowed`.
fn number_or<T: std::str::FromStr + Copy>(name: &str, default: T, allowed: impl Fn(T) -> bool) -> T {
    env::var(name).ok().and_then(|v| v.parse().ok()).filter(|n| allowed(*n)).unwrap_or(default)
}

fn var_or(name: &str, default: &str) -> String {
    env::var(name).unwrap_or_else(|_| default.to_string())
}
