//! Rotas in slot finding: properties checked on 10,000 random rotas of 1 to
//! 8 weeks between 2024 and 2035 in Europe/London, with nights and empty
//! weeks, half of them around a clock change.

use super::*;
use crate::sessions::rota::{night_clashes, weekday_of};
use jiff::tz::AmbiguousOffset;
use jiff::Span;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

fn rules(weeks: Vec<Vec<Vec<Window>>>, rota_starts: Date, session: i64, buffer: i64) -> Rules {
    Rules {
        rota_starts: rota_starts.to_string(),
        session_minutes: session,
        buffer_minutes: buffer,
        ..Rules::test_rota(weeks)
    }
}

fn days(n: i64) -> Span {
    Span::new().days(n)
}

/// A day's windows: up to two in the day, then half the time a night
/// running past midnight (up to twelve hours).
fn random_day_windows(rng: &mut StdRng) -> Vec<Window> {
    let mut out = Vec::new();
    let mut t = rng.gen_range(0..20) * 30;
    for _ in 0..rng.gen_range(0..3) {
        let starts = t + rng.gen_range(0..12) * 5;
        let ends = starts + rng.gen_range(6..60) * 5;
        if ends > 1440 {
            break;
        }
        out.push(Window { starts, ends });
        t = ends + rng.gen_range(1..24) * 5;
    }
    if rng.gen_bool(0.5) {
        let starts = rng.gen_range(36..48) * 30;
        let ends = starts + rng.gen_range(12..=144) * 5;
        if ends > 1440 && out.last().is_none_or(|w| w.ends <= starts) {
            out.push(Window { starts, ends });
        }
    }
    out
}

fn random_rota(rng: &mut StdRng) -> Vec<Vec<Vec<Window>>> {
    let count = rng.gen_range(1..=8);
    let mut weeks: Vec<Vec<Vec<Window>>> = (0..count)
        .map(|_| {
            if rng.gen_bool(0.2) {
                vec![vec![]; 7]
            } else {
                (0..7).map(|_| random_day_windows(rng)).collect()
            }
        })
        .collect();
    // Nights running into the next day's first window are refused by the
    // form: drop them, as a mentor would shorten them.
    for (w, d, _) in night_clashes(&weeks) {
        weeks[w][d].retain(|x| x.ends <= 1440);
    }
    weeks
}

/// A day between 2024 and 2035, half the time near a clock change.
fn random_day(rng: &mut StdRng) -> Date {
    let year = rng.gen_range(2024..=2035);
    if rng.gen_bool(0.5) {
        let month = if rng.gen_bool(0.5) { 3 } else { 10 };
        let last = Date::new(year, month, 31).unwrap();
        let sunday = last.checked_sub(days(i64::from(last.weekday().to_sunday_zero_offset()))).unwrap();
        sunday.checked_add(days(rng.gen_range(-9..=1))).unwrap()
    } else {
        Date::new(year, 1, 1).unwrap().checked_add(days(rng.gen_range(0..365))).unwrap()
    }
}

fn monday_near(rng: &mut StdRng, day: Date) -> Date {
    let back = i64::from(day.weekday().to_monday_zero_offset()) + 7 * rng.gen_range(-10..=10);
    day.checked_sub(days(back)).unwrap()
}

/// Minutes of a local time after the midnight starting `owner`.
fn minutes_after(owner: Date, dt: DateTime) -> i64 {
    let m = i64::from(dt.hour()) * 60 + i64::from(dt.minute());
    if dt.date() == owner {
        m
    } else {
        1440 + m
    }
}

#[test]
fn ten_thousand_random_rotas_keep_every_rule() {
    let london = zone("Europe/London");
    let mut rng = StdRng::seed_from_u64(20_261_130);
    let (mut checked_slots, mut nights_checked, mut empty_days) = (0usize, 0usize, 0usize);
    for case in 0..10_000 {
        let first = random_day(&mut rng);
        let weeks = random_rota(&mut rng);
        let r = Rules {
            notice_hours: rng.gen_range(0..48),
            ..rules(
                weeks,
                monday_near(&mut rng, first),
                [30, 45, 60, 90][rng.gen_range(0..4)],
                [0, 5, 10, 15, 30, 60][rng.gen_range(0..6)],
            )
        };
        let span = rng.gen_range(1..=21);
        let clean = Diary { rules: &r, zone: london.clone(), exceptions: &[], held: &[] };

        // Nights give slots on both sides of midnight, wherever the night
        // has room for them (the hour after midnight spared for a change).
        for offset in 0..span {
            let day = first.checked_add(days(offset)).unwrap();
            let step = r.session_minutes + r.buffer_minutes;
            for w in clean.windows_on(day) {
                if w.ends > 1440 && w.starts + r.session_minutes <= 1440 && w.ends - step >= 1500 {
                    let local_slots: Vec<(i64, i64)> = clean
                        .slots_on(day)
                        .iter()
                        .map(|s| {
                            (
                                minutes_after(day, local(&london, s.starts)),
                                minutes_after(day, local(&london, s.ends)),
                            )
                        })
                        .filter(|(a, _)| w.starts <= *a && *a < w.ends)
                        .collect();
                    assert!(
                        local_slots.iter().any(|(a, _)| *a < 1440),
                        "case {case}: nothing before midnight"
                    );
                    assert!(
                        local_slots.iter().any(|(_, b)| *b > 1440),
                        "case {case}: nothing after midnight"
                    );
                    nights_checked += 1;
                }
            }
            // An empty rota week offers nothing of its own.
            if r.weeks[r.week_index(day_number(day))].iter().all(Vec::is_empty) {
                assert!(clean.slots_on(day).is_empty(), "case {case}: slots in an empty week on {day}");
                empty_days += 1;
            }
        }

        // Some slots held, as bookings would.
        let mut held = Vec::new();
        for offset in 0..span {
            for s in clean.slots_on(first.checked_add(days(offset)).unwrap()) {
                if rng.gen_bool(0.1) {
                    held.push(Held { starts: s.starts, until: s.ends + r.buffer_minutes * 60 });
                }
            }
        }
        let diary = Diary { rules: &r, zone: london.clone(), exceptions: &[], held: &held };
        let now = first.at(0, 0, 0, 0).to_zoned(london.clone()).unwrap().timestamp().as_second()
            + rng.gen_range(-48..48) * 3600;
        let slots = diary.free(first, span, now);
        for pair in slots.windows(2) {
            assert!(pair[0].ends <= pair[1].starts, "case {case}: slots overlap: {pair:?}");
        }
        for s in &slots {
            checked_slots += 1;
            let a = local(&london, s.starts);
            let b = local(&london, s.ends);
            assert!(
                !matches!(london.to_ambiguous_timestamp(a).offset(), AmbiguousOffset::Gap { .. }),
                "case {case}: {a} is in the skipped hour"
            );
            assert!(a.date() >= first && a.date() < first.checked_add(days(span)).unwrap(), "case {case}");
            // Inside a window of its own day or of the night before, by the
            // wall clock, in that day's rota week.
            let inside = |owner: Date| {
                let n = day_number(owner);
                let (am, bm) = (minutes_after(owner, a), minutes_after(owner, b));
                let windows = &r.weeks[r.week_index(n)][weekday_of(n)];
                assert_eq!(weekday_of(n), owner.weekday().to_monday_zero_offset() as usize);
                // Windows may touch (a day's last and the night), so walk
                // the minutes; in the repeated autumn hour the end may read
                // earlier than the start.
                (am..bm.max(am + 1)).all(|m| windows.iter().any(|w| w.starts <= m && m < w.ends))
            };
            let before = a.date().yesterday().unwrap();
            assert!(inside(a.date()) || inside(before), "case {case}: {a} to {b} is outside the rota");
            assert_eq!(diary.refusal(s.starts, now), None, "case {case}: offered but refused");
        }
    }
    assert!(checked_slots > 50_000, "the cases should offer plenty of slots, got {checked_slots}");
    assert!(nights_checked > 5_000, "the cases should have plenty of nights, got {nights_checked}");
    assert!(empty_days > 5_000, "the cases should have plenty of empty weeks, got {empty_days}");
}

#[test]
fn a_four_week_rota_skips_its_empty_week_at_the_same_wall_clock_times() {
    // Week 3 empty; the others open Tuesday 19:00–01:00. Starting Monday
    // 5 October 2026, week 3 is 19–25 October, week 7 is 16–22 November,
    // and the clocks go back on 25 October.
    let mut weeks = vec![vec![vec![]; 7]; 4];
    for w in [0, 1, 3] {
        weeks[w][1] = vec![Window { starts: 1140, ends: 1500 }];
    }
    let r = rules(weeks, Date::constant(2026, 10, 5), 60, 30);
    let d = Diary { rules: &r, zone: zone("Europe/London"), exceptions: &[], held: &[] };
    let slots = d.free(Date::constant(2026, 10, 5), 56, 0);
    let local_times: Vec<String> = slots.iter().map(|s| local(&d.zone, s.starts).to_string()).collect();
    let tuesdays = ["10-06", "10-13", "10-27", "11-03", "11-10", "11-24"];
    // Each open Tuesday: 19:00, 20:30, 22:00, 23:30 (ending 00:30).
    assert_eq!(slots.len(), 6 * 4, "{local_times:?}");
    for (i, day) in tuesdays.iter().enumerate() {
        let want: Vec<String> =
            ["19:00", "20:30", "22:00", "23:30"].iter().map(|t| format!("2026-{day}T{t}:00")).collect();
        assert_eq!(local_times[i * 4..i * 4 + 4], want[..], "{local_times:?}");
    }
    assert!(local_times.iter().all(|t| !t.starts_with("2026-10-20") && !t.starts_with("2026-11-17")));
}
