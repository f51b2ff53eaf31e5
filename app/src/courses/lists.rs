//! Kinds of course and the states of a run and of a place on it.

crate::directory::lists::reference_list! {
    /// What a course run trains.
    CourseKind {
        Initial = "initial", "Mentoring in Healthcare Organisations (two-day mentor training)";
        Refresher = "refresher", "Refresher course for accredited mentors";
    }
}

crate::directory::lists::reference_list! {
    /// Whether a run takes registrations. "Full" is worked out from the
    /// places taken, never stored.
    RunStatus {
        Open = "open", "Open";
        Closed = "closed", "Closed";
        Cancelled = "cancelled", "Cancelled";
    }
}

crate::directory::lists::reference_list! {
    /// Someone's place on a run.
    PlaceState {
        Registered = "registered", "Registered";
        Waitlisted = "waitlisted", "On the waiting list";
        Cancelled = "cancelled", "Cancelled";
    }
}

/// The models the initial course teaches, as recorded on a completion.
pub const INITIAL_MODELS: &str = "Egan's Skilled Helper; GROW; OSKAR; CLEAR";
