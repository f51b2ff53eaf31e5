//! The booking page's eight weeks: a mentor's free slots placed on the
//! reader's own days, Monday first. The mentor's days are read from the
//! day before the reader's today, so a slot the mentor offers late on
//! their evening can land on the reader's next morning. A slot is marked
//! when it falls, on the mentee's own clock, on a day and at a time of day
//! they said they can usually meet. No I/O.

use super::slots::{local, week_of, Diary};
use super::views::{DayView, SlotView, WeekView};
use super::when::{clock_time, day_label};
use crate::requests::overlap::{band_of, suits};
use crate::vocabulary::{Day, TimeOfDay};
use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::Span;

/// How many weeks the booking page shows.
pub const WEEKS: i64 = 8;

/// When the mentee can usually meet, read on their own clock.
pub struct Wanted<'a> {
    pub days: &'a [Day],
    pub times: &'a [TimeOfDay],
    pub zone: TimeZone,
}

impl Wanted<'_> {
    /// Whether the slot starting at `unix` suits. A mentee who named no
    /// day and no time of day has said nothing to mark by.
    fn suits(&self, unix: i64) -> bool {
        if self.days.is_empty() && self.times.is_empty() {
            return false;
        }
        let at = local(&self.zone, unix);
        let weekday = at.weekday().to_monday_zero_offset() as usize;
        suits(self.days, self.times, band_of(weekday, i64::from(at.hour()) * 60 + i64::from(at.minute())))
    }
}

/// The weeks from the reader's current one, each day's free times in order.
pub fn weeks(diary: &Diary, reader: &TimeZone, now: i64, wanted: &Wanted) -> Vec<WeekView> {
    let today = local(reader, now).date();
    let monday = week_of(reader, now);
    let from = today.yesterday().unwrap_or(today);
    // `free` returns slots in order, so each day's come together.
    let placed: Vec<(Date, SlotView)> = diary
        .free(from, WEEKS * 7 + 2, now)
        .into_iter()
        .map(|s| {
            let slot = SlotView {
                starts: s.starts,
                time: clock_time(reader, s.starts),
                suits: wanted.suits(s.starts),
            };
            (local(reader, s.starts).date(), slot)
        })
        .collect();
    (0..WEEKS)
        .map(|w| {
            let start = monday.checked_add(Span::new().weeks(w)).unwrap_or(monday);
            let days = (0..7)
                .map(|i| {
                    let day = start.checked_add(Span::new().days(i)).unwrap_or(start);
                    let slots = placed.iter().filter(|(d, _)| *d == day).map(|(_, s)| s.clone()).collect();
                    DayView { date: day.to_string(), label: day_label(day), slots }
                })
                .collect();
            WeekView { label: format!("Week of {}", day_label(start)), days }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sessions::rules::{Rules, Window};
    use crate::sessions::slots::zone;

    fn diary(rules: &Rules) -> Diary<'_> {
        Diary { rules, zone: zone(&rules.time_zone), exceptions: &[], held: &[] }
    }

    const ANY: Wanted<'static> = Wanted { days: &[], times: &[], zone: TimeZone::UTC };

    /// Wednesday 2 December 2026, 12:00 UTC.
    const NOW: i64 = 1_796_212_800;

    #[test]
    fn eight_weeks_of_seven_days_from_the_readers_monday() {
        let rules = Rules::test_rota(vec![vec![vec![Window { starts: 540, ends: 600 }]; 7]]);
        let weeks = weeks(&diary(&rules), &zone("Europe/London"), NOW, &ANY);
        assert_eq!(weeks.len(), 8);
        assert!(weeks.iter().all(|w| w.days.len() == 7));
        assert_eq!(weeks[0].label, "Week of Monday 30 November");
        assert_eq!(weeks[0].days[0].date, "2026-11-30");
        assert_eq!(weeks[7].days[6].date, "2027-01-24");
        // Monday, Tuesday and Wednesday's 09:00 have passed; from Thursday on
        // every day has its one hour.
        let counts: Vec<usize> = weeks[0].days.iter().map(|d| d.slots.len()).collect();
        assert_eq!(counts, [0, 0, 0, 1, 1, 1, 1]);
        assert!(weeks[1..].iter().flat_map(|w| &w.days).all(|d| d.slots.len() == 1));
        assert_eq!(weeks[0].days[3].slots[0].time, "09:00");
    }

    #[test]
    fn a_slot_lands_on_the_readers_day_in_the_readers_time() {
        // A London mentor free on Thursdays 23:00 to 24:00 is Friday 10:00
        // for a reader in Sydney (UTC+11 in December).
        let mut week = vec![vec![]; 7];
        week[3] = vec![Window { starts: 1380, ends: 1440 }];
        let rules = Rules::test_rota(vec![week]);
        let weeks = weeks(&diary(&rules), &zone("Australia/Sydney"), NOW, &ANY);
        let friday = &weeks[0].days[4];
        assert_eq!(friday.date, "2026-12-04");
        assert_eq!(friday.slots.iter().map(|s| s.time.as_str()).collect::<Vec<_>>(), ["10:00"]);
        assert!(weeks[0].days[3].slots.is_empty());
    }

    #[test]
    fn a_night_shows_on_both_days_it_covers() {
        // Tuesday 22:00 to Wednesday 01:00, hour-long sessions.
        let mut week = vec![vec![]; 7];
        week[1] = vec![Window { starts: 1320, ends: 1500 }];
        let rules = Rules::test_rota(vec![week]);
        let weeks = weeks(&diary(&rules), &zone("Europe/London"), NOW, &ANY);
        let times = |d: usize| weeks[1].days[d].slots.iter().map(|s| s.time.clone()).collect::<Vec<_>>();
        assert_eq!(times(1), ["22:00", "23:00"]);
        assert_eq!(times(2), ["00:00"]);
    }

    #[test]
    fn slots_on_the_mentees_days_and_times_are_marked_by_the_mentees_clock() {
        // Every day 17:00 to 19:00 and 23:00 to 24:00, London.
        let windows = vec![Window { starts: 1020, ends: 1140 }, Window { starts: 1380, ends: 1440 }];
        let rules = Rules::test_rota(vec![vec![windows; 7]]);
        let london = zone("Europe/London");
        let tuesday_evenings =
            Wanted { days: &[Day::Tuesday], times: &[TimeOfDay::Evening], zone: london.clone() };
        let weeks = weeks(&diary(&rules), &london, NOW, &tuesday_evenings);
        let marked = |w: usize, d: usize| {
            weeks[w].days[d].slots.iter().filter(|s| s.suits).map(|s| s.time.clone()).collect::<Vec<_>>()
        };
        assert_eq!(marked(1, 1), ["17:00", "18:00"]);
        // 23:00 is a night, and other days are not Tuesdays.
        assert!(weeks[1].days[1].slots.iter().any(|s| s.time == "23:00" && !s.suits));
        assert!(marked(1, 2).is_empty() && marked(1, 0).is_empty());
        // A mentee in New York (UTC-5): London's 23:00 is their 18:00, an
        // evening, and London's 17:00 their noon.
        let new_york = Wanted { days: &[], times: &[TimeOfDay::Evening], zone: zone("America/New_York") };
        let weeks = super::weeks(&diary(&rules), &london, NOW, &new_york);
        let day = &weeks[1].days[1];
        let suits: Vec<(&str, bool)> = day.slots.iter().map(|s| (s.time.as_str(), s.suits)).collect();
        assert_eq!(suits, [("17:00", false), ("18:00", false), ("23:00", true)]);
    }

    #[test]
    fn a_mentee_who_named_nothing_has_nothing_marked() {
        let rules = Rules::test_rota(vec![vec![vec![Window { starts: 540, ends: 600 }]; 7]]);
        let weeks = weeks(&diary(&rules), &zone("Europe/London"), NOW, &ANY);
        assert!(weeks.iter().flat_map(|w| &w.days).flat_map(|d| &d.slots).all(|s| !s.suits));
    }
}
