//! Server functions for sessions (a mentor's availability is in
//! `availability_functions`): the booking page, booking, moving,
//! cancelling and marking sessions, the reader's time zone and their
//! calendar feed.

use super::views::{BookingPage, SessionsPage};
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    super::booking::{self, Context},
    super::booking_grid::{self, Wanted},
    super::db,
    super::rules,
    super::slots::zone,
    super::state::{SessionAction, SessionActor, SessionRefusal, SessionState, Timing},
    super::views::{PairLink, SessionCard},
    super::when::when,
    crate::accounts::{session, CurrentUser, Role},
    crate::error::check_text,
    crate::requests::overlap::said,
    crate::shell::forms::{finish, finish_saying, form, respond},
    crate::state::app_state,
};

#[cfg(feature = "ssr")]
fn card(
    s: db::Session,
    viewer: &CurrentUser,
    zone_name: &str,
    pair: &db::Pair,
    place: String,
    c: &Context,
) -> SessionCard {
    let i_am_mentor = s.mentor_id == viewer.id;
    // The page offers exactly what the rule allows.
    let (actor, timing) = (booking::actor_in(&s, viewer.id), Timing::of(s.starts, c.now, c.cutoff_hours));
    let allowed = |action| s.state.apply(action, actor, timing).is_ok();
    let (changeable, can_mark) = (allowed(SessionAction::Move), allowed(SessionAction::RecordHeld));
    SessionCard {
        id: s.id,
        with_name: if i_am_mentor { pair.mentee_name.clone() } else { pair.mentor_name.clone() },
        i_am_mentor,
        when: when(zone_name, s.starts),
        place,
        agenda: s.agenda,
        cancelled_by_other: s.cancelled_by.is_some_and(|by| by != viewer.id),
        cancelled_by_service: s.cancelled_by.is_none(),
        cancelled_when: s.cancelled_at.map(|at| when(zone_name, at)).unwrap_or_default(),
        cancel_reason: s.cancel_reason,
        request_id: s.request_id,
        can_change: changeable,
        can_mark,
        state: s.state.key().to_string(),
    }
}

#[server(endpoint = "load_sessions")]
pub async fn load_sessions() -> Result<SessionsPage, AppError> {
    respond(
        async move {
            let state = app_state();
            let viewer = session::require_user(&state).await?;
            let c = Context::of(&state);
            let mut conn = state.db.pool().acquire().await.map_err(AppError::from)?;
            let zone_name = db::zone_of(&mut conn, viewer.id).await?;
            let (mut upcoming, mut past) = (Vec::new(), Vec::new());
            let (sessions, pairs) = db::sessions_with_pairs(&mut conn, viewer.id).await?;
            for s in sessions {
                let Some((pair, rules)) = pairs.get(&s.request_id) else { continue };
                let place = rules.as_ref().map_or_else(String::new, |r| booking::place(r, &s.location));
                let upcoming_one = s.ends > c.now && s.state == SessionState::Booked;
                let card = card(s, &viewer, &zone_name, pair, place, &c);
                if upcoming_one {
                    upcoming.push(card);
                } else {
                    past.push(card);
                }
            }
            past.reverse();
            let held = db::held_by_pair(&mut conn, viewer.id).await?;
            let links = db::pairs_of(&mut conn, viewer.id)
                .await?
                .into_iter()
                .map(|p| {
                    let i_am_mentor = p.mentor_id == viewer.id;
                    PairLink {
                        request_id: p.request_id,
                        with_name: if i_am_mentor { p.mentee_name } else { p.mentor_name },
                        i_am_mentor,
                        held: held.get(&p.request_id).copied().unwrap_or(0),
                    }
                })
                .collect();
            let feed_since = db::feed_made(&state.db, viewer.id).await?.map(crate::dates::date_time_of);
            Ok(SessionsPage {
                upcoming,
                past,
                pairs: links,
                time_zone: zone_name,
                feed_since,
                is_mentor: viewer.has(Role::Mentor),
                cutoff_hours: c.cutoff_hours,
            })
        }
        .await,
    )
}

#[cfg(feature = "ssr")]
fn zone_label(name: &str) -> String {
    rules::TIME_ZONES.iter().find(|(k, _)| *k == name).map_or(name.to_string(), |(_, l)| l.to_string())
}

/// The booking page: free times for eight weeks from this one, for the
/// mentee of relationship `with`. `moving` names a session being moved;
/// `at` a time chosen (the form to confirm it follows).
#[server(endpoint = "load_booking")]
pub async fn load_booking(with: i64, moving: Option<i64>, at: Option<i64>) -> Result<BookingPage, AppError> {
    respond(
        async move {
            let state = app_state();
            let viewer = session::require_user(&state).await?;
            let c = Context::of(&state);
            let mut conn = state.db.pool().acquire().await.map_err(AppError::from)?;
            let pair = booking::bookable_pair(&mut conn, with, viewer.id).await?;
            let zone_name = db::zone_of(&mut conn, viewer.id).await?;
            let moving = match moving {
                Some(id) => {
                    let s = db::session_by_id(&mut conn, id).await?.filter(|s| s.request_id == pair.request_id);
                    let s = s.ok_or(AppError::NotFound)?;
                    Some((s.id, when(&zone_name, s.starts)))
                }
                None if pair.mentee_id != viewer.id => return Err(AppError::Refused("Only the mentee books a new session. You can move or cancel one from your sessions page.".into())),
                None => None,
            };
            let diary = db::diary_of(&mut conn, pair.mentor_id, c.now, moving.as_ref().map_or(0, |m| m.0)).await?;
            let (days, times) = crate::requests::times_db::of(&mut conn, pair.request_id).await?;
            let mut page = BookingPage {
                request_id: pair.request_id,
                mentor_name: pair.mentor_name.clone(),
                zone_label: zone_label(&zone_name),
                session_minutes: 0,
                locations: vec![],
                weeks: vec![],
                moving,
                chosen: at.map(|t| (t, when(&zone_name, t))),
                open: diary.is_some(),
                i_am_mentee: pair.mentee_id == viewer.id,
                mentee_name: pair.mentee_name.clone(),
                days: days.iter().map(|d| d.key().to_string()).collect(),
                times: times.iter().map(|t| t.key().to_string()).collect(),
                said: said(&days, &times),
            };
            let Some(diary) = diary else { return Ok(page) };
            page.session_minutes = diary.rules.session_minutes;
            page.locations =
                diary.rules.locations().into_iter().map(|(k, l, _)| (k.to_string(), l.to_string())).collect();
            let wanted = Wanted { days: &days, times: &times, zone: zone(&pair.mentee_zone) };
            page.weeks = booking_grid::weeks(&diary.diary(), &zone(&zone_name), c.now, &wanted);
            Ok(page)
        }
        .await,
    )
}

/// A slot's start as the booking page sends it (unix seconds).
#[cfg(feature = "ssr")]
fn instant(text: &str) -> Result<i64, AppError> {
    text.trim().parse().map_err(|_| {
        AppError::field("starts", "That time was not understood. Choose one of the times shown.")
    })
}

#[server(endpoint = "book_session")]
pub async fn book_session(
    with: i64,
    starts: String,
    location: String,
    agenda: String,
) -> Result<String, AppError> {
    let result = async {
        let (state, user) = session::signed_in().await?;
        check_text(&[], &[("agenda", &agenda)])?;
        let starts = instant(&starts)?;
        booking::book(&state.db, &Context::of(&state), user.id, with, starts, &location, &agenda).await?;
        Ok("Your session is booked. We have emailed you both a calendar invitation.".to_string())
    }
    .await;
    finish_saying(
        form::<BookSession>(),
        &[("location", &location), ("agenda", &agenda), ("starts", &starts)],
        result,
    )
}

#[server(endpoint = "move_session")]
pub async fn move_session(id: i64, starts: String) -> Result<String, AppError> {
    let result = async {
        let (state, user) = session::signed_in().await?;
        booking::reschedule(&state.db, &Context::of(&state), user.id, id, instant(&starts)?).await?;
        Ok("The session has moved. We have emailed you both the new time.".to_string())
    }
    .await;
    finish_saying(form::<MoveSession>(), &[], result)
}

#[server(endpoint = "cancel_session")]
pub async fn cancel_session(id: i64, reason: String) -> Result<String, AppError> {
    let result = async {
        let (state, user) = session::signed_in().await?;
        check_text(&[], &[("reason", &reason)])?;
        booking::cancel(&state.db, &Context::of(&state), user.id, id, &reason).await?;
        Ok("The session is cancelled. We have told you both by email.".to_string())
    }
    .await;
    // The page has one cancel form per session: the id says whose flash it is.
    finish_saying(form::<CancelSession>(), &[("reason", &reason), ("session", &id.to_string())], result)
}

/// After a session began, its mentor records it as held or not.
#[server(endpoint = "mark_session")]
pub async fn mark_session(id: i64, outcome: String) -> Result<String, AppError> {
    let result = async {
        let (state, user) = session::signed_in().await?;
        let mut conn = state.db.pool().acquire().await.map_err(AppError::from)?;
        let s = db::session_by_id(&mut conn, id)
            .await?
            .filter(|s| s.mentor_id == user.id)
            .ok_or(AppError::NotFound)?;
        drop(conn);
        let action = match outcome.as_str() {
            "held" => SessionAction::RecordHeld,
            "no_show" => SessionAction::RecordNoShow,
            _ => return Err(AppError::Refused("Choose held or did not take place.".into())),
        };
        let c = Context::of(&state);
        let to = s
            .state
            .apply(action, SessionActor::Mentor, Timing::of(s.starts, c.now, c.cutoff_hours))
            .map_err(|why| AppError::Refused(why.message(c.cutoff_hours)))?;
        // The update checks the state again, in case a change landed since.
        if !db::mark(&state.db, s.id, to, c.now).await? {
            return Err(AppError::Refused(SessionRefusal::NotYetRecordable.message(c.cutoff_hours)));
        }
        Ok("Recorded.".to_string())
    }
    .await;
    finish_saying(form::<MarkSession>(), &[], result)
}

#[server(endpoint = "set_time_zone")]
pub async fn set_time_zone(time_zone: String) -> Result<String, AppError> {
    let result = async {
        let (state, user) = session::signed_in().await?;
        if !rules::is_time_zone(&time_zone) {
            return Err(AppError::field("time_zone", "Choose a time zone from the list."));
        }
        db::set_zone(&state.db, user.id, &time_zone).await?;
        Ok(format!("Times are now shown in {}.", zone_label(&time_zone)))
    }
    .await;
    finish_saying(form::<SetTimeZone>(), &[("time_zone", &time_zone)], result)
}

/// A new private feed address (any earlier one stops working). The
/// address is shown once: only its hash is kept.
#[server(endpoint = "make_calendar_feed")]
pub async fn make_calendar_feed() -> Result<String, AppError> {
    let result = async {
        let (state, user) = session::signed_in().await?;
        let token = crate::accounts::tokens::new_token();
        db::set_feed(&state.db, user.id, &crate::accounts::tokens::token_hash(&token), state.clock.now())
            .await?;
        Ok(format!("{}/calendar/feed.ics?key={token}", state.config.public_url))
    }
    .await;
    finish(
        form::<MakeCalendarFeed>(),
        &[],
        result
            .as_ref()
            .ok()
            .map(|url| format!("Your calendar address (copy it now; it is shown only once): {url}"))
            .as_deref(),
        result,
    )
}

#[server(endpoint = "stop_calendar_feed")]
pub async fn stop_calendar_feed() -> Result<String, AppError> {
    let result = async {
        let (state, user) = session::signed_in().await?;
        db::revoke_feed(&state.db, user.id).await?;
        Ok("Your calendar address no longer works. Calendars subscribed to it will stop updating."
            .to_string())
    }
    .await;
    finish_saying(form::<StopCalendarFeed>(), &[], result)
}
