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
use sqlx::{AnyConnection, Connection};
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

/// Every mentor's free times from `today` (an ISO date), or only `only`'s.
/// Each is read from the summary stored beside the mentor's rules when it
/// was made today from their current version; the rest are made from
/// their windows, leave and extra times, and stored for the next reader.
pub async fn every_mentor(
    conn: &mut AnyConnection,
    today: &str,
    only: Option<i64>,
) -> Result<HashMap<i64, FreeTimes>, sqlx::Error> {
    let Ok(first) = today.parse::<Date>() else { return Ok(HashMap::new()) };
    let mut out = HashMap::new();
    let mut stale = Vec::new();
    for (id, version, made_from, from, minutes) in db::free_summaries(conn, only).await? {
        match FreeTimes::from_text(&minutes).filter(|_| made_from == version && from == today) {
            Some(free) => {
                out.insert(id, free);
            }
            None => stale.push((id, version)),
        }
    }
    if stale.is_empty() {
        return Ok(out);
    }
    let ids: Vec<i64> = stale.iter().map(|(id, _)| *id).collect();
    let diaries = db::diaries_of(conn, first, Some(&ids)).await?;
    // One commit for the day's summaries, not one per mentor: on
    // PostgreSQL each commit waits for the disk.
    let mut tx = conn.begin().await?;
    for (id, version) in stale {
        let Some((rules, exceptions)) = diaries.get(&id) else { continue };
        let free = summary(rules, exceptions, first);
        db::store_free_summary(&mut tx, id, version, today, &free.to_text()).await?;
        out.insert(id, free);
    }
    tx.commit().await?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sessions::rules::Window;
    use crate::vocabulary::{Day, TimeOfDay};

    #[test]
    fn a_two_week_rota_counts_each_week_it_covers() {
        let mut weeks = vec![vec![vec![]; 7]; 2];
        weeks[0][1] = vec![Window { starts: 1200, ends: 1560 }];
        weeks[1][5] = vec![Window { starts: 540, ends: 720 }];
        let rules = Rules::test_rota(weeks);
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
