//! What each signed-in person should see next on their home page, as it
//! crosses to the browser: plain text and links only, worked out on the
//! server from one query per card (see `db`).

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use crate::{accounts::session, shell::forms::respond, state::app_state};

/// The person's own request while it is open.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestNext {
    pub draft: bool,
    /// Where it stands, in the mentee's words.
    pub status: String,
}

/// A relationship under way, from one side.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PairNext {
    pub relationship_id: i64,
    pub with_name: String,
    /// "Tuesday 1 December 2026, 18:00 GMT", in the person's time zone.
    pub next_session: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MentorNext {
    pub offers_waiting: i64,
    pub has_availability: bool,
    /// What the listing rule says, in the mentor's words.
    pub listing: String,
    pub listed: bool,
    pub refresher_due_on: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CourseNext {
    pub id: i64,
    pub title: String,
    pub starts_on: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CoordinatorNext {
    pub requests_waiting: i64,
    pub priority_waiting: i64,
    /// Offers whose mentor has under two days left to answer.
    pub offers_lapsing: i64,
    pub profiles_waiting: i64,
    pub quiet_relationships: i64,
    pub courses: Vec<CourseNext>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NextSteps {
    pub request: Option<RequestNext>,
    /// Relationships where the person is the mentee.
    pub mentors: Vec<PairNext>,
    /// Relationships where the person is the mentor.
    pub mentees: Vec<PairNext>,
    pub mentor: Option<MentorNext>,
    pub coordinator: Option<CoordinatorNext>,
}

impl NextSteps {
    /// Nothing under way: no request, no mentor, not a mentor.
    pub fn is_new(&self) -> bool {
        self.request.is_none() && self.mentors.is_empty() && self.mentor.is_none()
    }
}

#[server(endpoint = "load_next_steps")]
pub async fn load_next_steps() -> Result<NextSteps, AppError> {
    // Context first, before any await: a page whose request is gone must
    // not look it up later.
    let state = app_state();
    respond(
        async move {
            let user = session::require_user(&state).await?;
            let now = state.clock.now();
            Ok(super::db::next_steps(&state.db, &user, now, state.config.quiet_days).await?)
        }
        .await,
    )
}
