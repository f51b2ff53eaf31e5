//! When people are asked, as plain rules: the claim key that makes each
//! invitation happen once however many instances sweep, the half-year a
//! check-in belongs to, and the window in which an invitation is still
//! worth making.

use super::questionnaires::Point;

pub const DAY: i64 = 86_400;

/// An invitation unanswered this long lapses.
pub const LAPSE_SECONDS: i64 = 30 * DAY;

/// The key of the invitation for `role` at `point` of relationship `id`.
pub fn relationship_key(id: i64, point: Point, role: &str) -> String {
    format!("rel:{id}:{}:{role}", point.key())
}

/// The key of `person`'s check-in for the half-year starting `half_start`.
pub fn check_in_key(person: i64, half_start: &str) -> String {
    format!("check-in:{person}:{half_start}")
}

/// The first day of the half-year (1 January or 1 July) that `today`
/// (`YYYY-MM-DD`) falls in.
pub fn half_year_start(today: &str) -> String {
    let year = today.get(..4).unwrap_or("1970");
    let month: u32 = today.get(5..7).and_then(|m| m.parse().ok()).unwrap_or(1);
    if month < 7 {
        format!("{year}-01-01")
    } else {
        format!("{year}-07-01")
    }
}

/// Whether a point that fell due at `due_at` should be asked about at
/// `now`: it has come, and an invitation made now would not already be
/// past its lapse. This keeps a new installation (or a person who comes
/// back) from being asked about things long past.
pub fn worth_asking(due_at: i64, now: i64) -> bool {
    due_at <= now && now - due_at < LAPSE_SECONDS
}

/// Whether a check-in for the half-year starting `half_start` is worth
/// asking on `today`: only in its first thirty days, so every listed
/// mentor is asked at the same two times a year, not on every start of the
/// service (with a directory of hundreds, that would be hundreds of emails
/// each time).
pub fn check_in_open(half_start: &str, today: &str) -> bool {
    match crate::dates::add_days(half_start, LAPSE_SECONDS / DAY) {
        Some(closes) => half_start <= today && today < closes.as_str(),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_name_the_point_and_the_person() {
        assert_eq!(relationship_key(7, Point::FollowUp, "mentee"), "rel:7:follow-up:mentee");
        assert_eq!(check_in_key(3, "2027-01-01"), "check-in:3:2027-01-01");
    }

    #[test]
    fn half_years_start_in_january_and_july() {
        assert_eq!(half_year_start("2026-06-30"), "2026-01-01");
        assert_eq!(half_year_start("2026-07-01"), "2026-07-01");
        assert_eq!(half_year_start("2026-12-31"), "2026-07-01");
        assert!(check_in_open("2026-07-01", "2026-07-30"));
        assert!(!check_in_open("2026-07-01", "2026-07-31"));
        assert!(!check_in_open("2026-07-01", "2026-06-30"));
    }

    #[test]
    fn only_a_point_within_the_lapse_is_asked() {
        assert!(!worth_asking(100, 99));
        assert!(worth_asking(100, 100));
        assert!(worth_asking(100, 100 + LAPSE_SECONDS - 1));
        assert!(!worth_asking(100, 100 + LAPSE_SECONDS));
    }
}
