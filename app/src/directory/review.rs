//! Server functions for coordinators reviewing mentors' profiles.

use super::profile::{Draft, MentorCard};
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use {
    super::{db, drafts},
    crate::accounts::{session, Role},
    crate::shell::forms::{finish, form, respond},
    crate::state::app_state,
};

/// A submitted draft, with the live version it would replace.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewItem {
    pub draft: Draft,
    pub live: Option<MentorCard>,
}

#[server(endpoint = "load_review_queue")]
pub async fn load_review_queue() -> Result<Vec<ReviewItem>, AppError> {
    respond(
        async move {
            let (state, _) = session::signed_in_as(Role::Coordinator).await?;
            let waiting = drafts::submitted(&state.db).await?;
            let ids: Vec<i64> = waiting.iter().map(|d| d.user_id).collect();
            let live = db::cards(&state.db, &ids).await?;
            Ok(waiting
                .into_iter()
                .map(|draft| {
                    let live = live.iter().find(|c| c.user_id == draft.user_id).cloned();
                    ReviewItem { draft, live }
                })
                .collect())
        }
        .await,
    )
}

#[cfg(feature = "ssr")]
fn outcome(review: drafts::Review, done: &str) -> Result<String, AppError> {
    match review {
        drafts::Review::Done => Ok(done.to_string()),
        drafts::Review::NothingWaiting => Err(AppError::Refused(
            "This profile is no longer waiting for review: another coordinator may have dealt with it.".into(),
        )),
        drafts::Review::Incomplete(_) => Err(AppError::Refused(
            "This profile is missing something it needs before it can be listed. Return it with a comment saying what."
                .into(),
        )),
    }
}

pub const APPROVED: &str = "Approved. The profile is now live in the directory.";
pub const RETURNED: &str = "Returned to the mentor with your comment.";

#[server(endpoint = "approve_profile")]
pub async fn approve_profile(mentor_id: i64) -> Result<String, AppError> {
    let result = async move {
        let state = app_state();
        let coordinator = session::require_role(&state, Role::Coordinator).await?;
        let link = format!("{}/profile", state.config.public_url);
        let review = drafts::approve(&state.db, mentor_id, coordinator.id, state.clock.now(), &link).await?;
        outcome(review, APPROVED)
    }
    .await;
    finish(form::<ApproveProfile>(), &[], Some(APPROVED), result)
}

#[server(endpoint = "return_profile")]
pub async fn return_profile(mentor_id: i64, comment: String) -> Result<String, AppError> {
    let result = async {
        let (state, _) = session::signed_in_as(Role::Coordinator).await?;
        let comment = comment.trim();
        let mut v = crate::error::Validation::default();
        v.text("comment", comment);
        v.check(!comment.is_empty(), "comment", "Write a comment saying what the mentor should change.");
        v.check(comment.chars().count() <= 1000, "comment", "The comment must be 1000 characters or fewer.");
        v.finish()?;
        let link = format!("{}/profile", state.config.public_url);
        let review =
            drafts::return_to_mentor(&state.db, mentor_id, comment, state.clock.now(), &link).await?;
        outcome(review, RETURNED)
    }
    .await;
    finish(form::<ReturnProfile>(), &[("comment", &comment)], Some(RETURNED), result)
}
