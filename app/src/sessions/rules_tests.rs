//! The availability form's checks: windows, nights, rotas and the rules
//! for booking.

use super::*;

const TODAY: &str = "2026-11-30";

#[test]
fn windows_are_read_in_several_spellings() {
    let w = parse_windows("14:00 to 17:00; 9:00–12:00").unwrap();
    assert_eq!(w, vec![Window { starts: 540, ends: 720 }, Window { starts: 840, ends: 1020 }]);
    assert_eq!(windows_text(&w), "09:00-12:00, 14:00-17:00");
    assert_eq!(parse_windows("  ").unwrap(), vec![]);
    assert_eq!(parse_windows("20:00-24:00").unwrap(), vec![Window { starts: 1200, ends: 1440 }]);
}

#[test]
fn bad_windows_say_what_is_wrong() {
    assert!(parse_windows("12:00-09:00").unwrap_err().contains("ends before it starts"));
    assert!(parse_windows("09:00-12:00, 11:00-13:00").unwrap_err().contains("overlap"));
    assert!(parse_windows("9am-5pm").unwrap_err().contains("not a time"));
    assert!(parse_windows("09:00").unwrap_err().contains("needs a start and an end"));
    assert!(parse_windows("09:07-10:00").unwrap_err().contains("five-minute mark"));
    assert!(parse_windows("25:00-26:00").unwrap_err().contains("not a time"));
}

#[test]
fn the_form_is_checked_field_by_field() {
    let mut f = default_fields();
    f.days[0] = "09:00-12:00".into();
    f.room = "Room 4, Queen's Medical Centre".into();
    let rules = f.check(TODAY).unwrap();
    assert_eq!(rules.weeks[0][0], vec![Window { starts: 540, ends: 720 }]);
    assert_eq!(rules.locations().len(), 1);

    let mut bad = f.clone();
    bad.days[2] = "10:00-09:00".into();
    bad.session_minutes = "50".into();
    bad.video_link = "zoom.us/j/1".into();
    bad.time_zone = "Mars/Olympus".into();
    let errors = bad.check(TODAY).unwrap_err();
    let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, ["day_wednesday", "time_zone", "session_minutes", "video_link"]);
    assert!(errors[0].message.starts_with("Wednesday:"));

    let mut nowhere = f;
    nowhere.room.clear();
    assert_eq!(nowhere.check(TODAY).unwrap_err()[0].field, "room");
}

#[test]
fn nights_run_past_midnight_up_to_twelve_hours() {
    assert_eq!(parse_windows("20:00-02:00").unwrap(), vec![Window { starts: 1200, ends: 1560 }]);
    assert_eq!(windows_text(&parse_windows("20:00-02:00").unwrap()), "20:00-02:00");
    assert_eq!(parse_windows("20:00-00:00").unwrap(), vec![Window { starts: 1200, ends: 1440 }]);
    assert_eq!(parse_windows("19:00-07:00").unwrap()[0].label(), "19:00–07:00");
    assert!(parse_windows("17:00-09:00").unwrap_err().contains("ends before it starts"));
    assert!(parse_windows("09:00-09:00").unwrap_err().contains("ends before it starts"));
    assert!(parse_windows("20:00-02:00, 23:00-23:30").unwrap_err().contains("overlap"));
    assert!(parse_windows("20:00-02:03").unwrap_err().contains("five-minute mark"));
}

fn rota(weeks: usize, starts: &str) -> AvailabilityFields {
    let mut f = default_fields();
    f.days = vec![String::new(); weeks * 7];
    f.rota_weeks = weeks.to_string();
    f.rota_starts = starts.into();
    f.room = "Room 4".into();
    f
}

#[test]
fn a_rota_is_read_week_by_week() {
    let mut f = rota(2, "2026-12-03");
    f.days[1] = "20:00-02:00".into();
    f.days[7 + 4] = "09:00-12:00".into();
    let rules = f.check(TODAY).unwrap();
    assert_eq!(rules.rota_starts, "2026-11-30", "counted from the start date's Monday");
    assert_eq!(rules.weeks.len(), 2);
    assert_eq!(rules.weeks[0][1], vec![Window { starts: 1200, ends: 1560 }]);
    assert_eq!(rules.weeks[1][4], vec![Window { starts: 540, ends: 720 }]);
    assert_eq!(rules.fields(), AvailabilityFields { rota_starts: "2026-11-30".into(), ..f.clone() });
    // 1 December 2026 is week 1's Tuesday; 11 December is week 2's Friday.
    let day = |d: &str| rota::day_number(d).unwrap();
    assert_eq!(rules.windows_for(day("2026-12-01")), [Window { starts: 1200, ends: 1560 }]);
    assert_eq!(rules.windows_for(day("2026-12-11")), [Window { starts: 540, ends: 720 }]);
    assert!(rules.windows_for(day("2026-12-08")).is_empty());
    assert_eq!(rules.windows_for(day("2026-11-17")), [Window { starts: 1200, ends: 1560 }]);
    // An empty week is allowed: no times that week.
    f.days[7 + 4].clear();
    assert!(f.check(TODAY).unwrap().weeks[1].iter().all(Vec::is_empty));
    // A weekly pattern needs no start date.
    let weekly = default_fields();
    assert_eq!(
        AvailabilityFields { room: "Room".into(), ..weekly }.check(TODAY).unwrap().rota_starts,
        "2024-01-01"
    );
}

#[test]
fn bad_rotas_are_named_by_field_and_keep_what_was_typed() {
    let fields_of = |f: &AvailabilityFields| -> Vec<(String, String)> {
        f.check(TODAY).unwrap_err().into_iter().map(|e| (e.field, e.message)).collect()
    };
    let errors = fields_of(&rota(9, "2026-11-30"));
    assert_eq!(errors[0].0, "rota_weeks");
    assert!(errors[0].1.contains("from 1 (every week) to 8"));
    let errors = fields_of(&rota(2, "2026-12-15"));
    assert_eq!(errors[0].0, "rota_starts");
    assert!(errors[0].1.contains("no more than 2 weeks ahead, on or before 14 December 2026"), "{errors:?}");
    assert!(rota(2, "2026-12-14").check(TODAY).is_ok());
    assert!(rota(3, "2019-06-12").check(TODAY).is_ok(), "a start in the past is fine");
    assert_eq!(fields_of(&rota(2, ""))[0].0, "rota_starts");
    assert!(fields_of(&rota(2, "14/12/2026"))[0].1.contains("YYYY-MM-DD"));

    let mut night = rota(2, "2026-11-30");
    night.days[13] = "22:00-04:00".into();
    night.days[0] = "03:00-05:00".into();
    night.days[8] = "09:00-09:02".into();
    let errors = fields_of(&night);
    let fields: Vec<&str> = errors.iter().map(|e| e.0.as_str()).collect();
    assert_eq!(fields, ["week2_tuesday", "week2_sunday"]);
    assert!(errors[0].1.starts_with("Week 2, Tuesday: 09:02"));
    assert!(errors[1]
        .1
        .starts_with("Week 2, Sunday: 22:00–04:00 runs past midnight into week 1's Monday 03:00–05:00"));
}
