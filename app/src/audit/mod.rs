//! The audit trail (`audit_events`): who did what to whose account or
//! data, when, with what outcome, for a data-protection officer. Recorded:
//! sign-ins and their failures, throttling, password changes and resets,
//! role changes, refused access, every view of a request's text or of a
//! list that shows topics, outbox reads, exports, account closure
//! (asked, withdrawn, confirmed, the erasure) and deactivation. Never the
//! content itself (no request text, passwords, tokens or email bodies).
//!
//! Kept for as long as the service runs, also when a person is erased:
//! the row then names "erased user #N". Only coordinators can read it,
//! at `/coordinator/audit`, and each search is itself recorded.

pub mod page;

#[cfg(feature = "ssr")]
pub mod db;

use serde::{Deserialize, Serialize};

/// Rows per page of the coordinators' search.
pub const PAGE_SIZE: i64 = 50;

/// The action names stored in `audit_events.action`.
pub mod action {
    pub const SIGN_IN: &str = "sign-in";
    pub const SIGN_OUT: &str = "sign-out";
    pub const REGISTER: &str = "register";
    pub const PASSWORD_CHANGE: &str = "password-change";
    pub const RESET_REQUEST: &str = "password-reset-request";
    pub const RESET: &str = "password-reset";
    pub const ROLE_GRANTED: &str = "role-granted";
    pub const ACCESS_REFUSED: &str = "access-refused";
    pub const REQUEST_VIEW: &str = "request-view";
    pub const QUEUE_VIEW: &str = "request-queue-view";
    pub const OFFERS_VIEW: &str = "offers-view";
    pub const OUTBOX_READ: &str = "outbox-read";
    pub const EXPORT: &str = "export";
    pub const CLOSURE_REQUESTED: &str = "closure-requested";
    pub const CLOSURE_WITHDRAWN: &str = "closure-withdrawn";
    pub const CLOSURE_CONFIRMED: &str = "closure-confirmed";
    pub const ERASED: &str = "erased";
    pub const DEACTIVATED: &str = "deactivated";
    pub const REACTIVATED: &str = "reactivated";
    pub const AUDIT_SEARCH: &str = "audit-search";

    /// What an action means, for the coordinators' page.
    pub fn label(action: &str) -> String {
        match action {
            SIGN_IN => "Sign-in",
            SIGN_OUT => "Sign-out",
            REGISTER => "Registration",
            PASSWORD_CHANGE => "Password change",
            RESET_REQUEST => "Password reset asked for",
            RESET => "Password reset",
            ROLE_GRANTED => "Role granted",
            ACCESS_REFUSED => "Access refused",
            REQUEST_VIEW => "Request text viewed",
            QUEUE_VIEW => "Request queue viewed (topics)",
            OFFERS_VIEW => "Offers viewed (topics)",
            OUTBOX_READ => "Email outbox read",
            EXPORT => "Personal data exported",
            CLOSURE_REQUESTED => "Account closure asked for",
            CLOSURE_WITHDRAWN => "Account closure withdrawn",
            CLOSURE_CONFIRMED => "Account closure confirmed",
            ERASED => "Account erased",
            DEACTIVATED => "Account deactivated",
            REACTIVATED => "Account reactivated",
            AUDIT_SEARCH => "Audit trail searched",
            other => other,
        }
        .to_string()
    }
}

/// The outcomes stored in `audit_events.outcome`.
pub mod outcome {
    pub const OK: &str = "ok";
    pub const WRONG_PASSWORD: &str = "wrong-password";
    pub const UNKNOWN_ACCOUNT: &str = "unknown-account";
    pub const THROTTLED: &str = "throttled";
    pub const UNCONFIRMED: &str = "unconfirmed-email";
    pub const DEACTIVATED: &str = "account-deactivated";
    pub const REFUSED: &str = "refused";
    pub const LINK_DEAD: &str = "link-expired-or-used";
}

/// One event as coordinators see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditRow {
    pub id: i64,
    pub at: String,
    pub actor: String,
    pub subject: String,
    pub action: String,
    pub outcome: String,
    pub client_address: String,
}

/// One page of a search and how many events matched in all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditPage {
    pub rows: Vec<AuditRow>,
    pub total: i64,
    pub page: i64,
}
