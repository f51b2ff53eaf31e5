//! Instants written for people, in their own time zone.

use super::slots::{local, zone};
use jiff::Timestamp;

fn zoned(zone_name: &str, unix: i64) -> jiff::Zoned {
    Timestamp::from_second(unix).unwrap_or(Timestamp::UNIX_EPOCH).to_zoned(zone(zone_name))
}

/// "Tuesday 12 January 2027, 09:00 GMT".
pub fn when(zone_name: &str, unix: i64) -> String {
    zoned(zone_name, unix).strftime("%A %-d %B %Y, %H:%M %Z").to_string()
}

/// "09:00". Takes the zone itself: the booking page writes thousands.
pub fn clock_time(zone: &jiff::tz::TimeZone, unix: i64) -> String {
    let at = local(zone, unix);
    format!("{:02}:{:02}", at.hour(), at.minute())
}

/// "Tuesday 12 January".
pub fn day_label(day: jiff::civil::Date) -> String {
    day.strftime("%A %-d %B").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_read_in_the_zone_with_its_abbreviation() {
        // 1 July 2027 08:00 UTC is 09:00 BST; 12 January 10:00 UTC is 10:00 GMT.
        assert_eq!(when("Europe/London", 1_814_428_800), "Thursday 1 July 2027, 09:00 BST");
        assert_eq!(when("Europe/London", 1_799_748_000), "Tuesday 12 January 2027, 10:00 GMT");
        assert_eq!(clock_time(&zone("Asia/Kolkata"), 1_799_748_000), "15:30");
    }
}
