//! Kinds of course and the states of a run and of a place on it.

crate::vocabulary::reference_list! {
    /// What a course run trains.
    CourseKind {
        Initial = "initial", "Mentoring in Healthcare Organisations (two-day mentor training)";
        Refresher = "refresher", "Refresher course for accredited mentors";
    }
}

/// Why someone without an accreditation cannot take a refresher.
pub const REFRESHER_NEEDS_ACCREDITATION: &str =
    "This refresher is for mentors who have completed accredited mentor training, and we have no record of \
     yours. Take the two-day mentor training first or, if you trained with another provider, ask a \
     coordinator to record it.";

impl CourseKind {
    /// Who a run of this kind is for, as its page says.
    pub fn who_for(self) -> &'static str {
        match self {
            CourseKind::Initial => {
                "Any member of health and care staff who would like to become a mentor. No experience of \
                 mentoring is needed."
            }
            CourseKind::Refresher => {
                "Mentors who have completed accredited mentor training, whether their accreditation is \
                 current or has lapsed. Completing it renews the accreditation."
            }
        }
    }

    /// Why someone may not take a place on a run of this kind, if they
    /// may not. `accredited`: they hold an accreditation, current or lapsed.
    pub fn refusal(self, accredited: bool) -> Option<&'static str> {
        match self {
            CourseKind::Refresher if !accredited => Some(REFRESHER_NEEDS_ACCREDITATION),
            CourseKind::Refresher | CourseKind::Initial => None,
        }
    }
}

crate::vocabulary::reference_list! {
    /// Whether a run takes registrations. "Full" is worked out from the
    /// places taken, never stored.
    RunStatus {
        Open = "open", "Open";
        Closed = "closed", "Closed";
        Cancelled = "cancelled", "Cancelled";
    }
}

crate::vocabulary::reference_list! {
    /// Someone's place on a run.
    PlaceState {
        Registered = "registered", "Registered";
        Waitlisted = "waitlisted", "On the waiting list";
        Cancelled = "cancelled", "Cancelled";
    }
}

/// The models the initial course teaches, as recorded on a completion.
pub const INITIAL_MODELS: &str = "Egan's Skilled Helper; GROW; OSKAR; CLEAR";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initial_training_is_for_anyone_and_refreshers_for_the_accredited() {
        assert_eq!(CourseKind::Initial.refusal(false), None);
        assert_eq!(CourseKind::Initial.refusal(true), None);
        assert_eq!(CourseKind::Refresher.refusal(true), None);
        assert_eq!(CourseKind::Refresher.refusal(false), Some(REFRESHER_NEEDS_ACCREDITATION));
    }
}
