//! The changes to runs and places as transactions: register, give up a
//! place, change or cancel a run, open or close registration, complete,
//! and record training elsewhere. Each takes the
//! run's row first ([`db::lock_run`]), reads the facts, asks
//! [`super::places`] whether the change may happen, writes it, and queues
//! the emails it causes. Refusals come back as `Ok(Err(Refusal))`: the
//! outer error is the database's.

use super::db::{self, NewCompletion, StoredRun};
use super::lists::{CourseKind, PlaceState, RunStatus, INITIAL_MODELS};
use super::places::{self, Attendee, Completing, Refusal};
use super::run::RunFields;
use crate::db::{Db, Tx};
use crate::email::{enqueue, Email};

/// A change that may be refused.
pub type Outcome<T> = Result<Result<T, Refusal>, sqlx::Error>;

/// Where a registration put someone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placed {
    Registered,
    /// On the waiting list, this many from the front (1 = next).
    Waiting(i64),
}

/// Takes a place on a run, or joins its waiting list when it is full.
pub async fn register(database: &Db, run_id: i64, user_id: i64, today: &str, now: i64) -> Outcome<Placed> {
    let mut tx = database.begin_write().await?;
    let Some(gate) = db::lock_run(&mut tx, run_id).await? else { return Ok(Err(Refusal::NoSuchRun)) };
    let accredited = db::has_accreditation(&mut tx, user_id).await?;
    let existing = db::place_state(&mut tx, run_id, user_id).await?;
    if let Err(refusal) = places::may_register(&gate, today, accredited, existing) {
        return Ok(Err(refusal));
    }
    let (registered, waiting) = db::counts(&mut tx, run_id).await?;
    let state = places::placement(gate.capacity, registered, waiting);
    let position = db::join(&mut tx, run_id, user_id, state, now).await?;
    let placed = match state {
        PlaceState::Registered => Placed::Registered,
        _ => Placed::Waiting(db::waiting_ahead(&mut tx, run_id, position).await? + 1),
    };
    tx.commit().await?;
    Ok(Ok(placed))
}

/// Gives up a place (or a place on the waiting list). A freed place goes
/// to the first person waiting, who is emailed. Returns who was promoted.
pub async fn cancel_place(
    database: &Db,
    run_id: i64,
    user_id: i64,
    now: i64,
    public_url: &str,
) -> Outcome<Option<i64>> {
    let mut tx = database.begin_write().await?;
    let Some(gate) = db::lock_run(&mut tx, run_id).await? else { return Ok(Err(Refusal::NoSuchRun)) };
    if let Err(refusal) = places::may_give_up(db::place_state(&mut tx, run_id, user_id).await?) {
        return Ok(Err(refusal));
    }
    db::set_state(&mut tx, run_id, user_id, PlaceState::Cancelled, now).await?;
    let promoted = promote(&mut tx, run_id, gate.capacity, now, public_url).await?;
    tx.commit().await?;
    Ok(Ok(promoted.first().copied()))
}

/// Changes a run's details. Refused if there are now fewer places than
/// are taken; more places go to those waiting, in order.
pub async fn update_run(database: &Db, id: i64, f: &RunFields, now: i64, public_url: &str) -> Outcome<()> {
    let mut tx = database.begin_write().await?;
    if db::lock_run(&mut tx, id).await?.is_none() {
        return Ok(Err(Refusal::NoSuchRun));
    }
    let (taken, _) = db::counts(&mut tx, id).await?;
    if let Some(problem) = f.problems(taken).into_iter().next() {
        return Ok(Err(Refusal::NoLongerFits(problem.message)));
    }
    db::update_run(&mut tx, id, f).await?;
    let capacity = f.capacity.trim().parse::<i64>().unwrap_or(1);
    promote(&mut tx, id, capacity, now, public_url).await?;
    tx.commit().await?;
    Ok(Ok(()))
}

/// Fills free places from the front of the waiting list and emails each
/// person promoted. Returns who was promoted, in order.
async fn promote(
    tx: &mut Tx,
    run_id: i64,
    capacity: i64,
    now: i64,
    public_url: &str,
) -> Result<Vec<i64>, sqlx::Error> {
    let (registered, _) = db::counts(tx, run_id).await?;
    let promoted = places::promoted(capacity, registered, db::waiting_list(tx, run_id).await?);
    for &user_id in &promoted {
        db::set_state(tx, run_id, user_id, PlaceState::Registered, now).await?;
        let (email, title) = db::email_and_title(tx, run_id, user_id).await?;
        let body = format!(
            "Hello,\n\nA place has come free on {title} and it is yours: you are now registered. \
             The dates and venue are here:\n\n{public_url}/courses/{run_id}\n\n\
             If you can no longer come, please give up the place on that page so the next person can have it.\n"
        );
        let subject = "You have a place on a mentoring course".into();
        enqueue(tx, &Email { to: email, subject, body }, now).await?;
    }
    Ok(promoted)
}

/// Cancels a run and tells everyone with a place or waiting. Returns how
/// many were told.
pub async fn cancel_run(
    database: &Db,
    run_id: i64,
    reason: &str,
    now: i64,
    public_url: &str,
) -> Outcome<usize> {
    let mut tx = database.begin_write().await?;
    let Some(gate) = db::lock_run(&mut tx, run_id).await? else { return Ok(Err(Refusal::NoSuchRun)) };
    if let Err(refusal) = places::may_cancel_run(gate.status) {
        return Ok(Err(refusal));
    }
    db::set_status(&mut tx, run_id, RunStatus::Cancelled, reason).await?;
    let people = db::people_on(&mut tx, run_id).await?;
    db::cancel_all(&mut tx, run_id, now).await?;
    for (email, title) in &people {
        let body = format!(
            "Hello,\n\nWe are sorry: {title} has been cancelled. The reason is on the course page, with other \
             courses you can register for:\n\n{public_url}/courses/{run_id}\n"
        );
        let subject = "A mentoring course has been cancelled".into();
        enqueue(&mut tx, &Email { to: email.clone(), subject, body }, now).await?;
    }
    tx.commit().await?;
    Ok(Ok(people.len()))
}

/// Closes registration on a run early, or opens it again.
pub async fn set_registration(database: &Db, run_id: i64, open: bool) -> Outcome<()> {
    let mut tx = database.begin_write().await?;
    let Some(gate) = db::lock_run(&mut tx, run_id).await? else { return Ok(Err(Refusal::NoSuchRun)) };
    if let Err(refusal) = places::may_set_registration(gate.status) {
        return Ok(Err(refusal));
    }
    let next = if open { RunStatus::Open } else { RunStatus::Closed };
    db::set_status(&mut tx, run_id, next, "").await?;
    tx.commit().await?;
    Ok(Ok(()))
}

/// Records that someone completed a run: present every day, registered.
/// Returns the certificate's verification code.
pub async fn complete(
    database: &Db,
    run: &StoredRun,
    user_id: i64,
    code: &str,
    refresher_years: i64,
    by: i64,
    now: i64,
) -> Outcome<String> {
    // The run's row first: a cancellation or promotion waits for this
    // completion, so the place and attendance read below stay true.
    let mut tx = database.begin_write().await?;
    db::lock_run(&mut tx, run.id).await?;
    let place =
        db::places(database, run.id, run.days.len()).await?.into_iter().find(|p| p.user_id == user_id);
    let attendee = place.as_ref().map(|p| Attendee {
        name: &p.name,
        state: p.state,
        present: &p.present,
        completion: p.completion.as_deref(),
    });
    let accredited = db::has_accreditation(&mut tx, user_id).await?;
    match places::may_complete(attendee, run.kind, accredited) {
        Err(refusal) => return Ok(Err(refusal)),
        Ok(Completing::Already(code)) => return Ok(Ok(code)),
        Ok(Completing::Now) => {}
    }
    let completed_on = run.days.last().map(|d| d.day.clone()).unwrap_or_default();
    let completion = NewCompletion {
        run_id: Some(run.id),
        user_id,
        kind: run.kind.key(),
        course_title: &run.title,
        completed_on: &completed_on,
        models: if run.kind == CourseKind::Initial { INITIAL_MODELS } else { "" },
        code,
        evidence_note: "",
        by,
    };
    // Two coordinators completing the same person at once: the second
    // finds the first's certificate.
    if let Err(err) = db::insert_completion(&mut tx, &completion, now).await {
        if !crate::db::is_unique_violation(&err) {
            return Err(err);
        }
        drop(tx);
        let again = db::places(database, run.id, 0).await?.into_iter().find(|p| p.user_id == user_id);
        return Ok(again.and_then(|p| p.completion).ok_or(Refusal::TryAgain));
    }
    accredit(&mut tx, user_id, run.kind.key(), &completed_on, refresher_years, "", now).await?;
    tx.commit().await?;
    Ok(Ok(code.to_string()))
}

/// Records accreditation gained elsewhere, with the evidence seen.
#[allow(clippy::too_many_arguments)]
pub async fn record_elsewhere(
    database: &Db,
    user_id: i64,
    completed_on: &str,
    evidence: &str,
    code: &str,
    refresher_years: i64,
    by: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    let mut tx = database.begin_write().await?;
    let completion = NewCompletion {
        run_id: None,
        user_id,
        kind: "elsewhere",
        course_title: "Mentor training with another provider",
        completed_on,
        models: "",
        code,
        evidence_note: evidence,
        by,
    };
    db::insert_completion(&mut tx, &completion, now).await?;
    accredit(&mut tx, user_id, "elsewhere", completed_on, refresher_years, evidence, now).await?;
    tx.commit().await
}

/// What completing gives: the accreditation (a refresher moves its due
/// date), and initial training also makes the person a mentor.
async fn accredit(
    tx: &mut Tx,
    user_id: i64,
    kind: &str,
    completed_on: &str,
    refresher_years: i64,
    note: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    let due = crate::dates::add_years(completed_on, refresher_years).unwrap_or_default();
    if kind == CourseKind::Refresher.key() {
        return db::set_refresher_due(tx, user_id, &due, now).await;
    }
    // An older training record never shortens a current accreditation.
    let (completed_on, due) = match db::accreditation_dates(tx, user_id).await? {
        Some((done, later)) if later > due => (done, later),
        _ => (completed_on.to_string(), due),
    };
    crate::directory::db::record_accreditation(tx, user_id, &completed_on, &due, note, now).await?;
    // A new role is a change a data-protection officer follows; the
    // coordinator who recorded the course is in the course's own records.
    if db::grant_mentor_role(tx, user_id, now).await? {
        let entry = crate::audit::db::Entry {
            actor: None,
            subject: Some(user_id),
            action: crate::audit::action::ROLE_GRANTED,
            outcome: crate::accounts::Role::Mentor.as_str(),
            address: "",
        };
        crate::audit::db::insert(&mut **tx, &entry, now).await?;
    }
    Ok(())
}
