//! Mentors' free times over the next eight weeks, summarised by weekday and
//! time of day for matching. By wall clock, from the rota with leave and
//! extra times; sessions already booked are not taken off (a mentor with
//! Tuesday evenings open is still someone who meets on Tuesday evenings).

use super::db;
use super::rota::weekday_of;
use super::rules::Rules;
use super::slots::{day_number, Diary, Exception};
use crate::requests::overlap::FreeTimes;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::Span;
use sqlx::AnyConnection;
use std::collections::HashMap;

pub const DAYS_AHEAD: i64 = 56;

/// The free times of one mentor from `first`, `DAYS_AHEAD` days on.
pub fn summary(rules: &Rules, exceptions: &[Exception], first: Date) -> FreeTimes {
    // Windows are wall-clock times; no zone is needed to read them.
    let diary = Diary { rules, zone: TimeZone::UTC, exceptions, held: &[] };
    let mut free = FreeTimes::default();
    let first_number = day_number(first);
    for offset in 0..DAYS_AHEAD {
        let n = first_number + offset;
        let weekday = weekday_of(n);
        // Most mentors have no leave or extra time ahead: their rota's
        // windows are read as they are, without building the day's list.
        if exceptions.is_empty() {
            for w in rules.windows_for(n) {
                free.add(weekday, w.starts, w.ends);
            }
            continue;
        }
        let Ok(day) = first.checked_add(Span::new().days(offset)) else { break };
        for w in diary.windows_on(day) {
            free.add(weekday, w.starts, w.ends);
        }
    }
    free
}

/// Every mentor's free times from `today` (an ISO date).
pub async fn every_mentor(
    conn: &mut AnyConnection,
    today: &str,
) -> Result<HashMap<i64, FreeTimes>, sqlx::Error> {
    let Ok(first) = today.parse::<Date>() else { return Ok(HashMap::new()) };
    let diaries = db::every_mentors_diary(conn, first).await?;
    Ok(diaries
        .into_iter()
        .map(|(id, (rules, exceptions))| (id, summary(&rules, &exceptions, first)))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::requests::form::{Day, TimeOfDay};
    use crate::sessions::rules::Window;

    #[test]
    fn a_two_week_rota_counts_each_week_it_covers() {
        let mut weeks = vec![vec![vec![]; 7]; 2];
        weeks[0][1] = vec![Window { starts: 1200, ends: 1560 }];
        weeks[1][5] = vec![Window { starts: 540, ends: 720 }];
        let rules = Rules {
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
        };
        let leave =
            [Exception::Leave { first: Date::constant(2026, 12, 1), last: Date::constant(2026, 12, 1) }];
        let free = summary(&rules, &leave, Date::constant(2026, 11, 30));
        // Eight weeks: four Tuesday nights (one on leave), four Saturday mornings.
        assert_eq!(free.minutes(Day::Tuesday, TimeOfDay::Evening), 3 * 120);
        assert_eq!(free.minutes(Day::Tuesday, TimeOfDay::Night), 3 * 240);
        assert_eq!(free.minutes(Day::Saturday, TimeOfDay::Morning), 4 * 180);
        assert_eq!(free.minutes(Day::Wednesday, TimeOfDay::Morning), 0);
    }
}
