//! Booking, moving and cancelling a session, each in one write
//! transaction that takes the mentor's row first, with the emails (and
//! their calendar invitations) written to the outbox in the same
//! transaction. Emails and calendars carry times, names and a link: never
//! the agenda, never a reason for cancelling.

use super::db::{self, Pair, Session, Times};
use super::ics::{self, Event, Method};
use super::slots::TAKEN;
use super::state::{SessionAction, SessionActor, SessionState, Timing};
use super::titles;
use super::when::when;
use crate::accounts::tokens::new_token;
use crate::db::{Db, Tx};
use crate::email::{enqueue_with, Attachment, Email};
use crate::error::AppError;

pub const AGENDA_MAX: usize = 1000;
pub const REASON_MAX: usize = 500;

/// What every change needs to know besides its own arguments.
pub struct Context<'a> {
    pub now: i64,
    pub public_url: &'a str,
    pub cutoff_hours: i64,
}

impl Context<'_> {
    /// The context of a change made now, under the service's settings.
    pub fn of(state: &crate::state::AppState) -> Context<'_> {
        Context {
            now: state.clock.now(),
            public_url: &state.config.public_url,
            cutoff_hours: state.config.session_cutoff_hours,
        }
    }
}

pub const NOT_YOURS: &str =
    "You can book only with the mentor you are matched with, while your mentoring is under way.";

pub const ENDED: &str =
    "This mentoring relationship has ended, so no more sessions can be booked in it. You can ask for a mentor again.";

fn refused(message: &str) -> AppError {
    AppError::Refused(message.into())
}

/// The mentee books `starts` with the mentor of relationship `request_id`.
pub async fn book(
    database: &Db,
    c: &Context<'_>,
    mentee_id: i64,
    request_id: i64,
    starts: i64,
    location: &str,
    agenda: &str,
) -> Result<i64, AppError> {
    if agenda.chars().count() > AGENDA_MAX {
        return Err(AppError::field("agenda", format!("Keep the agenda to {AGENDA_MAX} characters.")));
    }
    let mut tx = database.begin_write().await?;
    let pair = bookable_pair(&mut tx, request_id, mentee_id).await?;
    if pair.mentee_id != mentee_id {
        return Err(refused(NOT_YOURS));
    }
    if !db::lock_mentor(&mut tx, pair.mentor_id).await? {
        return Err(refused("Your mentor has not opened any times for booking yet."));
    }
    // Read again under the mentor's lock: an ending that got the lock
    // first has cancelled what was booked and must not gain a new session.
    if !crate::relationships::db::is_active(&mut tx, request_id).await? {
        return Err(refused(ENDED));
    }
    let diary = db::diary_of(&mut tx, pair.mentor_id, c.now, 0).await?.ok_or(AppError::Internal)?;
    if let Some(why) = diary.diary().refusal(starts, c.now) {
        return Err(refused(why));
    }
    if !diary.rules.locations().iter().any(|(key, ..)| *key == location) {
        return Err(AppError::field("location", "Choose how you will meet."));
    }
    let uid = format!("{}@mentorwell", &new_token()[..32]);
    let times = times_of(&diary.rules, starts);
    let Some(id) = db::insert_session(&mut tx, &pair, &uid, times, location, agenda.trim(), c.now).await?
    else {
        return Err(refused(TAKEN));
    };
    let s = db::session_by_id(&mut tx, id).await?.ok_or(AppError::Internal)?;
    tell(&mut tx, c, &pair, &s, &diary.rules, Change::Booked).await?;
    tx.commit().await?;
    Ok(id)
}

/// Relationship `request_id` if it is under way and `user_id` is one of
/// the pair. One of the pair whose relationship has ended is told so.
pub async fn bookable_pair(
    conn: &mut sqlx::AnyConnection,
    request_id: i64,
    user_id: i64,
) -> Result<Pair, AppError> {
    let of_pair = |mentor: i64, mentee: i64| mentor == user_id || mentee == user_id;
    if let Some(pair) = db::active_pair(conn, request_id).await?.filter(|p| of_pair(p.mentor_id, p.mentee_id))
    {
        return Ok(pair);
    }
    let ended = crate::relationships::db::by_id(conn, request_id).await?.is_some_and(|r| {
        of_pair(r.mentor_id, r.mentee_id)
            && r.state == crate::relationships::lifecycle::RelationshipState::Ended
    });
    Err(refused(if ended { ENDED } else { NOT_YOURS }))
}

fn times_of(rules: &super::rules::Rules, starts: i64) -> Times {
    let ends = starts + rules.session_minutes * 60;
    Times { starts, ends, holds_until: ends + rules.buffer_minutes * 60 }
}

/// The session and its relationship, if `user_id` is one of the pair.
async fn own(tx: &mut Tx, user_id: i64, session_id: i64) -> Result<(Session, Pair), AppError> {
    let s =
        db::session_by_id(tx, session_id).await?.filter(|s| s.mentor_id == user_id || s.mentee_id == user_id);
    let s = s.ok_or(AppError::NotFound)?;
    let pair = db::active_pair(tx, s.request_id)
        .await?
        .ok_or_else(|| refused("This mentoring has ended, so its sessions can no longer be changed."))?;
    Ok((s, pair))
}

/// Who `user_id` is in session `s`'s pair.
pub fn actor_in(s: &Session, user_id: i64) -> SessionActor {
    if user_id == s.mentor_id {
        SessionActor::Mentor
    } else {
        SessionActor::Mentee
    }
}

/// Checks, by the one rule, that `user_id` may still do `action` to `s`
/// at `c.now`.
fn changeable(s: &Session, action: SessionAction, user_id: i64, c: &Context<'_>) -> Result<(), AppError> {
    let timing = Timing::of(s.starts, c.now, c.cutoff_hours);
    s.state
        .apply(action, actor_in(s, user_id), timing)
        .map(|_| ())
        .map_err(|why| refused(&why.message(c.cutoff_hours)))
}

pub async fn reschedule(
    database: &Db,
    c: &Context<'_>,
    user_id: i64,
    session_id: i64,
    starts: i64,
) -> Result<(), AppError> {
    let mut tx = database.begin_write().await?;
    let (s, pair) = own(&mut tx, user_id, session_id).await?;
    db::lock_mentor(&mut tx, pair.mentor_id).await?;
    // Read again under the lock: another change may have landed first.
    let s = db::session_by_id(&mut tx, s.id).await?.ok_or(AppError::NotFound)?;
    changeable(&s, SessionAction::Move, user_id, c)?;
    if starts == s.starts {
        return Err(refused("That is already the session's time. Choose another."));
    }
    let diary = db::diary_of(&mut tx, pair.mentor_id, c.now, s.id)
        .await?
        .ok_or_else(|| refused("Your mentor has no times open for booking."))?;
    if let Some(why) = diary.diary().refusal(starts, c.now) {
        return Err(refused(why));
    }
    if !db::move_session(&mut tx, &s, times_of(&diary.rules, starts), c.now).await? {
        return Err(refused(TAKEN));
    }
    let moved = db::session_by_id(&mut tx, s.id).await?.ok_or(AppError::Internal)?;
    tell(&mut tx, c, &pair, &moved, &diary.rules, Change::Moved).await?;
    tx.commit().await?;
    Ok(())
}

pub async fn cancel(
    database: &Db,
    c: &Context<'_>,
    user_id: i64,
    session_id: i64,
    reason: &str,
) -> Result<(), AppError> {
    let reason = reason.trim();
    if reason.chars().count() > REASON_MAX {
        return Err(AppError::field("reason", format!("Keep the reason to {REASON_MAX} characters.")));
    }
    let mut tx = database.begin_write().await?;
    let (s, pair) = own(&mut tx, user_id, session_id).await?;
    if user_id == s.mentor_id && reason.is_empty() {
        return Err(AppError::field("reason", "Tell your mentee why, so they know what happens next."));
    }
    db::lock_mentor(&mut tx, pair.mentor_id).await?;
    let s = db::session_by_id(&mut tx, s.id).await?.ok_or(AppError::NotFound)?;
    changeable(&s, SessionAction::Cancel, user_id, c)?;
    db::cancel_session(&mut tx, s.id, Some(user_id), reason, c.now).await?;
    let cancelled = db::session_by_id(&mut tx, s.id).await?.ok_or(AppError::Internal)?;
    let rules = db::rules_of(&mut tx, pair.mentor_id).await?.ok_or(AppError::Internal)?;
    tell(&mut tx, c, &pair, &cancelled, &rules, Change::Cancelled).await?;
    tx.commit().await?;
    Ok(())
}

/// Cancels every session of relationship `request_id` still to come, as
/// [`cancel`] does one (both told, with the calendar cancellation), when
/// the relationship ends. `by` is `None` when the service ended it.
/// Returns how many were cancelled.
pub async fn cancel_upcoming(
    tx: &mut Tx,
    c: &Context<'_>,
    request_id: i64,
    by: Option<i64>,
    reason: &str,
) -> Result<usize, sqlx::Error> {
    let Some(pair) = db::any_pair(tx, request_id).await? else { return Ok(0) };
    db::lock_mentor(tx, pair.mentor_id).await?;
    let upcoming = db::upcoming_booked(tx, request_id, c.now).await?;
    let Some(rules) = db::rules_of(tx, pair.mentor_id).await? else { return Ok(0) };
    for id in &upcoming {
        db::cancel_session(tx, *id, by, reason, c.now).await?;
        if let Some(cancelled) = db::session_by_id(tx, *id).await? {
            tell(tx, c, &pair, &cancelled, &rules, Change::Cancelled).await?;
        }
    }
    Ok(upcoming.len())
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Change {
    Booked,
    Moved,
    Cancelled,
}

/// Where the pair meet, for a calendar: the room, the video link or
/// "Phone call".
pub fn place(rules: &super::rules::Rules, location: &str) -> String {
    match location {
        "room" => rules.room.clone(),
        "video" => format!("Video call: {}", rules.video_link),
        _ => "Phone call".into(),
    }
}

/// The calendar entry for session `s`, titled as `descriptive` asks.
pub fn event(c_url: &str, pair: &Pair, s: &Session, rules: &super::rules::Rules, descriptive: bool) -> Event {
    Event {
        uid: s.uid.clone(),
        sequence: s.sequence,
        starts: s.starts,
        ends: s.ends,
        summary: titles::summary(descriptive, &pair.mentor_name, &pair.mentee_name),
        location: place(rules, &s.location),
        url: format!("{c_url}/sessions"),
        cancelled: s.state == SessionState::Cancelled,
        organizer: (pair.mentor_name.clone(), pair.mentor_email.clone()),
        attendee: (pair.mentee_name.clone(), pair.mentee_email.clone()),
    }
}

/// Emails both of the pair, each with the time in their own zone and the
/// calendar invitation.
async fn tell(
    tx: &mut Tx,
    c: &Context<'_>,
    pair: &Pair,
    s: &Session,
    rules: &super::rules::Rules,
    change: Change,
) -> Result<(), sqlx::Error> {
    let method = if change == Change::Cancelled { Method::Cancel } else { Method::Request };
    for (to, zone, other, descriptive) in [
        (&pair.mentee_email, &pair.mentee_zone, &pair.mentor_name, pair.mentee_descriptive),
        (&pair.mentor_email, &pair.mentor_zone, &pair.mentee_name, pair.mentor_descriptive),
    ] {
        let file = Attachment {
            name: if change == Change::Cancelled { "cancelled.ics".into() } else { "session.ics".into() },
            media_type: format!(
                "text/calendar; charset=utf-8; method={}",
                if method == Method::Cancel { "CANCEL" } else { "REQUEST" }
            ),
            body: ics::calendar(
                method,
                titles::calendar_name(descriptive),
                &[event(c.public_url, pair, s, rules, descriptive)],
                c.now,
            ),
        };
        let time = when(zone, s.starts);
        let subject = titles::subject(descriptive, change, &time);
        let first = match change {
            Change::Booked => format!("Your mentoring session with {other} is booked for {time}."),
            Change::Moved => format!("Your mentoring session with {other} has moved to {time}."),
            Change::Cancelled => format!(
                "Your mentoring session with {other} on {time} has been cancelled. Sign in to see why and to book another time."
            ),
        };
        let body = format!(
            "Hello,\n\n{first}\n\nThe attached file updates your calendar.\n\nYour sessions: {}/sessions\n",
            c.public_url
        );
        enqueue_with(tx, &Email { to: to.clone(), subject, body }, &file, c.now).await?;
    }
    Ok(())
}
