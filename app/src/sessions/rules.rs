//! A mentor's booking rules as typed, and the checks on them. Plain
//! functions shared by the form and the server, tested without either.

use crate::error::{FieldError, Validation};
use serde::{Deserialize, Serialize};

pub const WEEKDAYS: [&str; 7] =
    ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
pub const SESSION_MINUTES: [i64; 4] = [30, 45, 60, 90];
pub const BUFFER_MINUTES: [i64; 6] = [0, 5, 10, 15, 30, 60];

/// Time zones people may choose. The service is in England; the others
/// are for staff working or travelling elsewhere.
pub const TIME_ZONES: [(&str, &str); 12] = [
    ("Europe/London", "UK time (London)"),
    ("Europe/Dublin", "Ireland (Dublin)"),
    ("Europe/Paris", "Central Europe (Paris, Berlin, Madrid)"),
    ("Europe/Athens", "Eastern Europe (Athens)"),
    ("UTC", "UTC"),
    ("America/New_York", "US Eastern (New York)"),
    ("America/Los_Angeles", "US Pacific (Los Angeles)"),
    ("Asia/Dubai", "Gulf (Dubai)"),
    ("Asia/Kolkata", "India (Kolkata)"),
    ("Asia/Manila", "Philippines (Manila)"),
    ("Africa/Lagos", "West Africa (Lagos)"),
    ("Australia/Sydney", "Australia Eastern (Sydney)"),
];

pub fn is_time_zone(name: &str) -> bool {
    TIME_ZONES.iter().any(|(key, _)| *key == name)
}

/// A window of one day, in minutes after local midnight.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Window {
    pub starts: i64,
    pub ends: i64,
}

impl Window {
    pub fn label(&self) -> String {
        format!("{}–{}", clock(self.starts), clock(self.ends))
    }
}

/// "09:05" for 545 minutes.
pub fn clock(minutes: i64) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

/// Reads "HH:MM" (or "H:MM") to minutes after midnight. Times fall on
/// five-minute marks, the grain bookings are held in.
pub fn parse_clock(text: &str) -> Result<i64, String> {
    let text = text.trim();
    let bad = || format!("“{text}” is not a time: write it as HH:MM, for example 09:30.");
    let (h, m) = text.split_once(':').ok_or_else(bad)?;
    if h.is_empty() || h.len() > 2 || m.len() != 2 {
        return Err(bad());
    }
    let (h, m): (i64, i64) = (h.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?);
    if !(0..=24).contains(&h) || !(0..60).contains(&m) || (h == 24 && m != 0) {
        return Err(bad());
    }
    if m % 5 != 0 {
        return Err(format!(
            "{text}: use a time on a five-minute mark, such as {}.",
            clock(h * 60 + m / 5 * 5)
        ));
    }
    Ok(h * 60 + m)
}

/// Reads one day's windows, typed as "09:00-12:00, 14:00-17:00" (an en
/// dash or "to" also works). Empty text is a day off. Windows must end
/// after they start and may not overlap.
pub fn parse_windows(text: &str) -> Result<Vec<Window>, String> {
    let mut windows = Vec::new();
    for part in text.split([',', ';', '\n']).map(str::trim).filter(|p| !p.is_empty()) {
        let normalised = part.replace(" to ", "-").replace(['–', '—'], "-");
        let (a, b) = normalised
            .split_once('-')
            .ok_or_else(|| format!("“{part}” needs a start and an end, for example 09:00-12:00."))?;
        let window = Window { starts: parse_clock(a)?, ends: parse_clock(b)? };
        if window.ends <= window.starts {
            return Err(format!("{} ends before it starts.", window.label()));
        }
        windows.push(window);
    }
    windows.sort_by_key(|w| w.starts);
    for pair in windows.windows(2) {
        if pair[1].starts < pair[0].ends {
            return Err(format!("{} and {} overlap.", pair[0].label(), pair[1].label()));
        }
    }
    Ok(windows)
}

/// The day's windows written back the way the form reads them.
pub fn windows_text(windows: &[Window]) -> String {
    windows.iter().map(|w| format!("{}-{}", clock(w.starts), clock(w.ends))).collect::<Vec<_>>().join(", ")
}

/// The availability form as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AvailabilityFields {
    /// One entry per weekday, Monday first.
    pub days: Vec<String>,
    pub time_zone: String,
    pub session_minutes: String,
    pub buffer_minutes: String,
    pub notice_hours: String,
    pub max_per_week: String,
    pub room: String,
    pub video_link: String,
    pub phone: String,
}

/// The rules once checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rules {
    pub weekly: Vec<Vec<Window>>,
    pub time_zone: String,
    pub session_minutes: i64,
    pub buffer_minutes: i64,
    pub notice_hours: i64,
    pub max_per_week: i64,
    pub room: String,
    pub video_link: String,
    pub phone: String,
}

impl Rules {
    pub fn fields(&self) -> AvailabilityFields {
        AvailabilityFields {
            days: self.weekly.iter().map(|w| windows_text(w)).collect(),
            time_zone: self.time_zone.clone(),
            session_minutes: self.session_minutes.to_string(),
            buffer_minutes: self.buffer_minutes.to_string(),
            notice_hours: self.notice_hours.to_string(),
            max_per_week: self.max_per_week.to_string(),
            room: self.room.clone(),
            video_link: self.video_link.clone(),
            phone: self.phone.clone(),
        }
    }

    /// The ways of meeting offered, as (key, label, detail).
    pub fn locations(&self) -> Vec<(&'static str, &'static str, String)> {
        [
            ("room", "In person", &self.room),
            ("video", "Video call", &self.video_link),
            ("phone", "Phone", &self.phone),
        ]
        .into_iter()
        .filter(|(_, _, detail)| !detail.trim().is_empty())
        .map(|(key, label, detail)| (key, label, detail.clone()))
        .collect()
    }
}

/// A new mentor's starting point: nothing open yet.
pub fn default_fields() -> AvailabilityFields {
    AvailabilityFields {
        days: vec![String::new(); 7],
        time_zone: "Europe/London".into(),
        session_minutes: "60".into(),
        buffer_minutes: "15".into(),
        notice_hours: "24".into(),
        max_per_week: "3".into(),
        ..Default::default()
    }
}

/// The field name of a weekday's windows, as the form and errors use it.
pub fn day_field(i: usize) -> String {
    format!("day_{}", WEEKDAYS[i].to_lowercase())
}

fn number_in(text: &str, range: std::ops::RangeInclusive<i64>) -> Option<i64> {
    text.trim().parse().ok().filter(|n| range.contains(n))
}

impl AvailabilityFields {
    /// The rules, or every problem by field in form order.
    pub fn check(&self) -> Result<Rules, Vec<FieldError>> {
        let mut v = Validation::default();
        let mut weekly = Vec::new();
        for (i, weekday) in WEEKDAYS.iter().enumerate() {
            match parse_windows(self.days.get(i).map_or("", String::as_str)) {
                Ok(w) => weekly.push(w),
                Err(message) => {
                    v.check(false, &day_field(i), &format!("{weekday}: {message}"));
                    weekly.push(vec![]);
                }
            }
        }
        v.check(is_time_zone(&self.time_zone), "time_zone", "Choose a time zone from the list.");
        let session = number_in(&self.session_minutes, 30..=90).filter(|n| SESSION_MINUTES.contains(n));
        v.check(session.is_some(), "session_minutes", "Choose a session length: 30, 45, 60 or 90 minutes.");
        let buffer = number_in(&self.buffer_minutes, 0..=60).filter(|n| BUFFER_MINUTES.contains(n));
        v.check(buffer.is_some(), "buffer_minutes", "Choose a break between sessions from the list.");
        let notice = number_in(&self.notice_hours, 0..=336);
        v.check(
            notice.is_some(),
            "notice_hours",
            "Enter the notice you need in hours, from 0 to 336 (two weeks).",
        );
        let max = number_in(&self.max_per_week, 1..=40);
        v.check(
            max.is_some(),
            "max_per_week",
            "Enter the most sessions you will hold in a week, from 1 to 40.",
        );
        v.check(self.room.chars().count() <= 200, "room", "Keep the room and address to 200 characters.");
        let link = self.video_link.trim();
        v.check(
            link.is_empty()
                || (link.starts_with("https://") && link.len() > 8 && !link.contains(char::is_whitespace)),
            "video_link",
            "Enter the video link as a full address starting https://, or leave it empty.",
        );
        let phone = self.phone.trim();
        v.check(
            phone.is_empty()
                || (phone.chars().all(|c| c.is_ascii_digit() || " +()-".contains(c))
                    && phone.chars().filter(char::is_ascii_digit).count() >= 7),
            "phone",
            "Enter a phone number using digits (spaces and + are fine), or leave it empty.",
        );
        v.check(
            !(self.room.trim().is_empty() && link.is_empty() && phone.is_empty()),
            "room",
            "Offer at least one way of meeting: a room, a video link or a phone number.",
        );
        let errors = v.errors();
        if !errors.is_empty() {
            return Err(errors);
        }
        let (Some(session_minutes), Some(buffer_minutes), Some(notice_hours), Some(max_per_week)) =
            (session, buffer, notice, max)
        else {
            unreachable!("every number was checked above");
        };
        Ok(Rules {
            weekly,
            time_zone: self.time_zone.clone(),
            session_minutes,
            buffer_minutes,
            notice_hours,
            max_per_week,
            room: self.room.trim().into(),
            video_link: link.into(),
            phone: phone.into(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_are_read_in_several_spellings() {
        let w = parse_windows("14:00 to 17:00; 9:00–12:00").unwrap();
        assert_eq!(w, vec![Window { starts: 540, ends: 720 }, Window { starts: 840, ends: 1020 }]);
        assert_eq!(windows_text(&w), "09:00-12:00, 14:00-17:00");
        assert_eq!(parse_windows("  ").unwrap(), vec![]);
        assert_eq!(parse_windows("20:00-24:00").unwrap(), vec![Window { starts: 1200, ends: 1440 }]);
    }

    #[test]
    fn bad_windows_say_what_is_wrong() {
        assert!(parse_windows("12:00-09:00").unwrap_err().contains("ends before it starts"));
        assert!(parse_windows("09:00-12:00, 11:00-13:00").unwrap_err().contains("overlap"));
        assert!(parse_windows("9am-5pm").unwrap_err().contains("not a time"));
        assert!(parse_windows("09:00").unwrap_err().contains("needs a start and an end"));
        assert!(parse_windows("09:07-10:00").unwrap_err().contains("five-minute mark"));
        assert!(parse_windows("25:00-26:00").unwrap_err().contains("not a time"));
    }

    #[test]
    fn the_form_is_checked_field_by_field() {
        let mut f = default_fields();
        f.days[0] = "09:00-12:00".into();
        f.room = "Room 4, Queen's Medical Centre".into();
        let rules = f.check().unwrap();
        assert_eq!(rules.weekly[0], vec![Window { starts: 540, ends: 720 }]);
        assert_eq!(rules.locations().len(), 1);

        let mut bad = f.clone();
        bad.days[2] = "10:00-09:00".into();
        bad.session_minutes = "50".into();
        bad.video_link = "zoom.us/j/1".into();
        bad.time_zone = "Mars/Olympus".into();
        let errors = bad.check().unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["day_wednesday", "time_zone", "session_minutes", "video_link"]);
        assert!(errors[0].message.starts_with("Wednesday:"));

        let mut nowhere = f;
        nowhere.room.clear();
        assert_eq!(nowhere.check().unwrap_err()[0].field, "room");
    }
}
