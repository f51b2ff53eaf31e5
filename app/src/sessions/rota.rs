//! Rota patterns: a mentor's times repeat every 1 to 8 weeks, counted in
//! whole Monday-to-Sunday weeks from the Monday of the start date. The
//! weekly pattern is a one-week rota. Plain functions on ISO dates (no
//! time zones: the rota week of a day is a matter of its local date), shared
//! by the form and the server.

use super::rules::{clock_end, Window, WEEKDAYS};

pub const MAX_ROTA_WEEKS: usize = 8;

/// The start every one-week rota is stored with (a Monday): for a weekly
/// pattern the start makes no difference.
pub const WEEKLY_START: &str = "2024-01-01";

/// The field name of one day's windows in one rota week (both from zero).
/// Week 1 keeps the weekly form's names, so a weekly pattern posts as before.
pub fn day_field(week: usize, weekday: usize) -> String {
    let day = WEEKDAYS[weekday].to_lowercase();
    if week == 0 {
        format!("day_{day}")
    } else {
        format!("week{}_{day}", week + 1)
    }
}

/// Days since 1970-01-01 of an ISO date.
pub fn day_number(date: &str) -> Option<i64> {
    crate::dates::start_of(date).map(|s| s.div_euclid(86_400))
}

/// Monday is 0.
pub fn weekday_of(day_number: i64) -> usize {
    // 1970-01-01 was a Thursday.
    (day_number + 3).rem_euclid(7) as usize
}

/// The Monday on or before `date`.
pub fn monday_of(date: &str) -> Option<String> {
    let n = day_number(date)?;
    Some(crate::dates::date_of((n - weekday_of(n) as i64) * 86_400))
}

/// Which rota week (from zero) the day `day_number` falls in, for a rota of
/// `weeks` weeks whose week 1 starts on the Monday `starts`. Days before the
/// start count backwards, so the pattern also holds for past weeks.
pub fn week_index(starts: i64, weeks: usize, day_number: i64) -> usize {
    let weeks = weeks.clamp(1, MAX_ROTA_WEEKS) as i64;
    ((day_number - starts).div_euclid(7)).rem_euclid(weeks) as usize
}

/// Windows that run past midnight into the next day's first window. The
/// day after the last Sunday of the rota is week 1's Monday. Each clash is
/// (week, weekday, message) for the day the night window starts on.
pub fn night_clashes(weeks: &[Vec<Vec<Window>>]) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    for (w, days) in weeks.iter().enumerate() {
        for (d, windows) in days.iter().enumerate() {
            let Some(night) = windows.iter().find(|x| x.ends > 1440) else { continue };
            let (next_week, next_day) = if d == 6 { ((w + 1) % weeks.len(), 0) } else { (w, d + 1) };
            let Some(first) = weeks[next_week].get(next_day).and_then(|ws| ws.first()) else { continue };
            if first.starts < night.ends - 1440 {
                let next = WEEKDAYS[next_day];
                let which = if weeks.len() > 1 && next_week != w {
                    format!("week {}'s {next}", next_week + 1)
                } else {
                    format!("{next}'s")
                };
                out.push((
                    w,
                    d,
                    format!(
                        "{} runs past midnight into {which} {}. End it by {} or start the next day later.",
                        night.label(),
                        first.label(),
                        clock_end(first.starts)
                    ),
                ));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weeks_are_counted_from_the_start_monday_both_ways() {
        let starts = day_number("2026-11-02").unwrap();
        assert_eq!(weekday_of(starts), 0);
        assert_eq!(monday_of("2026-11-08").unwrap(), "2026-11-02");
        assert_eq!(monday_of("2026-11-02").unwrap(), "2026-11-02");
        let week = |date| week_index(starts, 4, day_number(date).unwrap());
        assert_eq!(week("2026-11-02"), 0);
        assert_eq!(week("2026-11-08"), 0);
        assert_eq!(week("2026-11-16"), 2);
        assert_eq!(week("2026-11-30"), 0);
        assert_eq!(week("2026-10-26"), 3);
        assert_eq!(week_index(starts, 1, day_number("2031-05-05").unwrap()), 0);
    }

    #[test]
    fn a_night_running_into_the_next_days_window_is_named() {
        let night = Window { starts: 1200, ends: 1560 };
        let early = Window { starts: 60, ends: 180 };
        let mut weeks = vec![vec![vec![]; 7]; 2];
        weeks[0][0] = vec![night];
        assert!(night_clashes(&weeks).is_empty());
        weeks[0][1] = vec![early];
        let clashes = night_clashes(&weeks);
        assert_eq!(clashes.len(), 1);
        assert_eq!((clashes[0].0, clashes[0].1), (0, 0));
        assert!(clashes[0].2.contains("20:00–02:00 runs past midnight into Tuesday's 01:00–03:00"));
        // The last Sunday runs into week 1's Monday.
        weeks[0][1] = vec![];
        weeks[1][6] = vec![night];
        weeks[0][0] = vec![early];
        let clashes = night_clashes(&weeks);
        assert_eq!((clashes[0].0, clashes[0].1), (1, 6));
        assert!(clashes[0].2.contains("week 1's Monday"));
    }
}
