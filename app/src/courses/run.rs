//! A course run as coordinators write it, and the checks on it. Plain
//! functions, tested without a server.

use super::lists::CourseKind;
use crate::dates;
use crate::error::{FieldError, Validation};
use serde::{Deserialize, Serialize};

/// One day of a run: date and times, as typed ("2027-03-04", "09:30").
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayFields {
    pub day: String,
    pub starts_at: String,
    pub ends_at: String,
}

/// A run's fields as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunFields {
    pub kind: String,
    pub title: String,
    pub days: Vec<DayFields>,
    pub venue: String,
    pub online_link: String,
    pub area: String,
    pub facilitators: String,
    pub capacity: String,
    pub register_by: String,
}

fn is_time(text: &str) -> bool {
    let Some((h, m)) = text.split_once(':') else { return false };
    h.len() == 2
        && m.len() == 2
        && h.parse::<u8>().is_ok_and(|h| h < 24)
        && m.parse::<u8>().is_ok_and(|m| m < 60)
}

impl RunFields {
    /// The problems with these fields, in form order. `taken` is the
    /// number of people registered now (capacity cannot go below it).
    pub fn problems(&self, taken: i64) -> Vec<FieldError> {
        let mut v = Validation::default();
        v.check(CourseKind::from_key(&self.kind).is_some(), "kind", "Choose the kind of course.");
        let title = self.title.trim();
        v.check(!title.is_empty(), "title", "Enter a title.");
        v.check(title.chars().count() <= 120, "title", "The title must be 120 characters or fewer.");
        v.check(!self.days.is_empty(), "days", "Add at least one day.");
        for (i, d) in self.days.iter().enumerate() {
            let n = i + 1;
            v.check(
                dates::parse(&d.day).is_some(),
                "days",
                &format!("Day {n}: enter the date as YYYY-MM-DD."),
            );
            v.check(
                is_time(&d.starts_at) && is_time(&d.ends_at),
                "days",
                &format!("Day {n}: enter start and end times as HH:MM, for example 09:30."),
            );
            v.check(
                d.starts_at < d.ends_at,
                "days",
                &format!("Day {n}: the end time must be after the start time."),
            );
            if i > 0 {
                v.check(
                    self.days[i - 1].day < d.day,
                    "days",
                    &format!("Day {n} must come after day {i}: put the days in order, each on its own date."),
                );
            }
        }
        let venue = self.venue.trim();
        let link = self.online_link.trim();
        v.check(
            !(venue.is_empty() && link.is_empty()),
            "venue",
            "Enter the venue, or an online link for an online course.",
        );
        v.check(
            link.is_empty() || crate::vocabulary::is_web_address(link),
            "online_link",
            "Enter the online link as a complete address starting https://.",
        );
        v.check(
            crate::vocabulary::Area::from_key(&self.area).is_some() || self.area == "online",
            "area",
            "Choose the area, or online.",
        );
        let capacity = self.capacity.trim().parse::<i64>();
        v.check(
            capacity.as_ref().is_ok_and(|c| (1..=200).contains(c)),
            "capacity",
            "Enter the number of places, from 1 to 200.",
        );
        if let Ok(c) = capacity {
            v.check(
                c >= taken,
                "capacity",
                &format!("{taken} people are registered: the places cannot be fewer than that."),
            );
        }
        v.check(
            dates::parse(&self.register_by).is_some(),
            "register_by",
            "Enter the last day to register as YYYY-MM-DD.",
        );
        if let Some(first) = self.days.first() {
            v.check(
                self.register_by <= first.day,
                "register_by",
                "The last day to register must be on or before the first day.",
            );
        }
        v.errors()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn good() -> RunFields {
        RunFields {
            kind: "initial".into(),
            title: "Mentoring in Healthcare Organisations".into(),
            days: vec![
                DayFields { day: "2027-03-04".into(), starts_at: "09:30".into(), ends_at: "16:30".into() },
                DayFields { day: "2027-03-11".into(), starts_at: "09:30".into(), ends_at: "16:30".into() },
            ],
            venue: "Education Centre, Derby".into(),
            area: "derby".into(),
            facilitators: "A. Trainer".into(),
            capacity: "12".into(),
            register_by: "2027-02-25".into(),
            ..Default::default()
        }
    }

    fn fields(problems: &[FieldError]) -> Vec<&str> {
        problems.iter().map(|p| p.field.as_str()).collect()
    }

    #[test]
    fn a_good_run_has_no_problems() {
        assert_eq!(good().problems(0), vec![]);
    }

    #[test]
    fn days_out_of_order_are_named() {
        let mut run = good();
        run.days.swap(0, 1);
        let problems = run.problems(0);
        assert_eq!(fields(&problems), ["days", "register_by"][..1]);
        assert_eq!(
            problems[0].message,
            "Day 2 must come after day 1: put the days in order, each on its own date."
        );
        let mut same = good();
        same.days[1].day = same.days[0].day.clone();
        assert_eq!(fields(&same.problems(0)), ["days"]);
        let mut backwards = good();
        backwards.days[0].ends_at = "08:00".into();
        assert_eq!(backwards.problems(0)[0].message, "Day 1: the end time must be after the start time.");
    }

    #[test]
    fn capacity_cannot_fall_below_those_registered() {
        let mut run = good();
        run.capacity = "5".into();
        let problems = run.problems(6);
        assert_eq!(fields(&problems), ["capacity"]);
        assert_eq!(problems[0].message, "6 people are registered: the places cannot be fewer than that.");
        assert!(run.problems(5).is_empty());
    }

    #[test]
    fn every_field_is_checked() {
        let run = RunFields { capacity: "many".into(), register_by: "soon".into(), ..Default::default() };
        assert_eq!(
            fields(&run.problems(0)),
            ["kind", "title", "days", "venue", "area", "capacity", "register_by"]
        );
        let late = RunFields { register_by: "2027-03-05".into(), ..good() };
        assert_eq!(fields(&late.problems(0)), ["register_by"]);
    }
}
