//! A mentor's booking rules as typed, and the checks on them. Plain
//! functions shared by the form and the server, tested without either.

use super::rota::{self, day_field, MAX_ROTA_WEEKS, WEEKLY_START};
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

/// A window of one day, in minutes after local midnight. A night window
/// ends after 1440: it runs past midnight into the next day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Window {
    pub starts: i64,
    pub ends: i64,
}

impl Window {
    pub fn label(&self) -> String {
        format!("{}–{}", clock(self.starts), clock_end(self.ends))
    }
}

/// The longest a window running past midnight may be. Longer ones are far
/// more often a slip (09:00-05:00 for 09:00-17:00) than a real night.
pub const MAX_NIGHT_MINUTES: i64 = 12 * 60;

/// The clock time a window ends at: a night's end is on the next day.
pub fn clock_end(minutes: i64) -> String {
    clock(if minutes > 1440 { minutes - 1440 } else { minutes })
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
/// dash or "to" also works). Empty text is a day off. A window that ends
/// at or before its start runs past midnight (20:00-02:00), up to twelve
/// hours; windows may not overlap.
pub fn parse_windows(text: &str) -> Result<Vec<Window>, String> {
    let mut windows = Vec::new();
    for part in text.split([',', ';', '\n']).map(str::trim).filter(|p| !p.is_empty()) {
        let normalised = part.replace(" to ", "-").replace(['–', '—'], "-");
        let (a, b) = normalised
            .split_once('-')
            .ok_or_else(|| format!("“{part}” needs a start and an end, for example 09:00-12:00."))?;
        let mut window = Window { starts: parse_clock(a)?, ends: parse_clock(b)? };
        if window.ends <= window.starts {
            let night = Window { starts: window.starts, ends: window.ends + 1440 };
            if window.ends == window.starts || night.ends - night.starts > MAX_NIGHT_MINUTES {
                return Err(format!(
                    "{} ends before it starts. A time running past midnight can be up to 12 hours, \
                     for example 20:00-02:00.",
                    window.label()
                ));
            }
            window = night;
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
    windows
        .iter()
        .map(|w| format!("{}-{}", clock(w.starts), clock_end(w.ends)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The availability form as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AvailabilityFields {
    /// Seven entries per rota week, Monday first.
    pub days: Vec<String>,
    /// How many weeks the rota repeats over, 1 to 8.
    pub rota_weeks: String,
    /// The date week 1 starts (its week's Monday is used); may be empty
    /// for a one-week rota.
    pub rota_starts: String,
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
    /// One entry per rota week, each seven days of windows, Monday first.
    /// A weekly pattern is one week.
    pub weeks: Vec<Vec<Vec<Window>>>,
    /// The Monday rota week 1 starts on.
    pub rota_starts: String,
    pub time_zone: String,
    pub session_minutes: i64,
    pub buffer_minutes: i64,
    pub notice_hours: i64,
    pub max_per_week: i64,
    pub room: String,
    pub video_link: String,
    pub phone: String,
}

#[cfg(test)]
impl Rules {
    /// A London mentor's rules for tests: hour-long sessions, no break, no
    /// notice, room for 40 a week, rota week 1 from Monday 30 November 2026.
    pub fn test_rota(weeks: Vec<Vec<Vec<Window>>>) -> Rules {
        Rules {
            weeks,
            rota_starts: "2026-11-30".into(),
            time_zone: "Europe/London".into(),
            session_minutes: 60,
            buffer_minutes: 0,
            notice_hours: 0,
            max_per_week: 40,
            room: "Room 1".into(),
            video_link: String::new(),
            phone: String::new(),
        }
    }
}

impl Rules {
    pub fn fields(&self) -> AvailabilityFields {
        AvailabilityFields {
            days: self.weeks.iter().flatten().map(|w| windows_text(w)).collect(),
            rota_weeks: self.weeks.len().to_string(),
            rota_starts: if self.weeks.len() > 1 { self.rota_starts.clone() } else { String::new() },
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

    /// Which rota week (from zero) a local day falls in, by its days since
    /// 1970-01-01.
    pub fn week_index(&self, day: i64) -> usize {
        let starts =
            rota::day_number(&self.rota_starts).or_else(|| rota::day_number(WEEKLY_START)).unwrap_or(0);
        rota::week_index(starts, self.weeks.len(), day)
    }

    /// The windows of a local day (days since 1970-01-01), Monday first.
    pub fn windows_for(&self, day: i64) -> &[Window] {
        self.weeks
            .get(self.week_index(day))
            .and_then(|week| week.get(rota::weekday_of(day)))
            .map_or(&[][..], Vec::as_slice)
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
        rota_weeks: "1".into(),
        time_zone: "Europe/London".into(),
        session_minutes: "60".into(),
        buffer_minutes: "15".into(),
        notice_hours: "24".into(),
        max_per_week: "3".into(),
        ..Default::default()
    }
}

fn number_in(text: &str, range: std::ops::RangeInclusive<i64>) -> Option<i64> {
    text.trim().parse().ok().filter(|n| range.contains(n))
}

impl AvailabilityFields {
    /// The rules, or every problem by field in form order. `today` is the
    /// mentor's local date, for the rota's start.
    pub fn check(&self, today: &str) -> Result<Rules, Vec<FieldError>> {
        let mut v = Validation::default();
        let rota_weeks = number_in(&self.rota_weeks, 1..=MAX_ROTA_WEEKS as i64).map(|n| n as usize);
        v.check(
            rota_weeks.is_some(),
            "rota_weeks",
            "Choose how many weeks your pattern repeats over, from 1 (every week) to 8.",
        );
        let count = rota_weeks.unwrap_or((self.days.len() / 7).clamp(1, MAX_ROTA_WEEKS));
        let rota_starts = self.rota_start(today, count, &mut v);
        let mut weeks = Vec::new();
        for week in 0..count {
            let mut days = Vec::new();
            for (i, weekday) in WEEKDAYS.iter().enumerate() {
                let prefix =
                    if count > 1 { format!("Week {}, {weekday}", week + 1) } else { weekday.to_string() };
                match parse_windows(self.days.get(week * 7 + i).map_or("", String::as_str)) {
                    Ok(w) => days.push(w),
                    Err(message) => {
                        v.check(false, &day_field(week, i), &format!("{prefix}: {message}"));
                        days.push(vec![]);
                    }
                }
            }
            weeks.push(days);
        }
        for (week, i, message) in rota::night_clashes(&weeks) {
            let weekday = WEEKDAYS[i];
            let prefix =
                if count > 1 { format!("Week {}, {weekday}", week + 1) } else { weekday.to_string() };
            v.check(false, &day_field(week, i), &format!("{prefix}: {message}"));
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
            weeks,
            rota_starts,
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

impl AvailabilityFields {
    /// The fields from named values (a flash of what was typed); a day
    /// missing is empty.
    pub fn from_named(value: impl Fn(&str) -> Option<String>) -> AvailabilityFields {
        let days =
            (0..7 * MAX_ROTA_WEEKS).map(|i| value(&day_field(i / 7, i % 7)).unwrap_or_default()).collect();
        let text = |name: &str| value(name).unwrap_or_default();
        AvailabilityFields {
            days,
            rota_weeks: value("rota_weeks").unwrap_or_else(|| "1".into()),
            rota_starts: text("rota_starts"),
            time_zone: text("time_zone"),
            session_minutes: text("session_minutes"),
            buffer_minutes: text("buffer_minutes"),
            notice_hours: text("notice_hours"),
            max_per_week: text("max_per_week"),
            room: text("room"),
            video_link: text("video_link"),
            phone: text("phone"),
        }
    }

    /// The Monday week 1 starts on. A one-week rota needs no start; a
    /// longer one may start in the past (earlier weeks repeat backwards) but
    /// not more than its own length ahead.
    fn rota_start(&self, today: &str, weeks: usize, v: &mut Validation) -> String {
        let typed = self.rota_starts.trim();
        if typed.is_empty() && weeks == 1 {
            return WEEKLY_START.into();
        }
        let Some(monday) = rota::monday_of(typed) else {
            let message = if typed.is_empty() {
                "Enter the date week 1 of your rota starts, for example 2027-01-04."
            } else {
                "Enter the start date as YYYY-MM-DD, for example 2027-01-04."
            };
            v.check(false, "rota_starts", message);
            return WEEKLY_START.into();
        };
        let latest = crate::dates::add_days(today, 7 * weeks as i64).unwrap_or_default();
        if typed > latest.as_str() {
            let weeks_text = if weeks == 1 { "one week".to_string() } else { format!("{weeks} weeks") };
            v.check(
                false,
                "rota_starts",
                &format!(
                    "Start the rota no more than {weeks_text} ahead, on or before {}. \
                     The weeks before it follow the same pattern anyway.",
                    crate::dates::long(&latest)
                ),
            );
        }
        monday
    }
}

#[cfg(test)]
#[path = "rules_tests.rs"]
mod tests;
