//! A session's life as an explicit state machine: booked, then held, did
//! not take place, or cancelled. [`SessionState::apply`] is the one rule
//! for who may move, cancel or record a session, and when; the pages only
//! offer what it allows and the server refuses what it refuses. The
//! stored names, and the SQL that spells them, live here too.

use serde::{Deserialize, Serialize};

/// Where a session is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SessionState {
    Booked,
    Cancelled,
    Held,
    /// Recorded by the mentor as not having taken place.
    NoShow,
}

/// What someone does to a session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SessionAction {
    Move,
    Cancel,
    /// The mentor records it as held.
    RecordHeld,
    /// The mentor records that it did not take place.
    RecordNoShow,
}

/// Which of the pair is acting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SessionActor {
    Mentee,
    Mentor,
}

/// Where the session is in time, as the rules see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Timing {
    /// At least the cut-off (`MENTORWELL_SESSION_CUTOFF_HOURS`) away.
    Ahead,
    /// Still to start, but closer than the cut-off: the mentee must ask
    /// the mentor, who may still change it.
    Soon,
    /// It has started (or is over).
    Started,
}

impl Timing {
    pub fn of(starts: i64, now: i64, cutoff_hours: i64) -> Timing {
        if starts <= now {
            Timing::Started
        } else if starts - now < cutoff_hours * 3600 {
            Timing::Soon
        } else {
            Timing::Ahead
        }
    }
}

/// Why a session may not be changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SessionRefusal {
    /// Moving or cancelling anything but a booked session.
    NoLongerBooked,
    /// Moving or cancelling once it has started.
    Started,
    /// The mentee, inside the cut-off.
    AskYourMentor,
    /// Recording before it started, or a cancelled one.
    NotYetRecordable,
    /// Only the mentor records what happened.
    MentorOnly,
}

impl SessionRefusal {
    /// What the person is told; `cutoff_hours` names the cut-off.
    pub fn message(self, cutoff_hours: i64) -> String {
        match self {
            SessionRefusal::NoLongerBooked => {
                "This session is no longer booked, so it cannot be changed.".to_string()
            }
            SessionRefusal::Started => "This session has already started.".to_string(),
            SessionRefusal::AskYourMentor => format!(
                "The session is less than {cutoff_hours} hours away, so only your mentor can change it now. \
                 Please contact them."
            ),
            SessionRefusal::NotYetRecordable => {
                "You can record this once the session has started.".to_string()
            }
            SessionRefusal::MentorOnly => {
                "Only your mentor records whether a session took place.".to_string()
            }
        }
    }
}

impl SessionState {
    pub const ALL: [SessionState; 4] =
        [SessionState::Booked, SessionState::Cancelled, SessionState::Held, SessionState::NoShow];

    /// The state after `action` by `actor` at `timing`, or why not. The
    /// state is judged first, then the time, then who.
    pub fn apply(
        self,
        action: SessionAction,
        actor: SessionActor,
        timing: Timing,
    ) -> Result<SessionState, SessionRefusal> {
        use SessionState::*;
        match action {
            SessionAction::Move | SessionAction::Cancel => {
                if self != Booked {
                    return Err(SessionRefusal::NoLongerBooked);
                }
                match (timing, actor) {
                    (Timing::Started, _) => Err(SessionRefusal::Started),
                    (Timing::Soon, SessionActor::Mentee) => Err(SessionRefusal::AskYourMentor),
                    (Timing::Ahead, _) | (Timing::Soon, SessionActor::Mentor) => {
                        Ok(if action == SessionAction::Cancel { Cancelled } else { Booked })
                    }
                }
            }
            SessionAction::RecordHeld | SessionAction::RecordNoShow => {
                // A mentor may correct what they recorded, so held and
                // no-show move to each other.
                if self == Cancelled || timing != Timing::Started {
                    return Err(SessionRefusal::NotYetRecordable);
                }
                if actor != SessionActor::Mentor {
                    return Err(SessionRefusal::MentorOnly);
                }
                Ok(if action == SessionAction::RecordHeld { Held } else { NoShow })
            }
        }
    }

    /// The name stored in the database.
    pub fn key(self) -> &'static str {
        match self {
            SessionState::Booked => "booked",
            SessionState::Cancelled => "cancelled",
            SessionState::Held => "held",
            SessionState::NoShow => "no_show",
        }
    }

    pub fn from_db(key: &str) -> Option<SessionState> {
        SessionState::ALL.into_iter().find(|s| s.key() == key)
    }

    /// The stored name as an SQL literal, for queries that filter on it.
    pub const fn sql(self) -> &'static str {
        match self {
            SessionState::Booked => "'booked'",
            SessionState::Cancelled => "'cancelled'",
            SessionState::Held => "'held'",
            SessionState::NoShow => "'no_show'",
        }
    }

    /// The state in plain words.
    pub fn label(self) -> &'static str {
        match self {
            SessionState::Booked => "Booked",
            SessionState::Cancelled => "Cancelled",
            SessionState::Held => "Held",
            SessionState::NoShow => "Did not take place",
        }
    }

    /// True while the session holds its mentor's time.
    pub fn holds_time(self) -> bool {
        matches!(self, SessionState::Booked | SessionState::Held)
    }
}

/// The states that hold the mentor's time, as an SQL list.
pub const LIVE_SQL: &str = "('booked', 'held')";

/// The states a mentor may record from, as an SQL list.
pub const RECORDABLE_SQL: &str = "('booked', 'held', 'no_show')";

#[cfg(test)]
mod tests {
    use super::*;
    use SessionAction::*;
    use SessionRefusal::*;
    use SessionState::*;

    const ACTIONS: [SessionAction; 4] = [Move, Cancel, RecordHeld, RecordNoShow];
    const ACTORS: [SessionActor; 2] = [SessionActor::Mentee, SessionActor::Mentor];
    const TIMINGS: [Timing; 3] = [Timing::Ahead, Timing::Soon, Timing::Started];

    /// Every (state, action, actor, timing), written out by hand so a
    /// change to the rules has to change this table too.
    fn expected(
        state: SessionState,
        action: SessionAction,
        actor: SessionActor,
        timing: Timing,
    ) -> Result<SessionState, SessionRefusal> {
        use SessionActor::{Mentee, Mentor};
        use Timing::{Ahead, Soon, Started as Begun};
        match (state, action, actor, timing) {
            (Cancelled | Held | NoShow, Move | Cancel, _, _) => Err(NoLongerBooked),
            (Booked, Move | Cancel, _, Begun) => Err(Started),
            (Booked, Move | Cancel, Mentee, Soon) => Err(AskYourMentor),
            (Booked, Move, Mentee | Mentor, Ahead) | (Booked, Move, Mentor, Soon) => Ok(Booked),
            (Booked, Cancel, Mentee | Mentor, Ahead) | (Booked, Cancel, Mentor, Soon) => Ok(Cancelled),
            (Cancelled, RecordHeld | RecordNoShow, _, _) => Err(NotYetRecordable),
            (_, RecordHeld | RecordNoShow, _, Ahead | Soon) => Err(NotYetRecordable),
            (Booked | Held | NoShow, RecordHeld | RecordNoShow, Mentee, Begun) => Err(MentorOnly),
            (Booked | Held | NoShow, RecordHeld, Mentor, Begun) => Ok(Held),
            (Booked | Held | NoShow, RecordNoShow, Mentor, Begun) => Ok(NoShow),
        }
    }

    #[test]
    fn every_state_action_actor_and_timing() {
        let mut cases = 0;
        for state in SessionState::ALL {
            for action in ACTIONS {
                for actor in ACTORS {
                    for timing in TIMINGS {
                        assert_eq!(
                            state.apply(action, actor, timing),
                            expected(state, action, actor, timing),
                            "{state:?} {action:?} {actor:?} {timing:?}"
                        );
                        cases += 1;
                    }
                }
            }
        }
        assert_eq!(cases, 4 * 4 * 2 * 3);
    }

    #[test]
    fn timing_follows_the_cut_off() {
        let hour = 3600;
        assert_eq!(Timing::of(1000 + 24 * hour, 1000, 24), Timing::Ahead);
        assert_eq!(Timing::of(1000 + 24 * hour - 1, 1000, 24), Timing::Soon);
        assert_eq!(Timing::of(1001, 1000, 24), Timing::Soon);
        assert_eq!(Timing::of(1000, 1000, 24), Timing::Started);
        assert_eq!(Timing::of(1001, 1000, 0), Timing::Ahead, "no cut-off");
    }

    #[test]
    fn stored_names_and_sql_agree() {
        for state in SessionState::ALL {
            assert_eq!(SessionState::from_db(state.key()), Some(state));
            assert_eq!(state.sql(), format!("'{}'", state.key()));
        }
        assert_eq!(SessionState::from_db("done"), None);
        let live: Vec<&str> =
            SessionState::ALL.into_iter().filter(|s| s.holds_time()).map(|s| s.sql()).collect();
        assert_eq!(LIVE_SQL, format!("({})", live.join(", ")));
        let recordable: Vec<&str> = SessionState::ALL
            .into_iter()
            .filter(|s| s.apply(RecordHeld, SessionActor::Mentor, Timing::Started).is_ok())
            .map(|s| s.sql())
            .collect();
        assert_eq!(RECORDABLE_SQL, format!("({})", recordable.join(", ")));
    }

    #[test]
    fn refusals_keep_their_words() {
        assert_eq!(
            AskYourMentor.message(24),
            "The session is less than 24 hours away, so only your mentor can change it now. Please contact them."
        );
        assert_eq!(Started.message(24), "This session has already started.");
    }
}
