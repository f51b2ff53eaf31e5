//! The rules for places on a run, decided without a database: who may
//! register, whether they get a place or join the waiting list, who is
//! promoted when places come free, and who may be marked as completed.
//! [`super::flow`] reads the facts inside a transaction and asks here.

use super::lists::{CourseKind, PlaceState, RunStatus, REFRESHER_NEEDS_ACCREDITATION};
use std::fmt;

/// Why a change to a place or a run was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    NoSuchRun,
    Cancelled,
    /// Closed for registration by a coordinator.
    NotTaking,
    DeadlinePassed {
        register_by: String,
    },
    /// A refresher, and the person holds no accreditation.
    NeedsAccreditation,
    AlreadyRegistered,
    AlreadyWaiting,
    /// Giving up a place the person does not hold.
    NoPlace,
    AlreadyCancelled,
    /// A run's new details stopped fitting while they were saved (someone
    /// registered meanwhile); the words say what no longer fits.
    NoLongerFits(String),
    /// Completing someone who holds no place on the run.
    NoPlaceFor,
    NotRegistered {
        name: String,
    },
    NotPresent {
        name: String,
        day: usize,
    },
    NothingToRefresh {
        name: String,
    },
    /// Lost a race with another coordinator in a way that is safe to retry.
    TryAgain,
}

impl Refusal {
    /// The refusal in words for the person who asked.
    pub fn message(&self) -> String {
        match self {
            Refusal::NoSuchRun => "We could not find that course.".into(),
            Refusal::Cancelled => "This course has been cancelled.".into(),
            Refusal::NotTaking => "This course is not taking registrations.".into(),
            Refusal::DeadlinePassed { register_by } => {
                format!("Registration for this course closed on {}.", crate::dates::long(register_by))
            }
            Refusal::NeedsAccreditation => REFRESHER_NEEDS_ACCREDITATION.into(),
            Refusal::AlreadyRegistered => "You already have a place on this course.".into(),
            Refusal::AlreadyWaiting => "You are already on the waiting list for this course.".into(),
            Refusal::NoPlace => "You do not have a place on this course.".into(),
            Refusal::AlreadyCancelled => "This course is already cancelled.".into(),
            Refusal::NoLongerFits(why) => why.clone(),
            Refusal::NoPlaceFor => "That person has no place on this course.".into(),
            Refusal::NotRegistered { name } => format!("{name} is not registered on this course."),
            Refusal::NotPresent { name, day } => {
                format!("{name} is not marked present on day {day}. Mark attendance for every day first.")
            }
            Refusal::NothingToRefresh { name } => {
                format!("{name} has no accreditation to refresh. Record their initial training first.")
            }
            Refusal::TryAgain => "Please try again.".into(),
        }
    }
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

/// What registration needs to know about a run, read with its row taken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gate {
    pub kind: CourseKind,
    pub status: RunStatus,
    pub capacity: i64,
    pub register_by: String,
}

/// Whether someone may register (or join the waiting list) on `today`.
/// `existing` is their place on the run, if they ever had one.
pub fn may_register(
    gate: &Gate,
    today: &str,
    accredited: bool,
    existing: Option<PlaceState>,
) -> Result<(), Refusal> {
    match gate.status {
        RunStatus::Open => {}
        RunStatus::Cancelled => return Err(Refusal::Cancelled),
        RunStatus::Closed => return Err(Refusal::NotTaking),
    }
    if today > gate.register_by.as_str() {
        return Err(Refusal::DeadlinePassed { register_by: gate.register_by.clone() });
    }
    if gate.kind.refusal(accredited).is_some() {
        return Err(Refusal::NeedsAccreditation);
    }
    match existing {
        Some(PlaceState::Registered) => Err(Refusal::AlreadyRegistered),
        Some(PlaceState::Waitlisted) => Err(Refusal::AlreadyWaiting),
        // Someone who gave up a place and comes back joins at the end.
        Some(PlaceState::Cancelled) | None => Ok(()),
    }
}

/// Where a newcomer goes. Nobody jumps the queue: while anyone is waiting,
/// a free place is theirs, so the newcomer waits too.
pub fn placement(capacity: i64, registered: i64, waiting: i64) -> PlaceState {
    if registered < capacity && waiting == 0 {
        PlaceState::Registered
    } else {
        PlaceState::Waitlisted
    }
}

/// Someone on the waiting list: their place in the order of arrival.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Waiting {
    pub position: i64,
    pub user_id: i64,
}

/// Who gets the free places, front of the waiting list first.
pub fn promoted(capacity: i64, registered: i64, mut waiting: Vec<Waiting>) -> Vec<i64> {
    let free = usize::try_from(capacity - registered).unwrap_or(0);
    waiting.sort_by_key(|w| w.position);
    waiting.into_iter().take(free).map(|w| w.user_id).collect()
}

/// Whether a place can be given up: only one held or waited for.
pub fn may_give_up(current: Option<PlaceState>) -> Result<(), Refusal> {
    match current {
        Some(PlaceState::Registered | PlaceState::Waitlisted) => Ok(()),
        Some(PlaceState::Cancelled) | None => Err(Refusal::NoPlace),
    }
}

/// Whether a run can be cancelled.
pub fn may_cancel_run(status: RunStatus) -> Result<(), Refusal> {
    match status {
        RunStatus::Cancelled => Err(Refusal::AlreadyCancelled),
        RunStatus::Open | RunStatus::Closed => Ok(()),
    }
}

/// Whether registration can be opened or closed: not once cancelled.
pub fn may_set_registration(status: RunStatus) -> Result<(), Refusal> {
    match status {
        RunStatus::Cancelled => Err(Refusal::Cancelled),
        RunStatus::Open | RunStatus::Closed => Ok(()),
    }
}

/// Someone on a run's register, as completion needs them.
#[derive(Debug, Clone, Copy)]
pub struct Attendee<'a> {
    pub name: &'a str,
    pub state: PlaceState,
    /// Present on each day, in day order.
    pub present: &'a [bool],
    /// The certificate's code if already completed.
    pub completion: Option<&'a str>,
}

/// What completing someone does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Completing {
    /// Completed before: their certificate stands, nothing new is written.
    Already(String),
    Now,
}

/// Whether someone can be marked as having completed a run: registered,
/// present every day, and for a refresher, holding an accreditation.
pub fn may_complete(
    attendee: Option<Attendee<'_>>,
    kind: CourseKind,
    accredited: bool,
) -> Result<Completing, Refusal> {
    let Some(a) = attendee else { return Err(Refusal::NoPlaceFor) };
    if a.state != PlaceState::Registered {
        return Err(Refusal::NotRegistered { name: a.name.into() });
    }
    if let Some(code) = a.completion {
        return Ok(Completing::Already(code.into()));
    }
    if let Some(missed) = a.present.iter().position(|p| !p) {
        return Err(Refusal::NotPresent { name: a.name.into(), day: missed + 1 });
    }
    if kind == CourseKind::Refresher && !accredited {
        return Err(Refusal::NothingToRefresh { name: a.name.into() });
    }
    Ok(Completing::Now)
}

#[cfg(test)]
#[path = "places_tests.rs"]
mod tests;
