//! Ending a relationship as one transaction: the state change and its
//! history row, then every session still to come cancelled the way a
//! single cancellation is (both told, calendar invitations withdrawn).
//! A person and the service (at the agreed end) end it the same way.
//! The mentor's free place and the mentee's freedom to ask again follow
//! from the state, since both are counted from it. Agreeing the
//! agreement is one transaction too, moving it to active once both have.

use super::agreement::Agreement;
use super::agreement_db;
use super::db::{self, ChangedBy, NotChanged};
use super::lifecycle::{Actor, EndReason, Event, Refusal, RelationshipState};
use crate::db::Db;
use crate::email::subjects::{send, Subject};
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

/// Relationship `id` and the role `user_id` has in it, for what only the
/// pair may see (goals, notes, actions): coordinators and everyone else
/// are told it does not exist.
pub async fn of_the_pair(
    conn: &mut sqlx::AnyConnection,
    id: i64,
    user_id: i64,
) -> Result<(db::StoredRelationship, Actor), AppError> {
    let r = db::by_id(conn, id).await?.ok_or(AppError::NotFound)?;
    match actor_for(&r, user_id, false) {
        Some(actor) => Ok((r, actor)),
        None => Err(AppError::NotFound),
    }
}

/// Ends relationship `id` for `user_id`. Returns how many sessions were
/// cancelled.
pub async fn end(
    database: &Db,
    c: &Context<'_>,
    id: i64,
    user_id: i64,
    coordinator: bool,
    reason: EndReason,
    note: &str,
) -> Result<usize, AppError> {
    let by = |r: &db::StoredRelationship| {
        actor_for(r, user_id, coordinator).map(|actor| ChangedBy { actor, user_id: Some(user_id) })
    };
    end_by(database, c, id, by, reason, note).await
}

/// The service ends relationship `id` because its agreed time is up, the
/// same way a person would: sessions still to come are cancelled and both
/// told. Ending one already ended is refused, as it is for a person.
pub async fn end_as_service(database: &Db, c: &Context<'_>, id: i64) -> Result<usize, AppError> {
    let by = |_: &db::StoredRelationship| Some(ChangedBy { actor: Actor::System, user_id: None });
    end_by(database, c, id, by, EndReason::TimeUp, "").await
}

/// The one ending path: `by` says who is acting on the relationship as
/// read, or `None` when they have no part in it.
async fn end_by(
    database: &Db,
    c: &Context<'_>,
    id: i64,
    by: impl Fn(&db::StoredRelationship) -> Option<ChangedBy>,
    reason: EndReason,
    note: &str,
) -> Result<usize, AppError> {
    let mut tx = database.begin_write().await?;
    // The pair agreeing at the same moment moves the relationship on under
    // us (agreeing to active); ending still applies, so read it again.
    let mut ended = None;
    for attempt in 0.. {
        let relationship = db::by_id(&mut tx, id).await?.ok_or(AppError::NotFound)?;
        let who = by(&relationship).ok_or(AppError::NotFound)?;
        match db::change(&mut tx, &relationship, Event::End { reason }, who, note, c.now).await? {
            Ok(_) => {
                ended = Some((relationship, who));
                break;
            }
            Err(NotChanged::Moved) if attempt < 2 => continue,
            Err(why) => return Err(AppError::Refused(why.message().into())),
        }
    }
    let (relationship, who) = ended.ok_or(AppError::Internal)?;
    let cancelled = cancel_upcoming(&mut tx, c, id, who.user_id, SESSION_CANCEL_REASON).await?;
    if who.actor == Actor::System {
        // Nobody of the pair chose this moment, so both are told.
        let (mentor, mentee) =
            super::attention_db::emails(&mut tx, relationship.mentor_id, relationship.mentee_id).await?;
        let body = super::ending::closed_email(c.public_url, id);
        send(&mut tx, &[mentor, mentee], Subject::ClosedAsAgreed, &body, c.now).await?;
    }
    tx.commit().await?;
    Ok(cancelled)
}

/// What a person is told when someone changed the agreement since they
/// opened it. What they typed stays in the form.
pub const AGREEMENT_STALE: &str = "The other person changed the agreement while you were editing it, so \
yours was not saved. What you typed is kept below: look at the agreement as it is now, then save again.";

/// Records `user_id` agreeing `agreement`, based on the version they saw:
/// a new version if they changed it, and the relationship active once both
/// have agreed the same version. Refused once the relationship has ended.
/// A change emails the other of the pair a link to look at it (nothing of
/// what it says).
pub async fn agree(
    database: &Db,
    c: &Context<'_>,
    id: i64,
    user_id: i64,
    coordinator: bool,
    based_on: i64,
    agreement: &Agreement,
) -> Result<agreement_db::Saved, AppError> {
    let now = c.now;
    let refused = |why: &str| AppError::Refused(why.into());
    let mut tx = database.begin_write().await?;
    let relationship = db::by_id(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    let actor = actor_for(&relationship, user_id, coordinator).ok_or(AppError::NotFound)?;
    if !matches!(actor, Actor::Mentee | Actor::Mentor) {
        return Err(refused(Refusal::NotYours.message()));
    }
    if !agreement_db::hold_under_way(&mut tx, id, now).await? {
        return Err(refused(
            Refusal::NotNow { state: RelationshipState::Ended, event: Event::Agreed }.message(),
        ));
    }
    let by = ChangedBy { actor, user_id: Some(user_id) };
    let saved = agreement_db::save(&mut tx, id, by, based_on, agreement, now)
        .await?
        .ok_or_else(|| refused(AGREEMENT_STALE))?;
    if saved.both {
        let current = db::by_id(&mut tx, id).await?.ok_or(AppError::Internal)?;
        if current.state == RelationshipState::Agreeing {
            db::change(&mut tx, &current, Event::Agreed, by, "", now)
                .await?
                .map_err(|why| refused(why.message()))?;
        }
    }
    if saved.changed && !saved.both {
        let other = if actor == Actor::Mentee { relationship.mentor_id } else { relationship.mentee_id };
        if let Some(to) = crate::requests::db::email_of(&mut tx, other).await? {
            let body = agreement_changed_email(c.public_url, id);
            send(&mut tx, &[to], Subject::AgreementChanged, &body, now).await?;
        }
    }
    tx.commit().await?;
    Ok(saved)
}

/// The email asking the other of the pair to look at a changed
/// agreement: a link only, never what changed.
pub fn agreement_changed_email(public_url: &str, id: i64) -> String {
    format!(
        "Hello,\n\nThere is a change for you to look at and agree, or change in turn:\n\n\
         {public_url}/mentoring/{id}\n"
    )
}

/// What the person agreeing is told; `other` is "your mentor" or "your
/// mentee".
pub fn agreed_message(saved: agreement_db::Saved, other: &str) -> String {
    if saved.both {
        "You have both agreed. Your agreement is in place.".to_string()
    } else if saved.changed {
        format!(
            "Your changes are saved and you have agreed to them. We have asked {other} to agree to them too."
        )
    } else {
        format!("You have agreed. We have asked {other} to agree too.")
    }
}
