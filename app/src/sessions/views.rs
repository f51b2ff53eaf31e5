//! What the session pages receive: times already written in the viewer's
//! zone by the server, so the browser needs no time-zone data.

use super::rules::AvailabilityFields;
use super::state::SessionState;
use serde::{Deserialize, Serialize};

/// The availability page: the rules as typed and the exceptions to come.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AvailabilityPage {
    pub fields: AvailabilityFields,
    pub saved: bool,
    /// (id, "Leave: 4 to 8 January 2027") and so on.
    pub exceptions: Vec<(i64, String)>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionCard {
    pub id: i64,
    /// The mentor when the viewer is the mentee, and the other way round.
    pub with_name: String,
    pub i_am_mentor: bool,
    pub when: String,
    pub place: String,
    pub agenda: String,
    /// booked, cancelled, held or no_show.
    pub state: String,
    pub cancel_reason: String,
    pub cancelled_by_other: bool,
    /// Cancelled by the service, which closed the relationship.
    pub cancelled_by_service: bool,
    pub request_id: i64,
    pub can_change: bool,
    pub can_mark: bool,
}

impl SessionCard {
    /// The session's state; `None` only for a name this build does not know.
    pub fn session_state(&self) -> Option<SessionState> {
        SessionState::from_db(&self.state)
    }

    pub fn state_label(&self) -> &'static str {
        self.session_state().unwrap_or(SessionState::NoShow).label()
    }
}

/// An active relationship the viewer may book in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PairLink {
    pub request_id: i64,
    pub with_name: String,
    pub i_am_mentor: bool,
    pub held: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionsPage {
    pub upcoming: Vec<SessionCard>,
    pub past: Vec<SessionCard>,
    pub pairs: Vec<PairLink>,
    pub time_zone: String,
    pub feed_since: Option<String>,
    pub is_mentor: bool,
    pub cutoff_hours: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SlotView {
    pub starts: i64,
    /// "09:00".
    pub time: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayView {
    /// "2027-01-12".
    pub date: String,
    /// "Tuesday 12 January".
    pub label: String,
    pub slots: Vec<SlotView>,
}

/// One week of free times, Monday first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WeekView {
    pub label: String,
    pub days: Vec<DayView>,
}

/// The booking page for one relationship.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BookingPage {
    pub request_id: i64,
    pub mentor_name: String,
    pub zone_label: String,
    pub session_minutes: i64,
    /// (key, label) of the ways of meeting on offer.
    pub locations: Vec<(String, String)>,
    /// Eight weeks from this one.
    pub weeks: Vec<WeekView>,
    /// The session being moved: (id, when it is now).
    pub moving: Option<(i64, String)>,
    /// The time chosen, once a slot is picked: (starts, written out).
    pub chosen: Option<(i64, String)>,
    pub open: bool,
}
