//! The pair's agreement (contracting): how often and how long they will
//! meet, where and how, how they keep in touch, the limits of
//! confidentiality, and what the mentee hopes for. Plain data and its
//! checks, no I/O. Each of the pair agrees a version; a change makes a new
//! version, which the other must agree again.

use crate::error::{FieldError, Validation};
use serde::{Deserialize, Serialize};

pub const MAX_MEETING: usize = 200;
pub const MAX_CONTACT: usize = 200;
/// The request's goal may be carried over, so the same limit.
pub const MAX_HOPES: usize = crate::requests::form::MAX_GOAL;
pub const MAX_SESSIONS: i64 = 50;
/// How far ahead an end date may be.
pub const MAX_YEARS: i64 = 2;
/// The default length: six months from the start.
pub const DEFAULT_MONTHS: i64 = 6;

crate::vocabulary::reference_list! {
    /// How often the pair plan to meet; monthly is the usual rhythm.
    Frequency {
        Fortnightly = "fortnightly", "Every two weeks";
        Monthly = "monthly", "Every month";
        SixWeekly = "six-weekly", "Every six weeks";
        Bimonthly = "two-monthly", "Every two months";
        AsNeeded = "as-needed", "When either of us asks";
    }
}

/// The agreement's fields as typed (and as shown), all text so a form
/// with a mistake comes back exactly as it was sent. A field the form
/// left out (a radio group with nothing chosen) reads as empty.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AgreementFields {
    pub frequency: String,
    /// "sessions" or "date": which of the two says how long.
    pub length: String,
    pub sessions: String,
    /// `YYYY-MM-DD`.
    pub ends_on: String,
    pub meeting: String,
    pub contact: String,
    pub hopes: String,
    /// The mentee's own: "yes", "no" or "" (not said). Never sent to the
    /// mentor.
    pub protected_time: String,
    pub protected_on: String,
}

/// How long the pair plan to meet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Length {
    Sessions(i64),
    Until(String),
}

/// An agreement that passed its checks, ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Agreement {
    pub frequency: Frequency,
    pub length: Length,
    pub meeting: String,
    pub contact: String,
    pub hopes: String,
    pub protected_time: Option<bool>,
    pub protected_on: Option<String>,
}

impl Agreement {
    /// True when `other` says the same to the pair; the mentee's own
    /// protected-time record is not part of what the mentor agrees.
    pub fn same_terms(&self, other: &Agreement) -> bool {
        (&self.frequency, &self.length, &self.meeting, &self.contact, &self.hopes)
            == (&other.frequency, &other.length, &other.meeting, &other.contact, &other.hopes)
    }

    /// The fields as the form shows them.
    pub fn fields(&self) -> AgreementFields {
        let (length, sessions, ends_on) = match &self.length {
            Length::Sessions(n) => ("sessions", n.to_string(), String::new()),
            Length::Until(date) => ("date", String::new(), date.clone()),
        };
        AgreementFields {
            frequency: self.frequency.key().into(),
            length: length.into(),
            sessions,
            ends_on,
            meeting: self.meeting.clone(),
            contact: self.contact.clone(),
            hopes: self.hopes.clone(),
            protected_time: match self.protected_time {
                Some(true) => "yes".into(),
                Some(false) => "no".into(),
                None => String::new(),
            },
            protected_on: self.protected_on.clone().unwrap_or_default(),
        }
    }
}

impl AgreementFields {
    /// What a new agreement starts from: monthly, six months from the
    /// start, and the mentee's hopes if they shared their request.
    pub fn first(started_on: &str, hopes: String) -> AgreementFields {
        AgreementFields {
            frequency: Frequency::Monthly.key().into(),
            length: "date".into(),
            ends_on: crate::dates::add_months(started_on, DEFAULT_MONTHS).unwrap_or_default(),
            hopes,
            ..Default::default()
        }
    }

    /// Trims the text as it will be stored.
    pub fn tidy(mut self) -> Self {
        for field in [
            &mut self.frequency,
            &mut self.length,
            &mut self.sessions,
            &mut self.ends_on,
            &mut self.meeting,
            &mut self.contact,
            &mut self.hopes,
            &mut self.protected_time,
            &mut self.protected_on,
        ] {
            *field = field.trim().to_string();
        }
        self
    }

    /// Checks the fields against `today` (a local `YYYY-MM-DD`): every
    /// problem by field, in the form's order.
    pub fn check(&self, today: &str) -> Result<Agreement, Vec<FieldError>> {
        let mut v = Validation::default();
        let frequency = Frequency::from_key(&self.frequency);
        v.check(frequency.is_some(), "frequency", "Choose how often you plan to meet.");
        let length = match self.length.as_str() {
            "sessions" => {
                let n = self.sessions.parse::<i64>().ok().filter(|n| (1..=MAX_SESSIONS).contains(n));
                v.check(
                    n.is_some(),
                    "sessions",
                    &format!("Enter a number of sessions from 1 to {MAX_SESSIONS}."),
                );
                n.map(Length::Sessions)
            }
            "date" => {
                let latest = crate::dates::add_years(today, MAX_YEARS).unwrap_or_default();
                let date = crate::dates::parse(&self.ends_on).map(|_| self.ends_on.clone());
                match &date {
                    None => v.check(
                        false,
                        "ends_on",
                        "Enter the end date as a real date, for example 2027-06-30.",
                    ),
                    Some(d) if d.as_str() < today => {
                        v.check(false, "ends_on", "The end date cannot be in the past.")
                    }
                    Some(d) if d.as_str() > latest.as_str() => v.check(
                        false,
                        "ends_on",
                        &format!("The end date must be within {MAX_YEARS} years from today."),
                    ),
                    Some(_) => {}
                }
                date.map(Length::Until)
            }
            _ => {
                v.check(false, "length", "Choose a number of sessions or an end date.");
                None
            }
        };
        v.line("meeting", &self.meeting);
        v.check(!self.meeting.is_empty(), "meeting", "Say where or how you will meet.");
        check_max(&mut v, "meeting", &self.meeting, MAX_MEETING);
        v.line("contact", &self.contact);
        v.check(!self.contact.is_empty(), "contact", "Say how you will contact each other between sessions.");
        check_max(&mut v, "contact", &self.contact, MAX_CONTACT);
        v.text("hopes", &self.hopes);
        check_max(&mut v, "hopes", &self.hopes, MAX_HOPES);
        let protected_time = match self.protected_time.as_str() {
            "yes" => Some(true),
            "no" => Some(false),
            "" => None,
            _ => {
                v.check(false, "protected_time", "Choose yes or no.");
                None
            }
        };
        let protected_on = (!self.protected_on.is_empty()).then(|| self.protected_on.clone());
        if let Some(on) = &protected_on {
            v.check(
                crate::dates::parse(on).is_some(),
                "protected_on",
                "Enter the date as a real date, for example 2027-01-31.",
            );
        }
        let errors = v.errors();
        match (frequency, length, errors.is_empty()) {
            (Some(frequency), Some(length), true) => Ok(Agreement {
                frequency,
                length,
                meeting: self.meeting.clone(),
                contact: self.contact.clone(),
                hopes: self.hopes.clone(),
                protected_time,
                protected_on,
            }),
            _ => Err(errors),
        }
    }
}

fn check_max(v: &mut Validation, field: &str, value: &str, max: usize) {
    v.check(value.chars().count() <= max, field, &format!("Keep this to {max} characters."));
}

#[cfg(test)]
mod tests {
    use super::*;

    const TODAY: &str = "2026-11-29";

    fn good() -> AgreementFields {
        AgreementFields {
            meeting: "Library, City Hospital".into(),
            contact: "Email".into(),
            ..AgreementFields::first("2026-11-20", "To plan my next step".into())
        }
    }

    fn fields_of(result: Result<Agreement, Vec<FieldError>>) -> Vec<String> {
        result.unwrap_err().into_iter().map(|e| e.field).collect()
    }

    #[test]
    fn the_first_agreement_is_monthly_for_six_months_from_the_start() {
        let f = AgreementFields::first("2026-11-20", String::new());
        assert_eq!(
            (f.frequency.as_str(), f.length.as_str(), f.ends_on.as_str()),
            ("monthly", "date", "2027-05-20")
        );
        let a = good().check(TODAY).unwrap();
        assert_eq!(a.length, Length::Until("2027-05-20".into()));
        assert_eq!(a.fields().check(TODAY).unwrap(), a, "fields round-trip");
    }

    #[test]
    fn end_dates_in_the_past_or_too_far_ahead_are_refused_by_name() {
        let past = AgreementFields { ends_on: "2026-11-28".into(), ..good() };
        let err = past.check(TODAY).unwrap_err();
        assert_eq!(err[0].field, "ends_on");
        assert_eq!(err[0].message, "The end date cannot be in the past.");
        assert!(AgreementFields { ends_on: TODAY.into(), ..good() }.check(TODAY).is_ok());
        assert!(AgreementFields { ends_on: "2028-11-29".into(), ..good() }.check(TODAY).is_ok());
        assert_eq!(
            fields_of(AgreementFields { ends_on: "2028-11-30".into(), ..good() }.check(TODAY)),
            ["ends_on"]
        );
        assert_eq!(
            fields_of(AgreementFields { ends_on: "2027-02-30".into(), ..good() }.check(TODAY)),
            ["ends_on"]
        );
    }

    #[test]
    fn a_number_of_sessions_instead_of_a_date() {
        let f = AgreementFields {
            length: "sessions".into(),
            sessions: "6".into(),
            ends_on: "nonsense".into(),
            ..good()
        };
        assert_eq!(f.check(TODAY).unwrap().length, Length::Sessions(6));
        for bad in ["0", "51", "six", ""] {
            let f = AgreementFields { length: "sessions".into(), sessions: bad.into(), ..good() };
            assert_eq!(fields_of(f.check(TODAY)), ["sessions"], "{bad}");
        }
        assert_eq!(
            fields_of(AgreementFields { length: "forever".into(), ..good() }.check(TODAY)),
            ["length"]
        );
    }

    #[test]
    fn missing_long_and_control_text_is_named_by_field() {
        let f = AgreementFields {
            frequency: "hourly".into(),
            meeting: String::new(),
            contact: "x".repeat(MAX_CONTACT + 1),
            hopes: "bell\u{7}".into(),
            protected_time: "maybe".into(),
            protected_on: "soon".into(),
            ..good()
        };
        assert_eq!(
            fields_of(f.check(TODAY)),
            ["frequency", "meeting", "contact", "hopes", "protected_time", "protected_on"]
        );
        let f = AgreementFields { meeting: "Room 1\r\nBcc: x".into(), ..good() };
        assert_eq!(fields_of(f.check(TODAY)), ["meeting"]);
    }

    #[test]
    fn protected_time_is_not_part_of_the_shared_terms() {
        let a = good().check(TODAY).unwrap();
        let b = AgreementFields { protected_time: "yes".into(), protected_on: "2026-12-01".into(), ..good() };
        let b = b.check(TODAY).unwrap();
        assert!(a.same_terms(&b));
        let c = AgreementFields { contact: "Phone".into(), ..good() }.check(TODAY).unwrap();
        assert!(!a.same_terms(&c));
    }
}
