//! The steps of a request's life as transactions: send, offer, answer,
//! withdraw. Each checks the rules, changes the request through
//! [`db::change`], and queues the emails that ask someone to act. Emails
//! carry a link, never the request's text.

use super::db::{self, ChangedBy, NotChanged, StoredRequest};
use super::facts::{mentor_facts, NamedFacts};
use super::form::RequestFields;
use super::lifecycle::{Actor, Event, RequestState};
use super::matching::{eligibility, rank, Ineligible, Suggestion};
use crate::db::{Db, Tx};
use crate::email::subjects::Subject;
use crate::error::AppError;
use crate::relationships::db as relationships;
use sqlx::AnyConnection;

/// Settings the steps need.
#[derive(Debug, Clone)]
pub struct Settings {
    pub public_url: String,
    pub offer_seconds: i64,
    pub today: String,
    pub now: i64,
}

impl Settings {
    /// The settings as of now.
    pub fn of(state: &crate::state::AppState) -> Settings {
        let now = state.clock.now();
        Settings {
            public_url: state.config.public_url.clone(),
            offer_seconds: state.config.offer_days * 86_400,
            today: crate::dates::date_of(now),
            now,
        }
    }
}

fn refused(reason: NotChanged) -> AppError {
    AppError::Refused(reason.message().into())
}

/// Queues `body` to each of `to` under a discreet subject (or the one
/// each chose).
async fn email(
    tx: &mut Tx,
    to: Vec<String>,
    subject: Subject,
    body: String,
    now: i64,
) -> Result<(), sqlx::Error> {
    crate::email::subjects::send(tx, &to, subject, &body, now).await
}

/// Eligible mentors for a request, best first, leaving out those who
/// declined it or let it lapse and those already mentoring this mentee.
pub async fn suggestions(
    conn: &mut AnyConnection,
    request: &StoredRequest,
    today: &str,
) -> Result<(Vec<Suggestion>, Vec<NamedFacts>), sqlx::Error> {
    let passed = db::passed_over(conn, request.id).await?;
    let current = crate::relationships::db::active_mentors_of(conn, request.mentee_id).await?;
    let all = mentor_facts(conn, today, None).await?;
    let open: Vec<_> = all
        .iter()
        .filter(|m| !passed.contains(&m.facts.user_id) && !current.contains(&m.facts.user_id))
        .map(|m| m.facts.clone())
        .collect();
    Ok((rank(&open, &request.fields.wishes(request.mentee_id)), all))
}

/// Why the mentor the mentee named cannot be asked, if they cannot.
pub async fn named_mentor_problem(
    conn: &mut AnyConnection,
    mentee_id: i64,
    fields: &RequestFields,
    today: &str,
) -> Result<Option<&'static str>, sqlx::Error> {
    let Some(named) = fields.named_mentor else { return Ok(None) };
    let facts = mentor_facts(conn, today, Some(named)).await?;
    Ok(match facts.first() {
        None => Some(Ineligible::NotListed.message()),
        Some(m) => eligibility(&m.facts, &fields.wishes(mentee_id)).err().map(Ineligible::message),
    })
}

/// Sends the mentee's draft: it becomes submitted, the best mentor is
/// proposed, and coordinators are told.
pub async fn submit(database: &Db, mentee_id: i64, s: &Settings) -> Result<RequestState, AppError> {
    let mut tx = database.begin_write().await?;
    let request = db::open_request_of(&mut tx, mentee_id).await?.ok_or(AppError::NotFound)?;
    // What is sent is what this transaction read: check it here, not only
    // the fields the caller checked before an autosave could land.
    if request.state == RequestState::Draft {
        let problems = request.fields.problems_for_submit();
        if !problems.is_empty() {
            return Err(AppError::Invalid(problems));
        }
    }
    let mentee = ChangedBy { actor: Actor::Mentee, user_id: Some(mentee_id) };
    let mut state = db::change(&mut tx, &request, Event::Submit, mentee, "", s.now, s.offer_seconds)
        .await?
        .map_err(refused)?;
    let sent = db::by_id(&mut tx, request.id).await?.ok_or(AppError::NotFound)?;
    if let Some(proposed) = propose_best(&mut tx, &sent, s).await? {
        state = proposed;
    }
    let subject = if sent.priority { Subject::PriorityRequestWaiting } else { Subject::RequestWaiting };
    let body = format!(
        "Hello,\n\nA member of staff has asked for a mentor. Please look at the request and approve a match:\n\n\
         {}/requests/{}\n",
        s.public_url, request.id
    );
    let to = db::coordinator_emails(&mut tx).await?;
    email(&mut tx, to, subject, body, s.now).await?;
    tx.commit().await?;
    Ok(state)
}

/// Why a mentor can no longer be changed: someone has been asked.
pub const ALREADY_ASKED: &str = "A mentor has already been asked about your request, so the mentor you ask for cannot change now. To ask for someone else, withdraw your request and start again.";

/// The mentee asks for `mentor_id` on a request already sent, while no
/// mentor has been asked yet; the suggestion for coordinators follows, as
/// on sending.
pub async fn ask_for_instead(
    database: &Db,
    mentee_id: i64,
    mentor_id: i64,
    s: &Settings,
) -> Result<(), AppError> {
    let mut tx = database.begin_write().await?;
    let request = db::open_request_of(&mut tx, mentee_id).await?.ok_or(AppError::NotFound)?;
    if !matches!(request.state, RequestState::Submitted | RequestState::Proposed { .. }) {
        return Err(AppError::field("mentor", ALREADY_ASKED));
    }
    let fields = RequestFields { named_mentor: Some(mentor_id), ..request.fields.clone() };
    if let Some(problem) = named_mentor_problem(&mut tx, mentee_id, &fields, &s.today).await? {
        return Err(AppError::field("mentor", problem));
    }
    db::set_named_mentor(&mut tx, request.id, mentor_id, s.now).await?;
    let changed = db::by_id(&mut tx, request.id).await?.ok_or(AppError::NotFound)?;
    propose_best(&mut tx, &changed, s).await?;
    tx.commit().await?;
    Ok(())
}

/// Proposes the best-ranked mentor for a sent request to coordinators,
/// unless they are the one already proposed. Returns the new state when
/// it changed.
async fn propose_best(
    tx: &mut Tx,
    request: &StoredRequest,
    s: &Settings,
) -> Result<Option<RequestState>, AppError> {
    let (ranked, _) = suggestions(tx, request, &s.today).await?;
    let Some(best) = ranked.first().filter(|b| request.state.mentor() != Some(b.mentor_id)) else {
        return Ok(None);
    };
    let system = ChangedBy { actor: Actor::System, user_id: None };
    let event = Event::Propose { mentor_id: best.mentor_id };
    let state = db::change(tx, request, event, system, "", s.now, s.offer_seconds).await?.map_err(refused)?;
    Ok(Some(state))
}

/// A coordinator offers the request to `mentor_id`: the proposed mentor,
/// or another with a reason. The mentor must still be free to take it.
pub async fn approve(
    database: &Db,
    request_id: i64,
    mentor_id: i64,
    coordinator_id: i64,
    reason: &str,
    s: &Settings,
) -> Result<(), AppError> {
    let mut tx = database.begin_write().await?;
    let request = db::by_id(&mut tx, request_id).await?.ok_or(AppError::NotFound)?;
    // The rules speak first: a request already offered says so.
    if let Err(refusal) = request.state.apply(Event::Approve { mentor_id }, Actor::Coordinator) {
        return Err(refused(NotChanged::Refused(refusal)));
    }
    let instead_of_proposed =
        matches!(request.state, RequestState::Proposed { mentor_id: m } if m != mentor_id);
    if instead_of_proposed && reason.is_empty() {
        return Err(AppError::field(
            "reason",
            "Say why you chose this mentor rather than the one suggested.",
        ));
    }
    let (ranked, _) = suggestions(&mut tx, &request, &s.today).await?;
    if !ranked.iter().any(|r| r.mentor_id == mentor_id) {
        let facts = mentor_facts(&mut tx, &s.today, Some(mentor_id)).await?;
        let why = facts
            .first()
            .and_then(|m| eligibility(&m.facts, &request.fields.wishes(request.mentee_id)).err())
            .map(Ineligible::message)
            .unwrap_or("This mentor cannot be offered this request: they declined it, or already mentor this person.");
        return Err(AppError::Refused(why.into()));
    }
    let by = ChangedBy { actor: Actor::Coordinator, user_id: Some(coordinator_id) };
    db::change(&mut tx, &request, Event::Approve { mentor_id }, by, reason, s.now, s.offer_seconds)
        .await?
        .map_err(refused)?;
    if let Some(to) = db::email_of(&mut tx, mentor_id).await? {
        let body = format!(
            "Hello,\n\nA mentoring coordinator would like to offer you a new mentee. Please accept or decline \
             within {} days:\n\n{}/offers\n",
            s.offer_seconds / 86_400,
            s.public_url
        );
        email(&mut tx, vec![to], Subject::Offered, body, s.now).await?;
    }
    tx.commit().await?;
    Ok(())
}

pub const WITHDRAWN_BY_MENTEE: &str =
    "The person who asked for mentoring withdrew this request, so there is nothing to answer now.";

pub const NO_FREE_PLACE: &str = "You have no free places: you are already mentoring as many people as your \
                                 profile allows. Decline this offer, or raise your limit on your profile first.";

/// The offered mentor accepts (if they have a free place) or declines.
pub async fn answer(
    database: &Db,
    request_id: i64,
    mentor_id: i64,
    accept: bool,
    reason: &str,
    s: &Settings,
) -> Result<(), AppError> {
    let mut tx = database.begin_write().await?;
    // Taken first, so a mentor's two answers at once are counted in turn.
    let capacity = db::lock_mentor(&mut tx, mentor_id).await?;
    let request = db::by_id(&mut tx, request_id).await?.ok_or(AppError::NotFound)?;
    let offered_to_me = request.state.mentor() == Some(mentor_id)
        || db::passed_over(&mut tx, request_id).await?.contains(&mentor_id);
    if !offered_to_me {
        // An offer taken back a moment ago deserves a reason, not "not found".
        if request.state == RequestState::Withdrawn
            && db::was_offered_when_withdrawn(&mut tx, request_id, mentor_id).await?
        {
            return Err(AppError::Refused(WITHDRAWN_BY_MENTEE.into()));
        }
        return Err(AppError::NotFound);
    }
    let by = ChangedBy { actor: Actor::Mentor { user_id: mentor_id }, user_id: Some(mentor_id) };
    let event = if accept { Event::Accept } else { Event::Decline };
    // The rules speak first, so an expired offer is called that.
    if let Err(refusal) = request.state.apply(event, by.actor) {
        return Err(refused(NotChanged::Refused(refusal)));
    }
    if accept && relationships::active_mentees(&mut tx, mentor_id).await? >= capacity.unwrap_or(0) {
        return Err(AppError::Refused(NO_FREE_PLACE.into()));
    }
    db::change(&mut tx, &request, event, by, reason, s.now, s.offer_seconds).await?.map_err(refused)?;
    if accept {
        relationships::start(&mut tx, request.id, mentor_id, request.mentee_id, s.now).await?;
        if let Some(to) = db::email_of(&mut tx, request.mentee_id).await? {
            let body = format!(
                "Hello,\n\nGood news: a mentor has agreed to work with you. See who, and how to get in touch:\n\n\
                 {}/request\n",
                s.public_url
            );
            email(&mut tx, vec![to], Subject::Matched, body, s.now).await?;
        }
    } else {
        let to = db::coordinator_emails(&mut tx).await?;
        let body = format!(
            "Hello,\n\nA mentor has declined a request they were offered. Please choose another mentor:\n\n\
             {}/requests/{}\n",
            s.public_url, request.id
        );
        email(&mut tx, to, Subject::NeedsAnotherMentor, body, s.now).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// The mentee takes their request back.
pub async fn withdraw(database: &Db, mentee_id: i64, request_id: i64, s: &Settings) -> Result<(), AppError> {
    let mut tx = database.begin_write().await?;
    let request = db::by_id(&mut tx, request_id)
        .await?
        .filter(|r| r.mentee_id == mentee_id)
        .ok_or(AppError::NotFound)?;
    let by = ChangedBy { actor: Actor::Mentee, user_id: Some(mentee_id) };
    db::change(&mut tx, &request, Event::Withdraw, by, "", s.now, s.offer_seconds).await?.map_err(refused)?;
    // A mentor weighing the offer should not spend more thought on it.
    if let RequestState::Offered { mentor_id } = request.state {
        if let Some(to) = db::email_of(&mut tx, mentor_id).await? {
            let body = format!(
                "Hello,\n\nThe person you were offered as a new mentee no longer needs a mentor, so there is \
                 nothing for you to answer. Thank you for considering it.\n\n{}/offers\n",
                s.public_url
            );
            email(&mut tx, vec![to], Subject::OfferWithdrawn, body, s.now).await?;
        }
    }
    tx.commit().await?;
    Ok(())
}
