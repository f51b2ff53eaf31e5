//! The availability page's preview: the free times of the next four weeks
//! under a set of rules, grouped by calendar week, with the rota week each
//! one is.

use super::slots::{day_number, local, Diary};
use super::views::{AvailabilityPreview, PreviewDay, PreviewWeek};
use super::when::{clock_time, day_label};
use jiff::Span;

pub const PREVIEW_DAYS: i64 = 28;

pub fn four_weeks(diary: &Diary, now: i64) -> AvailabilityPreview {
    let rules = diary.rules;
    let rota = rules.weeks.len();
    let today = local(&diary.zone, now).date();
    let slots = diary.free(today, PREVIEW_DAYS, now);
    let rota_week = |day| rules.week_index(day_number(day)) + 1;
    let mut weeks: Vec<PreviewWeek> = Vec::new();
    for offset in 0..PREVIEW_DAYS {
        let Ok(day) = today.checked_add(Span::new().days(offset)) else { break };
        let times = slots
            .iter()
            .filter(|s| local(&diary.zone, s.starts).date() == day)
            .map(|s| clock_time(&diary.zone, s.starts))
            .collect();
        if offset == 0 || day.weekday() == jiff::civil::Weekday::Monday {
            let monday = day
                .checked_sub(Span::new().days(i64::from(day.weekday().to_monday_zero_offset())))
                .unwrap_or(day);
            let week = if rota > 1 { format!(" (rota week {})", rota_week(day)) } else { String::new() };
            weeks.push(PreviewWeek {
                label: format!("Week of {}{week}", day_label(monday)),
                days: Vec::new(),
            });
        }
        if let Some(week) = weeks.last_mut() {
            week.days.push(PreviewDay { label: day_label(day), times });
        }
    }
    AvailabilityPreview {
        today: (rota > 1).then(|| format!("Today is in week {} of your {rota}-week rota.", rota_week(today))),
        weeks,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sessions::rules::{Rules, Window};
    use crate::sessions::slots::zone;

    #[test]
    fn four_weeks_name_their_rota_week_and_keep_nights_on_the_day_they_reach() {
        let mut weeks = vec![vec![vec![]; 7]; 2];
        // Week 1's Tuesday night, 20:00 to 02:00 on Wednesday.
        weeks[0][1] = vec![Window { starts: 1200, ends: 1560 }];
        let rules = Rules::test_rota(weeks);
        let diary = Diary { rules: &rules, zone: zone("Europe/London"), exceptions: &[], held: &[] };
        // Thursday 3 December 2026, 09:00 UTC.
        let preview = four_weeks(&diary, 1_796_288_400);
        assert_eq!(preview.today.as_deref(), Some("Today is in week 1 of your 2-week rota."));
        let labels: Vec<&str> = preview.weeks.iter().map(|w| w.label.as_str()).collect();
        assert_eq!(
            labels,
            [
                "Week of Monday 30 November (rota week 1)",
                "Week of Monday 7 December (rota week 2)",
                "Week of Monday 14 December (rota week 1)",
                "Week of Monday 21 December (rota week 2)",
                "Week of Monday 28 December (rota week 1)",
            ]
        );
        assert_eq!(preview.weeks.iter().map(|w| w.days.len()).sum::<usize>(), 28);
        let week3 = &preview.weeks[2].days;
        assert_eq!(week3[1].label, "Tuesday 15 December");
        assert_eq!(week3[1].times, ["20:00", "21:00", "22:00", "23:00"]);
        assert_eq!(week3[2].times, ["00:00", "01:00"]);
        assert!(preview.weeks[1].days.iter().all(|d| d.times.is_empty()));
    }
}
