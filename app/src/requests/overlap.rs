//! When a mentee said they could meet (days and times of day) against a
//! mentor's free times over the next eight weeks. Plain Rust, no I/O: the
//! free times arrive summarised as minutes per weekday and time of day.

use super::form::{Day, TimeOfDay};
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
}
