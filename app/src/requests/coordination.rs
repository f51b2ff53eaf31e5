//! Coordinators' server functions: the queue, one request with its
//! suggestions and history, and approving a match. Also the one address
//! that shows a request by id to whoever may see it.

use super::views::{RequestQueue, RequestView};
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    super::{audit, db, flow, lifecycle::RequestState, present},
    crate::accounts::{session, Role},
    crate::shell::forms::{finish, form, respond},
    crate::state::app_state,
};

/// How many matched requests the queue shows.
#[cfg(feature = "ssr")]
const RECENT_MATCHES: usize = 20;

#[server(endpoint = "load_request_queue")]
pub async fn load_request_queue() -> Result<RequestQueue, AppError> {
    respond(
        async move {
            let state = app_state();
            let coordinator = session::require_role(&state, Role::Coordinator).await?;
            let now = state.clock.now();
            // The queue shows every waiting person's topics: recorded.
            let (view, ok) = (crate::audit::action::QUEUE_VIEW, crate::audit::outcome::OK);
            crate::audit::db::record(&state, Some(coordinator.id), None, view, ok).await?;
            let to_decide = db::in_states(&state.db, &["submitted", "proposed", "expired"]).await?;
            let offered = db::in_states(&state.db, &["offered"]).await?;
            let mut matched = db::in_states(&state.db, &["active"]).await?;
            matched.sort_by_key(|r| std::cmp::Reverse(r.id));
            matched.truncate(RECENT_MATCHES);
            Ok(RequestQueue {
                to_decide: present::queue_items(&state.db, &to_decide, now).await?,
                offered: present::queue_items(&state.db, &offered, now).await?,
                matched: present::queue_items(&state.db, &matched, now).await?,
            })
        }
        .await,
    )
}

/// A request by id: coordinators see all of it; its mentee and the mentor
/// it is offered to or matched with see their own views. Anyone else is
/// told it does not exist. Every view is recorded.
#[server(endpoint = "load_request")]
pub async fn load_request(request_id: i64) -> Result<RequestView, AppError> {
    respond(
        async move {
            let state = app_state();
            let viewer = session::require_user(&state).await?;
            let s = flow::Settings::of(&state);
            let mut conn = state.db.pool().acquire().await?;
            let request = db::by_id(&mut conn, request_id).await?.ok_or(AppError::NotFound)?;
            drop(conn);
            let offered_or_matched = matches!(request.state, RequestState::Offered { mentor_id } | RequestState::Active { mentor_id } if mentor_id == viewer.id);
            let (role, view) = if viewer.has(Role::Coordinator) {
                let detail = present::detail(&state.db, request, &s.today, s.now).await?;
                (Role::Coordinator, RequestView::Coordinator(Box::new(detail)))
            } else if request.mentee_id == viewer.id {
                (Role::Mentee, RequestView::Mentee(Box::new(present::my_request(&state.db, request).await?)))
            } else if offered_or_matched {
                (Role::Mentor, RequestView::Mentor(Box::new(present::offer(&state.db, &request).await?)))
            } else {
                return Err(AppError::NotFound);
            };
            audit::record_view(&state.db, request_id, viewer.id, role.as_str(), s.now).await?;
            Ok(view)
        }
        .await,
    )
}

pub const OFFERED: &str = "Approved. The mentor has been asked and has an email about it.";

/// Offers the request to `mentor_id`. Choosing someone other than the
/// proposed mentor needs a reason, kept in the request's history.
#[server(endpoint = "approve_match")]
pub async fn approve_match(
    request_id: i64,
    mentor_id: i64,
    reason: Option<String>,
) -> Result<String, AppError> {
    let reason = reason.unwrap_or_default();
    let result = async {
        let state = app_state();
        let coordinator = session::require_role(&state, Role::Coordinator).await?;
        let reason = reason.trim();
        let mut v = crate::error::Validation::default();
        v.text("reason", reason);
        v.check(reason.chars().count() <= 1000, "reason", "The reason must be 1000 characters or fewer.");
        v.finish()?;
        flow::approve(&state.db, request_id, mentor_id, coordinator.id, reason, &flow::Settings::of(&state))
            .await?;
        Ok(OFFERED.to_string())
    }
    .await;
    finish(form::<ApproveMatch>(), &[("reason", &reason)], Some(OFFERED), result)
}
