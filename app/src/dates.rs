//! Calendar dates as ISO `YYYY-MM-DD` text: how they are stored, compared
//! and sent. Days are counted in UTC.

const SECONDS_PER_DAY: i64 = 86_400;

/// Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's
/// `days_from_civil`).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

fn format(y: i64, m: i64, d: i64) -> String {
    format!("{y:04}-{m:02}-{d:02}")
}

/// The UTC date of a unix instant.
pub fn date_of(unix_seconds: i64) -> String {
    let (y, m, d) = civil_from_days(unix_seconds.div_euclid(SECONDS_PER_DAY));
    format(y, m, d)
}

/// "23 November 2026, 14:05 UTC": when something happened, for people.
pub fn date_time_of(unix_seconds: i64) -> String {
    let seconds = unix_seconds.rem_euclid(SECONDS_PER_DAY);
    format!("{}, {:02}:{:02} UTC", long(&date_of(unix_seconds)), seconds / 3600, seconds % 3600 / 60)
}

/// The instant a UTC date begins; `None` unless it is a real date.
pub fn start_of(date: &str) -> Option<i64> {
    let (y, m, d) = parse(date)?;
    Some(days_from_civil(y, m, d) * SECONDS_PER_DAY)
}

/// Reads `YYYY-MM-DD`; `None` unless it is a real date.
pub fn parse(date: &str) -> Option<(i64, i64, i64)> {
    let mut parts = date.split('-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return None;
    }
    let (y, m, d): (i64, i64, i64) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    (civil_from_days(days_from_civil(y, m, d)) == (y, m, d)).then_some((y, m, d))
}

/// The unix instant a UTC date begins, for searching by date.
pub fn start_of_day(date: &str) -> Option<i64> {
    let (y, m, d) = parse(date)?;
    Some(days_from_civil(y, m, d) * SECONDS_PER_DAY)
}

/// `date` moved by whole days.
pub fn add_days(date: &str, days: i64) -> Option<String> {
    let (y, m, d) = parse(date)?;
    let (y, m, d) = civil_from_days(days_from_civil(y, m, d) + days);
    Some(format(y, m, d))
}

/// The same day `years` later; 29 February becomes 28 February.
pub fn add_years(date: &str, years: i64) -> Option<String> {
    let (y, m, d) = parse(date)?;
    let y = y + years;
    let d = if parse(&format(y, m, d)).is_none() { d - 1 } else { d };
    Some(format(y, m, d))
}

/// The same day `months` later, or the month's last day if it is shorter.
pub fn add_months(date: &str, months: i64) -> Option<String> {
    let (y, m, d) = parse(date)?;
    let index = y * 12 + (m - 1) + months;
    let (y, m) = (index.div_euclid(12), index.rem_euclid(12) + 1);
    let d = (1..=d).rev().find(|d| parse(&format(y, m, *d)).is_some())?;
    Some(format(y, m, d))
}

/// "3 March 2027", for people to read.
pub fn long(date: &str) -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    match parse(date) {
        Some((y, m, d)) => format!("{d} {} {y}", MONTHS[(m - 1) as usize]),
        None => date.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instants_read_with_their_time() {
        assert_eq!(date_time_of(86_400 + 3_600 * 14 + 60 * 5 + 9), "2 January 1970, 14:05 UTC");
    }

    #[test]
    fn unix_instants_give_their_utc_date() {
        assert_eq!(date_of(0), "1970-01-01");
        assert_eq!(date_of(1_780_000_000), "2026-05-28");
        assert_eq!(date_of(-1), "1969-12-31");
    }

    #[test]
    fn dates_are_checked_and_moved() {
        assert_eq!(parse("2028-02-29"), Some((2028, 2, 29)));
        assert_eq!(parse("2027-02-29"), None);
        assert_eq!(parse("2027-13-01"), None);
        assert_eq!(parse("27-01-01"), None);
        assert_eq!(add_days("2026-12-31", 1).unwrap(), "2027-01-01");
        assert_eq!(add_days("2026-03-01", -1).unwrap(), "2026-02-28");
        assert_eq!(add_years("2028-02-29", 3).unwrap(), "2031-02-28");
        assert_eq!(add_years("2026-11-23", 3).unwrap(), "2029-11-23");
        assert_eq!(add_months("2026-08-31", 6).unwrap(), "2027-02-28");
        assert_eq!(add_months("2026-11-23", 6).unwrap(), "2027-05-23");
        assert_eq!(add_months("2027-01-15", -2).unwrap(), "2026-11-15");
        assert_eq!(long("2027-03-03"), "3 March 2027");
    }

    #[test]
    fn every_day_for_a_century_round_trips() {
        for day in -20_000..40_000 {
            let (y, m, d) = civil_from_days(day);
            assert_eq!(days_from_civil(y, m, d), day);
        }
    }
}
