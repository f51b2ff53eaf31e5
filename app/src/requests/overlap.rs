//! When a mentee said they could meet (days and times of day) against a
//! mentor's free times over the next eight weeks. Plain Rust, no I/O: the
//! free times arrive summarised as minutes per weekday and time of day.

use crate::vocabulary::{Day, TimeOfDay};
use serde::{Deserialize, Serialize};

/// Minutes free per weekday (Monday first) and time of day (mornings,
/// afternoons, evenings, nights, as [`TimeOfDay`] lists them). A night
/// belongs to the day it starts: Tuesday night is 22:00 on Tuesday to
/// 06:00 on Wednesday.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FreeTimes(pub [[u32; 4]; 7]);

/// The times of day as minutes after 06:00: mornings 06:00–12:00,
/// afternoons to 17:00, evenings to 22:00, nights to 06:00.
const BANDS: [i64; 4] = [360, 660, 960, 1440];

/// Less than this in a day and time of day is not a time to meet.
pub const ENOUGH_MINUTES: u32 = 30;

impl FreeTimes {
    /// Adds wall-clock time from `starts` to `ends` minutes after the
    /// midnight that begins a day with weekday `weekday` (Monday 0); `ends`
    /// may pass midnight.
    pub fn add(&mut self, weekday: usize, starts: i64, ends: i64) {
        // Counted from 06:00, each time of day is one range within a day.
        let base = weekday as i64 * 1440 - 360;
        let (mut at, until) = (base + starts, base + ends);
        while at < until {
            let (day, within) = (at.div_euclid(1440), at.rem_euclid(1440));
            let band = BANDS.iter().position(|end| within < *end).unwrap_or(3);
            let next = (day * 1440 + BANDS[band]).min(until);
            self.0[day.rem_euclid(7) as usize][band] += (next - at) as u32;
            at = next;
        }
    }

    pub fn minutes(&self, day: Day, time: TimeOfDay) -> u32 {
        self.0[day as usize][time as usize]
    }

    /// As stored: 28 numbers, Monday's four times of day first.
    pub fn to_text(&self) -> String {
        self.0.iter().flatten().map(u32::to_string).collect::<Vec<_>>().join(",")
    }

    /// Read back from [`FreeTimes::to_text`]; `None` for anything else.
    pub fn from_text(text: &str) -> Option<FreeTimes> {
        let numbers: Vec<u32> = text.split(',').map(|n| n.parse().ok()).collect::<Option<_>>()?;
        let mut free = FreeTimes::default();
        if numbers.len() != 28 {
            return None;
        }
        for (i, n) in numbers.into_iter().enumerate() {
            free.0[i / 4][i % 4] = n;
        }
        Some(free)
    }
}

/// The days and times of day the mentee named (all of them when they
/// named none) when the mentor has time free, in week order.
pub fn in_common(free: &FreeTimes, days: &[Day], times: &[TimeOfDay]) -> Vec<(Day, TimeOfDay)> {
    let days = if days.is_empty() { Day::ALL } else { days };
    let times = if times.is_empty() { TimeOfDay::ALL } else { times };
    let mut out: Vec<(Day, TimeOfDay)> = days
        .iter()
        .flat_map(|d| times.iter().map(move |t| (*d, *t)))
        .filter(|(d, t)| free.minutes(*d, *t) >= ENOUGH_MINUTES)
        .collect();
    out.sort();
    out.dedup();
    out
}

/// "Tuesday evenings, Saturday mornings", the first four then how many more.
pub fn describe(times: &[(Day, TimeOfDay)]) -> String {
    const SHOWN: usize = 4;
    let named: Vec<String> = times
        .iter()
        .take(SHOWN)
        .map(|(d, t)| format!("{} {}", d.label(), t.label().to_lowercase()))
        .collect();
    let rest = times.len().saturating_sub(SHOWN);
    if rest == 0 {
        named.join(", ")
    } else {
        format!("{} and {rest} more", named.join(", "))
    }
}

/// The day and time of day a wall-clock moment belongs to, `minute`
/// minutes after the midnight that begins weekday `weekday` (Monday 0).
/// Before 06:00 is the night that began the day before.
pub fn band_of(weekday: usize, minute: i64) -> (Day, TimeOfDay) {
    let at = weekday as i64 * 1440 + minute - 360;
    let (day, within) = (at.div_euclid(1440).rem_euclid(7), at.rem_euclid(1440));
    let band = BANDS.iter().position(|end| within < *end).unwrap_or(3);
    (Day::ALL[day as usize], TimeOfDay::ALL[band])
}

/// Whether a moment suits a mentee who named `days` and `times` (naming
/// none means any).
pub fn suits(days: &[Day], times: &[TimeOfDay], at: (Day, TimeOfDay)) -> bool {
    (days.is_empty() || days.contains(&at.0)) && (times.is_empty() || times.contains(&at.1))
}

/// What a mentee said about when they can meet, in a few words for their
/// mentor: "weekdays; evenings or nights". Days and times only.
pub fn said(days: &[Day], times: &[TimeOfDay]) -> String {
    const WEEKDAYS: [Day; 5] = [Day::Monday, Day::Tuesday, Day::Wednesday, Day::Thursday, Day::Friday];
    let mut days = days.to_vec();
    days.sort();
    days.dedup();
    let days = if days.is_empty() || days.len() == 7 {
        "any day".to_string()
    } else if days == WEEKDAYS {
        "weekdays".to_string()
    } else if days == [Day::Saturday, Day::Sunday] {
        "weekends".to_string()
    } else {
        let named: Vec<String> = days.iter().map(|d| format!("{}s", d.label())).collect();
        in_words(&named, "and")
    };
    let mut times = times.to_vec();
    times.sort();
    times.dedup();
    let times = if times.is_empty() || times.len() == TimeOfDay::ALL.len() {
        "any time of day".to_string()
    } else {
        let named: Vec<String> = times.iter().map(|t| t.label().to_lowercase()).collect();
        in_words(&named, "or")
    };
    format!("{days}; {times}")
}

/// "a, b and c".
fn in_words(items: &[String], last: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., end] => format!("{} {last} {end}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_night_counts_for_the_day_it_starts() {
        let mut free = FreeTimes::default();
        // Tuesday 20:00 to Wednesday 02:00.
        free.add(1, 1200, 1560);
        assert_eq!(free.minutes(Day::Tuesday, TimeOfDay::Evening), 120);
        assert_eq!(free.minutes(Day::Tuesday, TimeOfDay::Night), 240);
        assert_eq!(free.minutes(Day::Wednesday, TimeOfDay::Night), 0);
        // Sunday night runs into Monday morning, and the week wraps.
        free.add(6, 1380, 1440 + 480);
        assert_eq!(free.minutes(Day::Sunday, TimeOfDay::Night), 420);
        assert_eq!(free.minutes(Day::Monday, TimeOfDay::Morning), 120);
        // 05:00 on Monday is still Sunday night.
        free.add(0, 300, 330);
        assert_eq!(free.minutes(Day::Sunday, TimeOfDay::Night), 450);
    }

    #[test]
    fn times_in_common_are_the_named_ones_with_enough_time() {
        let mut free = FreeTimes::default();
        free.add(1, 1080, 1200); // Tuesday 18:00–20:00
        free.add(5, 540, 720); // Saturday 09:00–12:00
        free.add(3, 600, 620); // Thursday 10:00–10:20: too short
        let both = in_common(&free, &[Day::Tuesday, Day::Saturday, Day::Thursday], &[]);
        assert_eq!(both, [(Day::Tuesday, TimeOfDay::Evening), (Day::Saturday, TimeOfDay::Morning)]);
        assert_eq!(describe(&both), "Tuesday evenings, Saturday mornings");
        assert!(in_common(&free, &[Day::Tuesday], &[TimeOfDay::Morning]).is_empty());
        assert_eq!(in_common(&free, &[], &[]).len(), 2);
        let many: Vec<(Day, TimeOfDay)> = Day::ALL.iter().map(|d| (*d, TimeOfDay::Night)).collect();
        assert_eq!(
            describe(&many),
            "Monday nights, Tuesday nights, Wednesday nights, Thursday nights and 3 more"
        );
    }

    #[test]
    fn a_moment_before_six_is_the_night_before() {
        assert_eq!(band_of(1, 9 * 60), (Day::Tuesday, TimeOfDay::Morning));
        assert_eq!(band_of(1, 12 * 60), (Day::Tuesday, TimeOfDay::Afternoon));
        assert_eq!(band_of(1, 17 * 60), (Day::Tuesday, TimeOfDay::Evening));
        assert_eq!(band_of(1, 22 * 60), (Day::Tuesday, TimeOfDay::Night));
        assert_eq!(band_of(2, 5 * 60 + 55), (Day::Tuesday, TimeOfDay::Night));
        // Monday 01:00 is Sunday night: the week wraps.
        assert_eq!(band_of(0, 60), (Day::Sunday, TimeOfDay::Night));
    }

    #[test]
    fn a_moment_suits_the_days_and_times_named_or_any_when_none() {
        let evening = (Day::Tuesday, TimeOfDay::Evening);
        assert!(suits(&[Day::Tuesday], &[TimeOfDay::Evening], evening));
        assert!(suits(&[], &[TimeOfDay::Evening], evening));
        assert!(suits(&[Day::Tuesday], &[], evening));
        assert!(!suits(&[Day::Monday], &[TimeOfDay::Evening], evening));
        assert!(!suits(&[Day::Tuesday], &[TimeOfDay::Night], evening));
    }

    #[test]
    fn what_a_mentee_said_reads_as_a_few_words() {
        use Day::*;
        use TimeOfDay::*;
        assert_eq!(
            said(&[Monday, Tuesday, Wednesday, Thursday, Friday], &[Evening, Night]),
            "weekdays; evenings or nights"
        );
        assert_eq!(said(&[Sunday, Saturday], &[Morning]), "weekends; mornings");
        assert_eq!(said(&[], &[]), "any day; any time of day");
        assert_eq!(said(Day::ALL, TimeOfDay::ALL), "any day; any time of day");
        assert_eq!(
            said(&[Thursday, Tuesday, Saturday], &[Afternoon]),
            "Tuesdays, Thursdays and Saturdays; afternoons"
        );
    }

    #[test]
    fn free_times_read_back_as_stored_and_nothing_else_reads() {
        let mut free = FreeTimes::default();
        free.add(1, 1200, 1560);
        free.add(6, 540, 600);
        assert_eq!(FreeTimes::from_text(&free.to_text()), Some(free));
        assert_eq!(FreeTimes::from_text(&FreeTimes::default().to_text()), Some(FreeTimes::default()));
        for bad in ["", "1,2,3", "x", &format!("{},1", free.to_text())] {
            assert_eq!(FreeTimes::from_text(bad), None, "{bad}");
        }
    }
}
