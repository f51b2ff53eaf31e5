//! Slot finding: worked examples at the clock changes, then properties
//! checked on 10,000 random diaries between 2024 and 2035.

use super::*;
use crate::sessions::rules::Rules;
use jiff::tz::AmbiguousOffset;
use jiff::Zoned;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

fn rules(weekly: Vec<Vec<Window>>, session: i64, buffer: i64) -> Rules {
    Rules {
        rota_starts: crate::sessions::rota::WEEKLY_START.into(),
        session_minutes: session,
        buffer_minutes: buffer,
        ..Rules::test_rota(vec![weekly])
    }
}

fn every_day(w: Window) -> Vec<Vec<Window>> {
    vec![vec![w]; 7]
}

fn date(text: &str) -> Date {
    text.parse().unwrap()
}

fn utc(text: &str) -> i64 {
    text.parse::<Timestamp>().unwrap().as_second()
}

fn starts(slots: &[Slot]) -> Vec<String> {
    slots.iter().map(|s| Timestamp::from_second(s.starts).unwrap().to_string()).collect()
}

#[test]
fn the_spring_gap_is_never_offered() {
    let r = rules(every_day(Window { starts: 0, ends: 180 }), 60, 0);
    let d = Diary { rules: &r, zone: zone("Europe/London"), exceptions: &[], held: &[] };
    // 29 March 2026: 01:00 GMT becomes 02:00 BST. Local 00:00 and 02:00.
    let slots = d.free(date("2026-03-29"), 1, 0);
    assert_eq!(starts(&slots), ["2026-03-29T00:00:00Z", "2026-03-29T01:00:00Z"]);
}

#[test]
fn the_autumn_hour_is_offered_once_each_time_it_happens() {
    let r = rules(every_day(Window { starts: 0, ends: 180 }), 60, 0);
    let d = Diary { rules: &r, zone: zone("Europe/London"), exceptions: &[], held: &[] };
    // 25 October 2026: 02:00 BST becomes 01:00 GMT; 00:00–03:00 is four hours.
    let slots = d.free(date("2026-10-25"), 1, 0);
    assert_eq!(
        starts(&slots),
        ["2026-10-24T23:00:00Z", "2026-10-25T00:00:00Z", "2026-10-25T01:00:00Z", "2026-10-25T02:00:00Z"]
    );
}

#[test]
fn a_weekly_nine_oclock_stays_nine_oclock() {
    let mut weekly = vec![vec![]; 7];
    weekly[0] = vec![Window { starts: 540, ends: 600 }];
    let r = rules(weekly, 60, 0);
    let d = Diary { rules: &r, zone: zone("Europe/London"), exceptions: &[], held: &[] };
    let slots = d.free(date("2026-03-23"), 14, 0);
    assert_eq!(starts(&slots), ["2026-03-23T09:00:00Z", "2026-03-30T08:00:00Z"]);
}

#[test]
fn leave_extras_notice_and_holds() {
    let r = Rules { notice_hours: 24, ..rules(every_day(Window { starts: 540, ends: 720 }), 60, 15) };
    let leave = [
        Exception::Leave { first: date("2027-01-05"), last: date("2027-01-06") },
        Exception::Extra { day: date("2027-01-06"), window: Window { starts: 1080, ends: 1140 } },
    ];
    let held = [Held { starts: utc("2027-01-07T09:00:00Z"), until: utc("2027-01-07T10:15:00Z") }];
    let d = Diary { rules: &r, zone: zone("Europe/London"), exceptions: &leave, held: &held };
    let now = utc("2027-01-03T10:00:00Z");
    let slots = starts(&d.free(date("2027-01-04"), 4, now));
    assert_eq!(
        slots,
        [
            // 4 January: 09:00 is inside the 24 hours' notice.
            "2027-01-04T10:15:00Z",
            // 5 January: on leave. 6 January: only the extra window.
            "2027-01-06T18:00:00Z",
            // 7 January: 09:00 is taken with its break.
            "2027-01-07T10:15:00Z",
        ]
    );
    assert_eq!(d.refusal(utc("2027-01-07T09:00:00Z"), now), Some(TAKEN));
    assert!(d.refusal(utc("2027-01-05T09:00:00Z"), now).unwrap().contains("not available"));
    assert!(d.refusal(utc("2027-01-04T09:00:00Z"), now).unwrap().contains("notice"));
    assert!(d.refusal(utc("2027-01-04T09:10:00Z"), now).unwrap().contains("not available"));
    assert_eq!(d.refusal(utc("2027-01-07T10:15:00Z"), now), None);
}

#[test]
fn a_full_week_offers_nothing_more() {
    let r = Rules { max_per_week: 1, ..rules(every_day(Window { starts: 540, ends: 720 }), 60, 0) };
    // Wednesday 6 January 2027 is booked: nothing else that week.
    let held = [Held { starts: utc("2027-01-06T09:00:00Z"), until: utc("2027-01-06T10:00:00Z") }];
    let d = Diary { rules: &r, zone: zone("Europe/London"), exceptions: &[], held: &held };
    let slots = d.free(date("2027-01-04"), 14, 0);
    assert!(slots.iter().all(|s| s.starts >= utc("2027-01-11T00:00:00Z")));
    assert_eq!(slots.len(), 21);
}

// ---- properties ----

fn random_windows(rng: &mut StdRng) -> Vec<Window> {
    let mut out = Vec::new();
    let mut t = rng.gen_range(0..24) * 30;
    for _ in 0..rng.gen_range(0..3) {
        let starts = t + rng.gen_range(0..12) * 5;
        let ends = (starts + rng.gen_range(6..60) * 5).min(1440);
        if starts >= ends {
            break;
        }
        out.push(Window { starts, ends });
        t = ends + rng.gen_range(0..24) * 5;
        if t >= 1440 {
            break;
        }
    }
    out
}

/// A first day between 2024 and 2035, half the time within a few days of
/// a clock change (the last Sundays of March and October).
fn random_day(rng: &mut StdRng) -> Date {
    let year = rng.gen_range(2024..=2035);
    if rng.gen_bool(0.5) {
        let month = if rng.gen_bool(0.5) { 3 } else { 10 };
        let last = Date::new(year, month, 31).unwrap();
        let sunday = last
            .checked_sub(jiff::Span::new().days(i64::from(last.weekday().to_sunday_zero_offset())))
            .unwrap();
        sunday.checked_add(jiff::Span::new().days(rng.gen_range(-3..=1))).unwrap()
    } else {
        Date::new(year, 1, 1).unwrap().checked_add(jiff::Span::new().days(rng.gen_range(0..365))).unwrap()
    }
}

/// Availability worked out again without `Diary`: is the wall-clock span
/// from `a` to `b` (minutes, 1440 for the next midnight) inside `day`'s
/// windows?
fn expected_inside(r: &Rules, exceptions: &[Exception], day: Date, a: i64, b: i64) -> bool {
    let leave = exceptions
        .iter()
        .any(|e| matches!(e, Exception::Leave { first, last } if *first <= day && day <= *last));
    let weekly =
        if leave { &[][..] } else { &r.weeks[0][day.weekday().to_monday_zero_offset() as usize][..] };
    let extras = exceptions.iter().filter_map(|e| match e {
        Exception::Extra { day: d, window } if *d == day => Some(*window),
        _ => None,
    });
    // Windows may touch (an extra right after a weekly one), so a slot may
    // run across the join: walk the union minute by minute.
    let all: Vec<Window> = weekly.iter().copied().chain(extras).collect();
    (a..b).all(|m| all.iter().any(|w| w.starts <= m && m < w.ends))
}

#[test]
fn ten_thousand_random_diaries_keep_every_rule() {
    let london = zone("Europe/London");
    let mut rng = StdRng::seed_from_u64(20_261_123);
    let mut checked_slots = 0usize;
    for case in 0..10_000 {
        let weekly: Vec<Vec<Window>> = (0..7)
            .map(|_| {
                if rng.gen_bool(0.3) {
                    vec![Window { starts: 0, ends: 240 }]
                } else {
                    random_windows(&mut rng)
                }
            })
            .collect();
        let r = Rules {
            notice_hours: rng.gen_range(0..72),
            max_per_week: rng.gen_range(1..12),
            ..rules(
                weekly,
                [30, 45, 60, 90][rng.gen_range(0..4)],
                [0, 5, 10, 15, 30, 60][rng.gen_range(0..6)],
            )
        };
        let first = random_day(&mut rng);
        let mut exceptions = Vec::new();
        if rng.gen_bool(0.3) {
            let from = first.checked_add(jiff::Span::new().days(rng.gen_range(0..7))).unwrap();
            exceptions.push(Exception::Leave {
                first: from,
                last: from.checked_add(jiff::Span::new().days(rng.gen_range(0..3))).unwrap(),
            });
        }
        if rng.gen_bool(0.3) {
            let day = first.checked_add(jiff::Span::new().days(rng.gen_range(0..7))).unwrap();
            if let Some(window) = random_windows(&mut rng).first() {
                exceptions.push(Exception::Extra { day, window: *window });
            }
        }
        let base = Diary { rules: &r, zone: london.clone(), exceptions: &exceptions, held: &[] };
        // Hold some of the slots, as bookings would.
        let mut held = Vec::new();
        for day_offset in 0..7 {
            let day = first.checked_add(jiff::Span::new().days(day_offset)).unwrap();
            for s in base.slots_on(day) {
                if rng.gen_bool(0.2) {
                    held.push(Held { starts: s.starts, until: s.ends + r.buffer_minutes * 60 });
                }
            }
        }
        let diary = Diary { rules: &r, zone: london.clone(), exceptions: &exceptions, held: &held };
        let now = first.at(0, 0, 0, 0).to_zoned(london.clone()).unwrap().timestamp().as_second()
            + rng.gen_range(-48..48) * 3600;
        let days = rng.gen_range(1..15);
        let slots = diary.free(first, days, now);

        for pair in slots.windows(2) {
            assert!(pair[0].ends <= pair[1].starts, "case {case}: slots overlap or repeat: {pair:?}");
        }
        for s in &slots {
            checked_slots += 1;
            assert_eq!(s.ends - s.starts, r.session_minutes * 60, "case {case}");
            let zoned = Timestamp::from_second(s.starts).unwrap().to_zoned(london.clone());
            // Not in the skipped hour: its local time exists.
            let ambiguity = london.to_ambiguous_timestamp(zoned.datetime());
            assert!(!matches!(ambiguity.offset(), AmbiguousOffset::Gap { .. }), "case {case}: {zoned}");
            // UTC → local → UTC is exact, through text too.
            assert_eq!(zoned.offset().to_timestamp(zoned.datetime()).unwrap().as_second(), s.starts);
            assert_eq!(zoned.to_string().parse::<Zoned>().unwrap().timestamp().as_second(), s.starts);
            // Inside availability by the mentor's wall clock.
            let (a, b) = (zoned.datetime(), local(&london, s.ends));
            let day = a.date();
            let am = i64::from(a.hour()) * 60 + i64::from(a.minute());
            let bm = if b.date() == day { i64::from(b.hour()) * 60 + i64::from(b.minute()) } else { 1440 };
            assert!(b.date() == day || (b.hour() == 0 && b.minute() == 0), "case {case}: crosses midnight");
            assert!(
                expected_inside(&r, &exceptions, day, am, bm),
                "case {case}: {zoned} outside availability"
            );
            assert!(day >= first && day < first.checked_add(jiff::Span::new().days(days)).unwrap());
            // Notice, holds and their breaks, the weekly maximum.
            assert!(s.starts > now && s.starts >= now + r.notice_hours * 3600, "case {case}: inside notice");
            for h in &held {
                assert!(
                    s.ends + r.buffer_minutes * 60 <= h.starts || h.until <= s.starts,
                    "case {case}: clashes"
                );
            }
            let week = week_of(&london, s.starts);
            let in_week = held.iter().filter(|h| week_of(&london, h.starts) == week).count() as i64;
            assert!(in_week < r.max_per_week, "case {case}: week already full");
            assert_eq!(diary.refusal(s.starts, now), None, "case {case}: offered but refused");
        }
    }
    assert!(checked_slots > 50_000, "the cases should offer plenty of slots, got {checked_slots}");
}
