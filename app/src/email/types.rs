use serde::{Deserialize, Serialize};

/// An email as the coordinators' outbox page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxEmail {
    pub id: i64,
    pub to: String,
    pub subject: String,
    pub body: String,
    pub created_at: i64,
    pub sent: bool,
    pub attempts: i64,
}
