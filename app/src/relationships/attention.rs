//! Server functions for what needs attention: the support routes and the
//! flags on a relationship's page, and the coordinators' list of flags and
//! relationships gone quiet. Flags carry no words, and each side sees only
//! its own: the mentee never learns of a concern, the mentor never learns
//! the mentee asked for someone else.

use super::flags::Flag;
use super::views::Viewer;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use {
    super::{attention_db, db, flow, lifecycle::RelationshipState},
    crate::accounts::{session, Role},
    crate::dates::date_of,
    crate::shell::forms::{finish_saying, form, respond},
};

/// The part of a relationship's page about support and flags.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attention {
    pub viewer: Viewer,
    /// Where to turn when something needs more than mentoring.
    pub support_routes: String,
    /// Flags this viewer may raise now.
    pub can_raise: Vec<Flag>,
    /// Open flags this viewer may see, with the date each was raised.
    pub raised: Vec<(Flag, String)>,
}

#[server(endpoint = "load_attention")]
pub async fn load_attention(id: i64) -> Result<Attention, AppError> {
    respond(
        async move {
            let (state, user) = session::signed_in().await?;
            let mut conn = state.db.pool().acquire().await?;
            let r = db::by_id(&mut conn, id).await?.ok_or(AppError::NotFound)?;
            let actor =
                flow::actor_for(&r, user.id, user.has(Role::Coordinator)).ok_or(AppError::NotFound)?;
            let viewer = Viewer::of(actor);
            let open = attention_db::open_on(&mut conn, id).await?;
            let mine = |f: &Flag| viewer == Viewer::Coordinator || f.raised_by() == actor;
            let raised: Vec<(Flag, String)> =
                open.iter().filter(|(f, _)| mine(f)).map(|(f, at)| (*f, date_of(*at))).collect();
            let can_raise = Flag::ALL
                .into_iter()
                .filter(|f| f.raised_by() == actor && !open.iter().any(|(o, _)| o == f))
                .filter(|f| r.state != RelationshipState::Ended || *f == Flag::Concern)
                .collect();
            drop(conn);
            let support_routes = crate::requests::support::text(&state.db).await?;
            Ok(Attention { viewer, support_routes, can_raise, raised })
        }
        .await,
    )
}

/// Tells the coordinators `flag` about relationship `id`.
#[server(endpoint = "raise_flag")]
pub async fn raise_flag(id: i64, flag: String) -> Result<String, AppError> {
    let result = async {
        let (state, user) = session::signed_in().await?;
        let flag = Flag::from_key(&flag)
            .ok_or_else(|| AppError::field("flag", "Choose what to tell the coordinators."))?;
        let now = state.clock.now();
        let mut tx = state.db.begin_write().await?;
        let r = db::by_id(&mut tx, id).await?.ok_or(AppError::NotFound)?;
        let actor = flow::actor_for(&r, user.id, false).ok_or(AppError::NotFound)?;
        if flag.raised_by() != actor {
            return Err(AppError::NotFound);
        }
        if r.state == RelationshipState::Ended && flag != Flag::Concern {
            return Err(AppError::Refused("This mentoring has ended, so there is nothing to change.".into()));
        }
        attention_db::raise(&mut tx, id, flag, user.id, now).await?;
        tx.commit().await?;
        Ok(flag.raised_message().to_string())
    }
    .await;
    finish_saying(form::<RaiseFlag>(), &[], result)
}

/// An open flag in the coordinators' list: names and a date, no words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FlagItem {
    pub id: i64,
    pub relationship_id: i64,
    pub label: String,
    pub priority: bool,
    pub mentor_name: String,
    pub mentee_name: String,
    pub raised_on: String,
}

/// A relationship gone quiet, for the coordinators' list: dates only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuietItem {
    pub relationship_id: i64,
    pub mentor_name: String,
    pub mentee_name: String,
    pub started_on: String,
    pub quiet_since: String,
    pub last_session_on: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttentionList {
    pub flags: Vec<FlagItem>,
    pub quiet: Vec<QuietItem>,
    pub quiet_days: i64,
}

#[server(endpoint = "load_attention_list")]
pub async fn load_attention_list() -> Result<AttentionList, AppError> {
    respond(
        async move {
            let (state, _) = session::signed_in_as(Role::Coordinator).await?;
            let now = state.clock.now();
            let quiet_days = state.config.quiet_days;
            let mut conn = state.db.pool().acquire().await?;
            let flags = attention_db::waiting(&mut conn).await?;
            let quiet = attention_db::quiet(&mut conn, now, quiet_days * super::quiet::DAY).await?;
            drop(conn);
            let mut ids: Vec<i64> = flags.iter().flat_map(|f| [f.mentor_id, f.mentee_id]).collect();
            ids.extend(quiet.iter().flat_map(|q| [q.mentor_id, q.mentee_id]));
            ids.sort_unstable();
            ids.dedup();
            let names = crate::requests::db::names(&state.db, &ids).await?;
            let name =
                |id: i64| names.iter().find(|(i, _)| *i == id).map(|(_, n)| n.clone()).unwrap_or_default();
            Ok(AttentionList {
                flags: flags
                    .into_iter()
                    .map(|f| FlagItem {
                        id: f.id,
                        relationship_id: f.relationship_id,
                        label: f.flag.coordinator_label().to_string(),
                        priority: f.flag.priority(),
                        mentor_name: name(f.mentor_id),
                        mentee_name: name(f.mentee_id),
                        raised_on: date_of(f.raised_at),
                    })
                    .collect(),
                quiet: quiet
                    .into_iter()
                    .map(|q| QuietItem {
                        relationship_id: q.id,
                        mentor_name: name(q.mentor_id),
                        mentee_name: name(q.mentee_id),
                        started_on: date_of(q.started_at),
                        quiet_since: date_of(q.quiet_since),
                        last_session_on: q.last_session.map(date_of),
                    })
                    .collect(),
                quiet_days,
            })
        }
        .await,
    )
}

/// A coordinator has followed flag `flag_id` up.
#[server(endpoint = "deal_with_flag")]
pub async fn deal_with_flag(flag_id: i64) -> Result<String, AppError> {
    let result = async {
        let (state, user) = session::signed_in_as(Role::Coordinator).await?;
        let mut tx = state.db.begin_write().await?;
        let changed = attention_db::deal_with(&mut tx, flag_id, user.id, state.clock.now()).await?;
        tx.commit().await?;
        Ok(if changed {
            "Marked as dealt with.".to_string()
        } else {
            "Another coordinator had already dealt with it.".to_string()
        })
    }
    .await;
    finish_saying(form::<DealWithFlag>(), &[], result)
}
