//! Free slots: a mentor's rules and bookings turned into the instants a
//! mentee may book. Instants are unix seconds (UTC); windows are wall-clock
//! times in the mentor's zone, so a weekly 09:00 stays 09:00 across the
//! clock changes. A window belongs to the day it starts on, in that day's
//! rota week; a night window's slots run on past midnight. Pure functions,
//! checked by the property tests in `slots_tests` and `rota_tests`.

use super::rules::{Rules, Window};
use jiff::civil::{Date, DateTime};
use jiff::tz::TimeZone;
use jiff::Timestamp;

/// Bookings are held in five-minute blocks (see `session_blocks`).
pub const BLOCK_SECONDS: i64 = 300;

/// The blocks an interval of a mentor's time covers.
pub fn blocks(starts: i64, until: i64) -> std::ops::Range<i64> {
    starts.div_euclid(BLOCK_SECONDS)..(until + BLOCK_SECONDS - 1).div_euclid(BLOCK_SECONDS)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Exception {
    /// No rota windows starting from the first day to the last, inclusive.
    Leave { first: Date, last: Date },
    /// One more window on one day.
    Extra { day: Date, window: Window },
}

/// A live session: the mentor's time it holds, its break included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Held {
    pub starts: i64,
    pub until: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Slot {
    pub starts: i64,
    pub ends: i64,
}

/// Everything slot-finding reads about one mentor.
pub struct Diary<'a> {
    pub rules: &'a Rules,
    pub zone: TimeZone,
    pub exceptions: &'a [Exception],
    pub held: &'a [Held],
}

/// A zone by name; the names offered are checked when the rules are saved.
pub fn zone(name: &str) -> TimeZone {
    TimeZone::get(name).unwrap_or(TimeZone::UTC)
}

pub fn local(zone: &TimeZone, unix: i64) -> DateTime {
    Timestamp::from_second(unix).unwrap_or(Timestamp::UNIX_EPOCH).to_zoned(zone.clone()).datetime()
}

/// The instant of a wall-clock time `minutes` after `day`'s midnight (past
/// 1440 on the next day); a time skipped by the clock change moves forward
/// by the gap (it is then rejected as outside its window).
fn instant(zone: &TimeZone, day: Date, minutes: i64) -> Option<i64> {
    let (day, minutes) =
        if minutes >= 1440 { (day.tomorrow().ok()?, minutes - 1440) } else { (day, minutes) };
    let dt = day.at((minutes / 60) as i8, (minutes % 60) as i8, 0, 0);
    zone.to_ambiguous_timestamp(dt).compatible().ok().map(|t| t.as_second())
}

/// Minutes after midnight of `day` for a local date-time, past 1440 on the
/// next day; `None` for any other day.
fn minutes_on(day: Date, dt: DateTime) -> Option<i64> {
    let minutes = i64::from(dt.hour()) * 60 + i64::from(dt.minute());
    if dt.date() == day {
        Some(minutes)
    } else if day.tomorrow().ok() == Some(dt.date()) {
        Some(1440 + minutes)
    } else {
        None
    }
}

/// Days since 1970-01-01, the count rota weeks are worked out in.
pub fn day_number(day: Date) -> i64 {
    i64::from((day - Date::constant(1970, 1, 1)).get_days())
}

/// Monday of the local week an instant falls in: weeks are counted from
/// Monday in the mentor's zone.
pub fn week_of(zone: &TimeZone, unix: i64) -> Date {
    let date = local(zone, unix).date();
    let back = i64::from(date.weekday().to_monday_zero_offset());
    date.checked_sub(jiff::Span::new().days(back)).unwrap_or(date)
}

impl Diary<'_> {
    /// The windows starting on `day` (its rota week's, leave and extras
    /// applied), merged and in order.
    pub fn windows_on(&self, day: Date) -> Vec<Window> {
        let on_leave = self
            .exceptions
            .iter()
            .any(|e| matches!(e, Exception::Leave { first, last } if *first <= day && day <= *last));
        let mut all: Vec<Window> =
            if on_leave { vec![] } else { self.rules.windows_for(day_number(day)).to_vec() };
        all.extend(self.exceptions.iter().filter_map(|e| match e {
            Exception::Extra { day: d, window } if *d == day => Some(*window),
            _ => None,
        }));
        all.sort_by_key(|w| w.starts);
        let mut merged: Vec<Window> = Vec::new();
        for w in all {
            match merged.last_mut() {
                Some(last) if w.starts <= last.ends => last.ends = last.ends.max(w.ends),
                _ => merged.push(w),
            }
        }
        merged
    }

    /// True when the slot starts and ends, by the mentor's wall clock,
    /// inside one window starting on `day`. (In the repeated autumn hour a slot may
    /// end at the wall time it started: it is still an hour of the window.)
    fn inside(&self, day: Date, windows: &[Window], slot: Slot) -> bool {
        let (Some(a), Some(b)) =
            (minutes_on(day, local(&self.zone, slot.starts)), minutes_on(day, local(&self.zone, slot.ends)))
        else {
            return false;
        };
        windows.iter().any(|w| w.starts <= a && b <= w.ends)
    }

    fn clashes(&self, slot: Slot) -> bool {
        let wanted = blocks(slot.starts, slot.ends + self.rules.buffer_minutes * 60);
        self.held.iter().any(|h| {
            let theirs = blocks(h.starts, h.until);
            wanted.start < theirs.end && theirs.start < wanted.end
        })
    }

    /// Every slot a mentee could book in the windows starting on `day`
    /// (a night's run on into the next day), before bookings are taken
    /// into account.
    pub fn slots_on(&self, day: Date) -> Vec<Slot> {
        let windows = self.windows_on(day);
        let length = self.rules.session_minutes * 60;
        let step = length + self.rules.buffer_minutes * 60;
        let mut slots = Vec::new();
        for w in &windows {
            let (Some(from), Some(to)) =
                (instant(&self.zone, day, w.starts), instant(&self.zone, day, w.ends))
            else {
                continue;
            };
            let mut t = from;
            while t + length <= to {
                let slot = Slot { starts: t, ends: t + length };
                if self.inside(day, &windows, slot) {
                    slots.push(slot);
                }
                t += step;
            }
        }
        slots
    }

    /// Free slots on the `days` local days from `first`, as seen at `now`:
    /// past the notice, clear of every held session and its break, and
    /// only in weeks with room under the weekly maximum.
    pub fn free(&self, first: Date, days: i64, now: i64) -> Vec<Slot> {
        let earliest = now + self.rules.notice_hours * 3600;
        let mut per_week: Vec<(Date, i64)> = Vec::new();
        for h in self.held {
            let week = week_of(&self.zone, h.starts);
            match per_week.iter_mut().find(|(w, _)| *w == week) {
                Some((_, n)) => *n += 1,
                None => per_week.push((week, 1)),
            }
        }
        let full = |week: Date| per_week.iter().any(|(w, n)| *w == week && *n >= self.rules.max_per_week);
        // The day before is read for its night's slots after midnight; only
        // slots starting on the days asked about are kept.
        let end = first.checked_add(jiff::Span::new().days(days)).unwrap_or(first);
        let (Some(from), Some(until)) = (instant(&self.zone, first, 0), instant(&self.zone, end, 0)) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        let mut day = first.yesterday().unwrap_or(first);
        for _ in 0..=days {
            for slot in self.slots_on(day) {
                if (from..until).contains(&slot.starts)
                    && slot.starts > now
                    && slot.starts >= earliest
                    && !self.clashes(slot)
                    && !full(week_of(&self.zone, slot.starts))
                {
                    out.push(slot);
                }
            }
            let Ok(next) = day.tomorrow() else { break };
            day = next;
        }
        out.sort();
        // A night's slots may meet an extra time added on the next day:
        // the earlier slot is kept.
        let mut kept: Vec<Slot> = Vec::with_capacity(out.len());
        for slot in out {
            if kept.last().is_none_or(|k| k.ends <= slot.starts) {
                kept.push(slot);
            }
        }
        kept
    }

    /// Why `starts` cannot be booked now, or `None` when it can. The
    /// booking transaction asks this after taking the mentor's row.
    pub fn refusal(&self, starts: i64, now: i64) -> Option<&'static str> {
        if starts <= now {
            return Some("That time has already passed. Choose another.");
        }
        let day = local(&self.zone, starts).date();
        let slot = Slot { starts, ends: starts + self.rules.session_minutes * 60 };
        let night_before = day.yesterday().is_ok_and(|before| self.slots_on(before).contains(&slot));
        if !self.slots_on(day).contains(&slot) && !night_before {
            return Some("Your mentor is not available at that time. Choose one of the times shown.");
        }
        if starts < now + self.rules.notice_hours * 3600 {
            return Some("That time is too soon: your mentor needs more notice. Choose a later time.");
        }
        if self.clashes(slot) {
            return Some(TAKEN);
        }
        let week = week_of(&self.zone, starts);
        let booked = self.held.iter().filter(|h| week_of(&self.zone, h.starts) == week).count() as i64;
        if booked >= self.rules.max_per_week {
            return Some("Your mentor's sessions for that week are all taken. Choose another week.");
        }
        None
    }
}

pub const TAKEN: &str = "Sorry, this slot has just been taken. Please choose another time.";

#[cfg(test)]
#[path = "slots_tests.rs"]
mod tests;

#[cfg(test)]
#[path = "rota_tests.rs"]
mod rota_tests;
