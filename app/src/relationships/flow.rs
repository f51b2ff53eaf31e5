//! Ending a relationship as one transaction: the state change and its
//! history row, then every session still to come cancelled the way a
//! single cancellation is (both told, calendar invitations withdrawn).
//! The mentor's free place and the mentee's freedom to ask again follow
//! from the state, since both are counted from it.

use super::db::{self, ChangedBy, NotChanged};
use super::lifecycle::{Actor, EndReason, Event};
use crate::db::Db;
use crate::error::AppError;
use crate::sessions::booking::{cancel_upcoming, Context};

/// The reason stored on each cancelled session, which the other person
/// sees on their sessions page. Never the note.
pub const SESSION_CANCEL_REASON: &str = "The mentoring relationship has ended.";

/// The role `user_id` has in relationship `r`, or `None` if they have
/// none (then they are told it does not exist).
pub fn actor_for(r: &db::StoredRelationship, user_id: i64, coordinator: bool) -> Option<Actor> {
    if r.mentee_id == user_id {
        Some(Actor::Mentee)
    } else if r.mentor_id == user_id {
        Some(Actor::Mentor)
    } else if coordinator {
        Some(Actor::Coordinator)
    } else {
        None
    }
}

/// Ends relationship `id` for `user_id`. Returns how many sessions were
/// cancelled.
pub async fn end(
    db: &Db,
    c: &Context<'_>,
    id: i64,
    user_id: i64,
    coordinator: bool,
    reason: EndReason,
    note: &str,
) -> Result<usize, AppError> {
    let mut tx = db.begin_write().await?;
    let relationship = db::by_id(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    let actor = actor_for(&relationship, user_id, coordinator).ok_or(AppError::NotFound)?;
    let by = ChangedBy { actor, user_id: Some(user_id) };
    db::change(&mut tx, &relationship, Event::End { reason }, by, note, c.now)
        .await?
        .map_err(|why: NotChanged| AppError::Refused(why.message().into()))?;
    let cancelled = cancel_upcoming(&mut tx, c, id, user_id, SESSION_CANCEL_REASON).await?;
    tx.commit().await?;
    Ok(cancelled)
}
