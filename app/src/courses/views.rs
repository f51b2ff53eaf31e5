//! What course pages show, shared by server and browser.

use super::lists::{PlaceState, RunStatus};
use super::run::DayFields;
use serde::{Deserialize, Serialize};

/// A run as staff see it in the catalogue and on its page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunCard {
    pub id: i64,
    pub kind: String,
    pub kind_label: String,
    pub title: String,
    pub days: Vec<DayFields>,
    pub venue: String,
    pub online_link: String,
    pub area: String,
    pub area_label: String,
    pub facilitators: String,
    pub capacity: i64,
    pub places_left: i64,
    pub waiting: i64,
    pub register_by: String,
    pub status: RunStatus,
    /// Open, but every place is taken: registering joins the waiting list.
    pub full: bool,
    /// Past its registration deadline.
    pub closed_for_registration: bool,
    pub cancel_reason: String,
    /// The reader's own place, if they have one.
    pub my_place: Option<PlaceState>,
    /// Who the course is for.
    pub who_for: String,
    /// Why the signed-in reader may not take a place, if they may not.
    pub not_for_reader: Option<String>,
}

impl RunCard {
    /// "Open", "Full: join the waiting list", "Closed", "Cancelled".
    pub fn status_text(&self) -> String {
        match self.status {
            RunStatus::Cancelled => "Cancelled".into(),
            RunStatus::Closed => "Closed".into(),
            RunStatus::Open if self.closed_for_registration => "Registration has closed".into(),
            RunStatus::Open if self.full => "Full: you can join the waiting list".into(),
            RunStatus::Open => format!("Open: {} of {} places left", self.places_left, self.capacity),
        }
    }
}

/// The catalogue: runs still to come, filtered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CourseList {
    pub runs: Vec<RunCard>,
    /// Months with runs, "2027-03", for the month filter.
    pub months: Vec<String>,
    pub signed_in: bool,
}

/// One person on a run's register, for coordinators.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegisterRow {
    pub user_id: i64,
    pub name: String,
    pub email: String,
    pub state: PlaceState,
    pub present: Vec<bool>,
    pub certificate: Option<String>,
}

/// A certificate, as printed and as verified.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Certificate {
    pub code: String,
    pub name: String,
    pub course_title: String,
    pub completed_on: String,
    pub models: String,
    pub elsewhere: bool,
}

/// Coordinators' figures for training.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrainingFigures {
    pub runs_held: i64,
    pub people_trained: i64,
    pub mentors_current: i64,
    pub mentors_lapsed: i64,
    pub refreshers_due_90_days: i64,
}
