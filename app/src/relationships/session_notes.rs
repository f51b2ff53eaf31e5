//! Server functions for what the pair keep about their sessions: the
//! sessions of a relationship with the actions still open, one session's
//! page with the viewer's own private notes and the actions agreed, and
//! the forms that save them. Only the pair: coordinators and everyone else
//! are told it does not exist. Notes are read back with the author's own
//! id only, so no one else's can reach a page.

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

#[cfg(feature = "ssr")]
use {
    super::{
        db, flow,
        lifecycle::Actor,
        notes::{boxes, check_action, check_notes, NoteModel},
        notes_db::{self, SessionFacts, StoredAction},
    },
    crate::accounts::session,
    crate::sessions::state::SessionState,
    crate::sessions::when::when,
    crate::shell::forms::{finish_saying, form, respond},
};

/// One session in a list of the pair's sessions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionLink {
    pub id: i64,
    pub when: String,
    pub state_label: String,
    pub upcoming: bool,
}

/// An action the pair agreed, with when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionView {
    pub id: i64,
    pub body: String,
    pub done: bool,
    /// The session it was agreed at, written for the viewer.
    pub agreed_at: String,
}

/// The pair's sessions and what is open between them, for the
/// relationship's page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PairSessions {
    pub sessions: Vec<SessionLink>,
    pub next: Option<SessionLink>,
    pub open_actions: Vec<ActionView>,
    pub minutes_held: i64,
}

/// One part of the viewer's notes, as a box to write in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoteBox {
    pub key: String,
    pub label: String,
    pub text: String,
}

/// One session's page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionNotesPage {
    pub relationship_id: i64,
    pub session: SessionLink,
    pub held: bool,
    /// The relationship is under way, so notes and actions can change.
    pub editable: bool,
    pub with_name: String,
    pub i_am_mentor: bool,
    /// The template shown and its boxes (from the viewer's saved notes).
    pub model: String,
    pub boxes: Vec<NoteBox>,
    pub notes_saved: bool,
    /// Open actions agreed at earlier sessions.
    pub carried: Vec<ActionView>,
    /// Actions agreed at this session, done or not.
    pub agreed_here: Vec<ActionView>,
}

#[cfg(feature = "ssr")]
fn link(s: &SessionFacts, zone: &str, now: i64) -> SessionLink {
    SessionLink {
        id: s.id,
        when: when(zone, s.starts_at),
        state_label: s.state.label().to_string(),
        upcoming: s.state == SessionState::Booked && s.ends_at > now,
    }
}

#[cfg(feature = "ssr")]
fn action_view(a: &StoredAction, zone: &str) -> ActionView {
    ActionView { id: a.id, body: a.body.clone(), done: a.done, agreed_at: when(zone, a.agreed_at) }
}

/// Relationship `id`'s sessions, its next one, the actions still open and
/// the time held, for the signed-in person of the pair.
#[server(endpoint = "load_pair_sessions")]
pub async fn load_pair_sessions(id: i64) -> Result<PairSessions, AppError> {
    respond(
        async move {
            let (state, user) = session::signed_in().await?;
            let mut conn = state.db.pool().acquire().await?;
            flow::of_the_pair(&mut conn, id, user.id).await?;
            let zone = crate::sessions::db::zone_of(&mut conn, user.id).await?;
            let now = state.clock.now();
            let sessions: Vec<SessionLink> =
                notes_db::sessions_of(&mut conn, id).await?.iter().map(|s| link(s, &zone, now)).collect();
            let open_actions = notes_db::actions_of(&mut conn, id)
                .await?
                .iter()
                .filter(|a| !a.done)
                .map(|a| action_view(a, &zone))
                .collect();
            Ok(PairSessions {
                next: sessions.iter().find(|s| s.upcoming).cloned(),
                sessions,
                open_actions,
                minutes_held: notes_db::minutes_held(&mut conn, id).await?,
            })
        }
        .await,
    )
}

/// Session `session` of relationship `id`, with the viewer's own notes in
/// `template` (by default the one they last used).
#[server(endpoint = "load_session_notes")]
pub async fn load_session_notes(
    id: i64,
    session: i64,
    template: Option<String>,
) -> Result<SessionNotesPage, AppError> {
    respond(
        async move {
            let (state, user) = session::signed_in().await?;
            let mut conn = state.db.pool().acquire().await?;
            let (r, actor) = flow::of_the_pair(&mut conn, id, user.id).await?;
            let sessions = notes_db::sessions_of(&mut conn, id).await?;
            let facts = sessions.iter().find(|s| s.id == session).ok_or(AppError::NotFound)?;
            let zone = crate::sessions::db::zone_of(&mut conn, user.id).await?;
            let saved = notes_db::notes_of(&mut conn, session, user.id).await?;
            let model = template
                .as_deref()
                .and_then(NoteModel::from_key)
                .or_else(|| saved.as_ref().and_then(|n| NoteModel::from_key(&n.model)))
                .unwrap_or(NoteModel::Free);
            let shown = boxes(model, &saved.clone().unwrap_or_default());
            let actions = notes_db::actions_of(&mut conn, id).await?;
            let other = if actor == Actor::Mentor { r.mentee_id } else { r.mentor_id };
            let names = crate::requests::db::names(&state.db, &[other]).await?;
            Ok(SessionNotesPage {
                relationship_id: id,
                session: link(facts, &zone, state.clock.now()),
                held: facts.state == SessionState::Held,
                editable: r.state.is_under_way(),
                with_name: names.into_iter().next().map(|(_, n)| n).unwrap_or_default(),
                i_am_mentor: actor == Actor::Mentor,
                model: model.key().to_string(),
                boxes: shown
                    .into_iter()
                    .map(|(p, text)| NoteBox { key: p.key().into(), label: p.label().into(), text })
                    .collect(),
                notes_saved: saved.is_some(),
                carried: actions
                    .iter()
                    .filter(|a| !a.done && a.agreed_at < facts.starts_at)
                    .map(|a| action_view(a, &zone))
                    .collect(),
                agreed_here: actions
                    .iter()
                    .filter(|a| a.session_id == session)
                    .map(|a| action_view(a, &zone))
                    .collect(),
            })
        }
        .await,
    )
}

/// The relationship under way, the session one of its held ones: what
/// notes and actions need.
#[cfg(feature = "ssr")]
async fn held_session_of_open(
    tx: &mut crate::db::Tx,
    id: i64,
    session: i64,
    user_id: i64,
) -> Result<(), AppError> {
    let (r, _) = flow::of_the_pair(tx, id, user_id).await?;
    let sessions = notes_db::sessions_of(tx, id).await?;
    let facts = sessions.iter().find(|s| s.id == session).ok_or(AppError::NotFound)?;
    if !r.state.is_under_way() {
        return Err(AppError::Refused(db::ENDED_READ_ONLY.into()));
    }
    if facts.state != SessionState::Held {
        return Err(AppError::Refused(
            "This session has not been recorded as held yet. Notes and actions can be kept once the mentor \
             records that it took place."
                .into(),
        ));
    }
    Ok(())
}

/// Saves the signed-in person's private notes on a held session.
#[server(endpoint = "save_session_notes")]
pub async fn save_session_notes(
    id: i64,
    session: i64,
    model: Option<String>,
    parts: Option<HashMap<String, String>>,
) -> Result<String, AppError> {
    let model = model.unwrap_or_default();
    let parts = parts.unwrap_or_default();
    let kept: Vec<(String, String)> = parts.iter().map(|(k, v)| (format!("parts[{k}]"), v.clone())).collect();
    let result = async {
        let (state, user) = session::signed_in().await?;
        let notes = check_notes(&model, parts.clone().into_iter().collect())?;
        let mut tx = state.db.begin_write().await?;
        held_session_of_open(&mut tx, id, session, user.id).await?;
        notes_db::save_notes(&mut tx, session, user.id, &notes, state.clock.now()).await?;
        tx.commit().await?;
        Ok("Your notes are saved. Only you can read them.".to_string())
    }
    .await;
    let values: Vec<(&str, &str)> = kept.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    finish_saying(form::<SaveSessionNotes>(), &values, result)
}

/// Records an action the pair agreed at a held session.
#[server(endpoint = "add_session_action")]
pub async fn add_session_action(id: i64, session: i64, action: Option<String>) -> Result<String, AppError> {
    let typed = action.unwrap_or_default();
    let result = async {
        let (state, user) = session::signed_in().await?;
        let body = check_action(&typed)?;
        let mut tx = state.db.begin_write().await?;
        held_session_of_open(&mut tx, id, session, user.id).await?;
        notes_db::add_action(&mut tx, id, session, &body, user.id, state.clock.now()).await?;
        tx.commit().await?;
        Ok("Action added. You both see it, and it is carried to your next session until it is done."
            .to_string())
    }
    .await;
    finish_saying(form::<AddSessionAction>(), &[("action", &typed)], result)
}

/// Marks an agreed action done (`done` is "yes") or open again.
#[server(endpoint = "mark_session_action")]
pub async fn mark_session_action(id: i64, action_id: i64, done: Option<String>) -> Result<String, AppError> {
    let result = async {
        let (state, user) = session::signed_in().await?;
        let done = done.as_deref() == Some("yes");
        let mut tx = state.db.begin_write().await?;
        let (r, _) = flow::of_the_pair(&mut tx, id, user.id).await?;
        if !r.state.is_under_way() {
            return Err(AppError::Refused(db::ENDED_READ_ONLY.into()));
        }
        if !notes_db::mark_action(&mut tx, id, action_id, done, state.clock.now()).await? {
            return Err(AppError::NotFound);
        }
        tx.commit().await?;
        Ok(if done { "Action marked as done." } else { "Action open again." }.to_string())
    }
    .await;
    finish_saying(form::<MarkSessionAction>(), &[], result)
}
