//! The one rule for who appears in the directory: an approved profile, an
//! active account, and accreditation that has not lapsed.

use serde::{Deserialize, Serialize};

/// What the listing rule looks at. Dates are ISO `YYYY-MM-DD`, which
/// compare correctly as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListingFacts<'a> {
    pub profile_approved: bool,
    pub account_active: bool,
    /// The day accreditation runs out; `None` if never accredited.
    pub refresher_due_on: Option<&'a str>,
}

/// Whether a mentor is listed, and if not, the reason to show them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ListingStatus {
    Listed,
    ProfileNotApproved,
    AccountInactive,
    NotAccredited,
    AccreditationLapsed { due_on: String },
}

/// Whether a mentor with an approved profile is listed on `today`, from
/// the two columns queries read beside the profile.
pub fn approved_profile_listed(
    deactivated_at: Option<i64>,
    refresher_due_on: Option<&str>,
    today: &str,
) -> bool {
    let facts =
        ListingFacts { profile_approved: true, account_active: deactivated_at.is_none(), refresher_due_on };
    listing_status(&facts, today) == ListingStatus::Listed
}

/// Decides listing on `today`. Accreditation is current up to and
/// including its due date. Reasons are checked in the order a mentor can
/// act on them.
pub fn listing_status(facts: &ListingFacts, today: &str) -> ListingStatus {
    if !facts.account_active {
        return ListingStatus::AccountInactive;
    }
    match facts.refresher_due_on {
        None => return ListingStatus::NotAccredited,
        Some(due) if due < today => return ListingStatus::AccreditationLapsed { due_on: due.to_string() },
        Some(_) => {}
    }
    if !facts.profile_approved {
        return ListingStatus::ProfileNotApproved;
    }
    ListingStatus::Listed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(approved: bool, active: bool, due: Option<&str>) -> ListingFacts<'_> {
        ListingFacts { profile_approved: approved, account_active: active, refresher_due_on: due }
    }

    #[test]
    fn an_approved_active_accredited_mentor_is_listed() {
        assert_eq!(
            listing_status(&facts(true, true, Some("2027-03-01")), "2026-11-22"),
            ListingStatus::Listed
        );
    }

    #[test]
    fn accreditation_holds_through_its_due_date_and_lapses_the_day_after() {
        let f = facts(true, true, Some("2026-11-22"));
        assert_eq!(listing_status(&f, "2026-11-22"), ListingStatus::Listed);
        assert_eq!(
            listing_status(&f, "2026-11-23"),
            ListingStatus::AccreditationLapsed { due_on: "2026-11-22".into() }
        );
    }

    #[test]
    fn each_missing_condition_hides_the_mentor_with_its_reason() {
        let today = "2026-11-22";
        assert_eq!(
            listing_status(&facts(false, true, Some("2027-01-01")), today),
            ListingStatus::ProfileNotApproved
        );
        assert_eq!(
            listing_status(&facts(true, false, Some("2027-01-01")), today),
            ListingStatus::AccountInactive
        );
        assert_eq!(listing_status(&facts(true, true, None), today), ListingStatus::NotAccredited);
    }
}
