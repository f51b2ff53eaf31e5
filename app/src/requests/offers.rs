//! Mentors' server functions: the offers waiting for an answer and the
//! mentees they have, and answering an offer.

use super::views::MentorDesk;
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    super::{audit, db, flow, present},
    crate::accounts::{session, Role},
    crate::shell::forms::{finish, form, respond},
    crate::state::app_state,
};

#[server(endpoint = "load_offers")]
pub async fn load_offers() -> Result<MentorDesk, AppError> {
    respond(
        async move {
            let state = app_state();
            let mentor = session::require_role(&state, Role::Mentor).await?;
            let now = state.clock.now();
            // Offers show the topics mentees asked about: recorded.
            let (view, ok) = (crate::audit::action::OFFERS_VIEW, crate::audit::outcome::OK);
            crate::audit::db::record(&state, Some(mentor.id), None, view, ok).await?;
            let mut desk = MentorDesk { offers: vec![], mentees: vec![], capacity: 0 };
            let mut conn = state.db.pool().acquire().await?;
            let under_way = crate::relationships::db::under_way_for_mentor(&mut conn, mentor.id).await?;
            drop(conn);
            for request in db::for_mentor(&state.db, mentor.id).await? {
                // A relationship that has ended is no longer one of their mentees.
                let matched = matches!(request.state, super::lifecycle::RequestState::Active { .. });
                if matched && !under_way.contains(&request.id) {
                    continue;
                }
                let offer = present::offer(&state.db, &request).await?;
                if offer.shared.is_some() {
                    audit::record_view(&state.db, request.id, mentor.id, Role::Mentor.as_str(), now).await?;
                }
                if offer.active {
                    desk.mentees.push(offer);
                } else {
                    desk.offers.push(offer);
                }
            }
            desk.capacity = crate::directory::db::capacity_of(&state.db, mentor.id).await?;
            Ok(desk)
        }
        .await,
    )
}

pub const ACCEPTED: &str = "Thank you. You are now this person's mentor; they have an email saying so.";
pub const DECLINED: &str = "You declined this offer. A coordinator will find another mentor.";

/// `answer` is "accept" or "decline". A decline's reason goes to the
/// coordinators only, never to the mentee.
#[server(endpoint = "answer_offer")]
pub async fn answer_offer(
    request_id: i64,
    answer: String,
    reason: Option<String>,
) -> Result<String, AppError> {
    let accept = answer == "accept";
    let reason = reason.unwrap_or_default();
    let result = async {
        let state = app_state();
        let mentor = session::require_role(&state, Role::Mentor).await?;
        if answer != "accept" && answer != "decline" {
            return Err(AppError::Refused("Choose to accept or decline.".into()));
        }
        let reason = reason.trim();
        let mut v = crate::error::Validation::default();
        v.text("reason", reason);
        v.check(reason.chars().count() <= 1000, "reason", "The reason must be 1000 characters or fewer.");
        v.finish()?;
        flow::answer(&state.db, request_id, mentor.id, accept, reason, &flow::Settings::of(&state)).await?;
        Ok(if accept { ACCEPTED } else { DECLINED }.to_string())
    }
    .await;
    finish(
        form::<AnswerOffer>(),
        &[("reason", &reason)],
        Some(if accept { ACCEPTED } else { DECLINED }),
        result,
    )
}
