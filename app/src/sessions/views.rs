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
    /// The next four weeks under the saved rules, or under the typed ones
    /// when `previewing` (a preview posted without JavaScript).
    pub preview: Option<AvailabilityPreview>,
    pub previewing: bool,
}

/// What saving (or previewing) the availability form answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AvailabilitySaved {
    pub message: String,
    /// False for a preview.
    pub saved: bool,
    pub preview: AvailabilityPreview,
}

/// Free times over the next four weeks, in the mentor's zone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AvailabilityPreview {
    /// "Today is in week 2 of your 3-week rota."; `None` for a weekly pattern.
    pub today: Option<String>,
    pub weeks: Vec<PreviewWeek>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreviewWeek {
    /// "Week of Monday 30 November (rota week 1)".
    pub label: String,
    pub days: Vec<PreviewDay>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreviewDay {
    /// "Tuesday 1 December".
    pub label: String,
    /// Start times, "20:00".
    pub times: Vec<String>,
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
    /// When it was cancelled, in the viewer's zone; empty if not known.
    pub cancelled_when: String,
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

    /// "your mentor, Tom Okafor": the other one of the pair.
    fn other(&self) -> String {
        let role = if self.i_am_mentor { "your mentee" } else { "your mentor" };
        format!("{role}, {}", self.with_name)
    }

    /// What the card says of the session: "Booked with your mentor, Tom
    /// Okafor", or for a cancelled one who cancelled it and when (the
    /// state and a name alone read as if it were cancelled *with* them).
    pub fn summary(&self) -> String {
        if self.session_state() != Some(SessionState::Cancelled) {
            return format!("{} with {}", self.state_label(), self.other());
        }
        let on = if self.cancelled_when.is_empty() {
            String::new()
        } else {
            format!(" on {}", self.cancelled_when)
        };
        match (self.cancelled_by_service, self.cancelled_by_other) {
            (true, _) => format!(
                "Cancelled by the service{on}, when the mentoring ended. It was with {}.",
                self.other()
            ),
            // "your mentor, Tom Okafor, on …": the name is set off by commas.
            (false, true) if on.is_empty() => format!("Cancelled by {}.", self.other()),
            (false, true) => format!("Cancelled by {},{on}.", self.other()),
            (false, false) => format!("Cancelled by you{on}. It was with {}.", self.other()),
        }
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
    /// On a day and at a time of day the mentee said they can usually meet.
    pub suits: bool,
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
    /// Whether the reader is the mentee (who may change when they can
    /// meet) or the mentor.
    pub i_am_mentee: bool,
    pub mentee_name: String,
    /// When the mentee can usually meet: day and time-of-day keys, and in
    /// words ("weekdays; evenings or nights").
    pub days: Vec<String>,
    pub times: Vec<String>,
    pub said: String,
}

impl BookingPage {
    /// The first free time: its week's number, its day and the slot.
    fn first_free(&self) -> Option<(usize, &DayView, &SlotView)> {
        self.weeks.iter().enumerate().find_map(|(w, week)| {
            week.days.iter().find_map(|day| day.slots.first().map(|slot| (w, day, slot)))
        })
    }

    /// The week the page opens on: the first with a free time, so nobody
    /// lands on a week of "No free times" (a Sunday, leave).
    pub fn first_free_week(&self) -> usize {
        self.first_free().map_or(0, |(w, ..)| w)
    }

    /// The first `n` free times that suit the mentee: their week's number,
    /// their day's label and the slot, in order.
    pub fn suiting(&self, n: usize) -> Vec<(usize, &DayView, &SlotView)> {
        let all = self.weeks.iter().enumerate().flat_map(|(w, week)| {
            week.days.iter().flat_map(move |day| day.slots.iter().map(move |slot| (w, day, slot)))
        });
        all.filter(|(_, _, slot)| slot.suits).take(n).collect()
    }

    /// "Tuesday 12 January at 09:00", when there is a free time at all.
    pub fn next_free_time(&self) -> Option<String> {
        self.first_free().map(|(_, day, slot)| format!("{} at {}", day.label, slot.time))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn card(state: &str, i_am_mentor: bool, by_other: bool, by_service: bool) -> SessionCard {
        SessionCard {
            id: 1,
            with_name: if i_am_mentor { "Priya Shah".into() } else { "Tom Okafor".into() },
            i_am_mentor,
            when: String::new(),
            place: String::new(),
            agenda: String::new(),
            state: state.into(),
            cancel_reason: String::new(),
            cancelled_by_other: by_other,
            cancelled_by_service: by_service,
            cancelled_when: "Monday 30 November 2026, 14:05 GMT".into(),
            request_id: 1,
            can_change: false,
            can_mark: false,
        }
    }

    #[test]
    fn a_cancelled_session_says_who_cancelled_it_and_when() {
        assert_eq!(card("booked", false, false, false).summary(), "Booked with your mentor, Tom Okafor");
        assert_eq!(
            card("cancelled", false, true, false).summary(),
            "Cancelled by your mentor, Tom Okafor, on Monday 30 November 2026, 14:05 GMT."
        );
        assert_eq!(
            card("cancelled", true, false, false).summary(),
            "Cancelled by you on Monday 30 November 2026, 14:05 GMT. It was with your mentee, Priya Shah."
        );
        assert_eq!(
            card("cancelled", false, false, true).summary(),
            "Cancelled by the service on Monday 30 November 2026, 14:05 GMT, when the mentoring ended. \
             It was with your mentor, Tom Okafor."
        );
        let unknown = SessionCard { cancelled_when: String::new(), ..card("cancelled", false, true, false) };
        assert_eq!(unknown.summary(), "Cancelled by your mentor, Tom Okafor.");
    }

    fn week(slots: &[(&str, &[&str])]) -> WeekView {
        let days = slots
            .iter()
            .map(|(label, times)| DayView {
                date: String::new(),
                label: label.to_string(),
                slots: times
                    .iter()
                    .map(|t| SlotView { starts: 0, time: t.to_string(), suits: t.ends_with('*') })
                    .collect(),
            })
            .collect();
        WeekView { label: String::new(), days }
    }

    fn page(weeks: Vec<WeekView>) -> BookingPage {
        BookingPage {
            request_id: 1,
            mentor_name: String::new(),
            zone_label: String::new(),
            session_minutes: 60,
            locations: vec![],
            weeks,
            moving: None,
            chosen: None,
            open: true,
            i_am_mentee: true,
            mentee_name: String::new(),
            days: vec![],
            times: vec![],
            said: String::new(),
        }
    }

    #[test]
    fn the_page_opens_on_the_first_week_with_a_free_time() {
        let empty = week(&[("Sunday 3 January", &[])]);
        let later = week(&[("Monday 4 January", &[]), ("Tuesday 5 January", &["09:00", "10:15"])]);
        let booking = page(vec![empty.clone(), empty.clone(), later]);
        assert_eq!(booking.first_free_week(), 2);
        assert_eq!(booking.next_free_time().as_deref(), Some("Tuesday 5 January at 09:00"));
    }

    #[test]
    fn with_no_free_time_at_all_it_opens_on_this_week_and_names_none() {
        let booking = page(vec![week(&[("Sunday 3 January", &[])]); 8]);
        assert_eq!((booking.first_free_week(), booking.next_free_time()), (0, None));
    }

    #[test]
    fn the_times_that_suit_come_first_in_order_and_no_more_than_asked() {
        let first = week(&[("Monday 4 January", &["09:00", "18:00*"]), ("Tuesday 5 January", &["19:00*"])]);
        let second = week(&[("Monday 11 January", &["18:00*"])]);
        let booking = page(vec![first, second]);
        let shown: Vec<(usize, &str, &str)> =
            booking.suiting(2).into_iter().map(|(w, d, s)| (w, d.label.as_str(), s.time.as_str())).collect();
        assert_eq!(shown, [(0, "Monday 4 January", "18:00*"), (0, "Tuesday 5 January", "19:00*")]);
        assert_eq!(booking.suiting(10).len(), 3);
        assert!(page(vec![week(&[("Monday 4 January", &["09:00"])])]).suiting(5).is_empty());
    }
}
