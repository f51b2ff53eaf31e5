//! Server functions for relationships: the relationship's page, the links
//! to it from other pages, agreeing the agreement, and ending it.
//! Coordinators see dates, state and counts (and the note left on ending),
//! never what the pair wrote.

use super::agreement::AgreementFields;
use super::views::{RelationshipLink, RelationshipView};
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    super::{
        agreement_db, db, flow,
        lifecycle::{Actor, EndReason},
        views::Viewer,
    },
    crate::accounts::{session, Role},
    crate::dates::date_of,
    crate::shell::forms::{finish, finish_saying, form, respond},
    crate::state::app_state,
};

/// Relationship `id` as its viewer may see it; anyone not of the pair (and
/// not a coordinator) is told it does not exist, as for a missing id.
#[server(endpoint = "load_relationship")]
pub async fn load_relationship(id: i64) -> Result<RelationshipView, AppError> {
    respond(
        async move {
            let state = app_state();
            let viewer = session::require_user(&state).await?;
            let mut conn = state.db.pool().acquire().await?;
            let r = db::by_id(&mut conn, id).await?.ok_or(AppError::NotFound)?;
            let actor =
                flow::actor_for(&r, viewer.id, viewer.has(Role::Coordinator)).ok_or(AppError::NotFound)?;
            let names = crate::requests::db::names(&state.db, &[r.mentor_id, r.mentee_id]).await?;
            let name =
                |id: i64| names.iter().find(|(i, _)| *i == id).map(|(_, n)| n.clone()).unwrap_or_default();
            let (held, booked) = crate::sessions::db::counts_of(&state.db, id).await?;
            let ended_by = match db::ended_by(&mut conn, id).await? {
                Some((_, role)) if role == "mentee" => Some("the mentee".to_string()),
                Some((_, role)) if role == "mentor" => Some("the mentor".to_string()),
                Some((_, role)) if role == Actor::System.role() => Some("the service".to_string()),
                Some(_) => Some("a coordinator".to_string()),
                None => None,
            };
            let agreement = agreement_db::view_of(&mut conn, &r, actor).await?;
            let end_note = match actor {
                Actor::Coordinator => db::end_note(&mut conn, id).await?.filter(|n| !n.is_empty()),
                _ => None,
            };
            let end_prompt = match actor {
                Actor::Mentee | Actor::Mentor if r.state.is_under_way() => {
                    let grace_days = state.config.end_grace_days;
                    super::ending_db::prompt(&mut conn, id, state.clock.now(), grace_days).await?
                }
                _ => None,
            };
            let can_meet = match actor {
                Actor::Mentee | Actor::Mentor if r.state.is_under_way() => {
                    let (days, times) = crate::requests::times_db::of(&mut conn, id).await?;
                    Some(crate::requests::overlap::said(&days, &times))
                }
                _ => None,
            };
            Ok(RelationshipView {
                id,
                viewer: Viewer::of(actor),
                state: r.state,
                mentor_name: name(r.mentor_id),
                mentee_name: name(r.mentee_id),
                started_on: date_of(r.started_at),
                ended_on: r.ended_at.map(date_of),
                end_reason: r.end_reason.map(|reason| reason.label().to_string()),
                ended_by,
                end_note,
                sessions_held: held,
                sessions_booked: booked,
                agreement,
                end_prompt,
                can_meet,
            })
        }
        .await,
    )
}

/// The signed-in person's relationships, either side, newest first.
#[server(endpoint = "my_relationships")]
pub async fn my_relationships() -> Result<Vec<RelationshipLink>, AppError> {
    respond(
        async move {
            let state = app_state();
            let viewer = session::require_user(&state).await?;
            let mut conn = state.db.pool().acquire().await?;
            let mine = db::of_person(&mut conn, viewer.id).await?;
            let others: Vec<i64> = mine
                .iter()
                .map(|r| if r.mentor_id == viewer.id { r.mentee_id } else { r.mentor_id })
                .collect();
            let names = crate::requests::db::names(&state.db, &others).await?;
            let mut to_agree = Vec::with_capacity(mine.len());
            for r in &mine {
                let actor = if r.mentor_id == viewer.id { Actor::Mentor } else { Actor::Mentee };
                let stored = agreement_db::of(&mut conn, r.id).await?;
                to_agree.push(agreement_db::to_agree(r, stored.as_ref(), actor));
            }
            Ok(mine
                .into_iter()
                .zip(others)
                .zip(to_agree)
                .map(|((r, other), to_agree)| RelationshipLink {
                    id: r.id,
                    with_name: names
                        .iter()
                        .find(|(i, _)| *i == other)
                        .map(|(_, n)| n.clone())
                        .unwrap_or_default(),
                    i_am_mentor: r.mentor_id == viewer.id,
                    state: r.state,
                    started_on: date_of(r.started_at),
                    to_agree,
                })
                .collect())
        }
        .await,
    )
}

/// Agrees the relationship's agreement as the form shows it, changed or
/// not, based on the `version` the form was opened at. A change makes a
/// new version that the other person is asked to agree. The
/// protected-time fields are the mentee's only.
#[server(endpoint = "agree_to_agreement")]
pub async fn agree_to_agreement(
    id: i64,
    version: i64,
    #[server(flatten)] typed: AgreementFields,
) -> Result<String, AppError> {
    let result = async {
        let (state, user) = session::signed_in().await?;
        let c = crate::sessions::booking::Context::of(&state);
        let agreement = typed.clone().tidy().check(&date_of(c.now)).map_err(AppError::Invalid)?;
        let coordinator = user.has(Role::Coordinator);
        let saved = flow::agree(&state.db, &c, id, user.id, coordinator, version, &agreement).await?;
        let mut conn = state.db.pool().acquire().await?;
        let r = db::by_id(&mut conn, id).await?.ok_or(AppError::Internal)?;
        let other = if r.mentor_id == user.id { "your mentee" } else { "your mentor" };
        Ok(flow::agreed_message(saved, other))
    }
    .await;
    let t = &typed;
    finish_saying(
        form::<AgreeToAgreement>(),
        &[
            ("frequency", &t.frequency),
            ("length", &t.length),
            ("sessions", &t.sessions),
            ("ends_on", &t.ends_on),
            ("meeting", &t.meeting),
            ("contact", &t.contact),
            ("hopes", &t.hopes),
            ("protected_time", &t.protected_time),
            ("protected_on", &t.protected_on),
        ],
        result,
    )
}

pub const NOTE_MAX: usize = 1000;

/// Ends relationship `id` with a `reason` from the list and an optional
/// `note` that only coordinators will read.
#[server(endpoint = "end_relationship")]
pub async fn end_relationship(
    id: i64,
    reason: Option<String>,
    note: Option<String>,
) -> Result<String, AppError> {
    let reason_key = reason.unwrap_or_default();
    let note = note.unwrap_or_default();
    let result = async {
        let (state, user) = session::signed_in().await?;
        let note = note.trim();
        let reason = EndReason::from_key(&reason_key);
        let mut v = crate::error::Validation::default();
        v.check(reason.is_some(), "reason", "Choose why the mentoring is ending.");
        v.text("note", note);
        v.check(
            note.chars().count() <= NOTE_MAX,
            "note",
            &format!("Keep the note to {NOTE_MAX} characters."),
        );
        v.finish()?;
        let c = crate::sessions::booking::Context::of(&state);
        let reason = reason.ok_or(AppError::Internal)?;
        let cancelled =
            flow::end(&state.db, &c, id, user.id, user.has(Role::Coordinator), reason, note).await?;
        Ok(ended_message(cancelled))
    }
    .await;
    let message = result.as_ref().ok().cloned();
    finish(form::<EndRelationship>(), &[("reason", &reason_key), ("note", &note)], message.as_deref(), result)
}

/// What the person ending it is told.
pub fn ended_message(cancelled: usize) -> String {
    match cancelled {
        0 => "The mentoring relationship has ended.".to_string(),
        1 => {
            "The mentoring relationship has ended. The session still to come is cancelled and you have both \
              been emailed."
                .to_string()
        }
        n => format!(
            "The mentoring relationship has ended. The {n} sessions still to come are cancelled and you have \
             both been emailed."
        ),
    }
}
