//! A mentoring relationship's life, as an explicit state machine. Every
//! change goes through [`RelationshipState::apply`], which refuses what may
//! not happen. A relationship starts active when the mentor accepts (the
//! agreement step comes in a later slice, with its own state).

use serde::{Deserialize, Serialize};

/// Where a relationship is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum RelationshipState {
    /// Under way: the pair meet and book sessions.
    Active,
    /// Over: read-only, the mentor's place is free again.
    Ended,
}

/// Why a relationship ended; one of the service's list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum EndReason {
    GoalsMet,
    TimeUp,
    NotRightFit,
    CircumstancesChanged,
    LostTouch,
    Other,
}

impl EndReason {
    pub const ALL: [EndReason; 6] = [
        EndReason::GoalsMet,
        EndReason::TimeUp,
        EndReason::NotRightFit,
        EndReason::CircumstancesChanged,
        EndReason::LostTouch,
        EndReason::Other,
    ];

    /// The name stored and sent by the form.
    pub fn key(self) -> &'static str {
        match self {
            EndReason::GoalsMet => "goals-met",
            EndReason::TimeUp => "time-up",
            EndReason::NotRightFit => "not-right-fit",
            EndReason::CircumstancesChanged => "circumstances-changed",
            EndReason::LostTouch => "lost-touch",
            EndReason::Other => "other",
        }
    }

    pub fn from_key(key: &str) -> Option<EndReason> {
        EndReason::ALL.into_iter().find(|r| r.key() == key)
    }

    pub fn label(self) -> &'static str {
        match self {
            EndReason::GoalsMet => "Goals met",
            EndReason::TimeUp => "The agreed time is up",
            EndReason::NotRightFit => "Not the right fit",
            EndReason::CircumstancesChanged => "Circumstances changed",
            EndReason::LostTouch => "Lost touch",
            EndReason::Other => "Other",
        }
    }
}

/// Who is acting, for the rules and the history.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Actor {
    Mentee,
    Mentor,
    Coordinator,
    /// Background work (none may end a relationship yet).
    System,
}

impl Actor {
    /// The role stored beside each change.
    pub fn role(self) -> &'static str {
        match self {
            Actor::Mentee => "mentee",
            Actor::Mentor => "mentor",
            Actor::Coordinator => "coordinator",
            Actor::System => "system",
        }
    }
}

/// Something that happens to a relationship.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Event {
    End { reason: EndReason },
}

impl Event {
    /// The name stored in the relationship's history.
    pub fn key(self) -> &'static str {
        match self {
            Event::End { .. } => "end",
        }
    }
}

/// Why an event was refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Refusal {
    /// The event does not apply in this state (ending twice, a stale page).
    NotNow { state: RelationshipState, event: Event },
    /// This person may not do this.
    NotYours,
}

impl Refusal {
    pub fn message(&self) -> &'static str {
        match self {
            Refusal::NotYours => "You cannot do that with this mentoring relationship.",
            Refusal::NotNow { state: RelationshipState::Ended, .. } => {
                "This mentoring relationship has already ended."
            }
            Refusal::NotNow { .. } => "This mentoring relationship has moved on. Please look again.",
        }
    }
}

impl RelationshipState {
    /// The state after `event` by `actor`, or why not. The state is judged
    /// before the actor, so ending twice is called that.
    pub fn apply(self, event: Event, actor: Actor) -> Result<RelationshipState, Refusal> {
        use RelationshipState::*;
        let next = match (self, event) {
            (Active, Event::End { .. }) => Ended,
            (state, event) => return Err(Refusal::NotNow { state, event }),
        };
        let allowed = match (event, actor) {
            (Event::End { .. }, Actor::Mentee | Actor::Mentor | Actor::Coordinator) => true,
            (Event::End { .. }, Actor::System) => false,
        };
        if !allowed {
            return Err(Refusal::NotYours);
        }
        Ok(next)
    }

    /// The name stored in the database.
    pub fn key(self) -> &'static str {
        match self {
            RelationshipState::Active => "active",
            RelationshipState::Ended => "ended",
        }
    }

    pub fn from_db(key: &str) -> Option<RelationshipState> {
        match key {
            "active" => Some(RelationshipState::Active),
            "ended" => Some(RelationshipState::Ended),
            _ => None,
        }
    }

    /// The state in plain words, the same for everyone who may see it.
    pub fn describe(self) -> &'static str {
        match self {
            RelationshipState::Active => "Under way",
            RelationshipState::Ended => "Ended",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use RelationshipState::*;

    const STATES: [RelationshipState; 2] = [Active, Ended];
    const ACTORS: [Actor; 4] = [Actor::Mentee, Actor::Mentor, Actor::Coordinator, Actor::System];

    fn events() -> Vec<Event> {
        EndReason::ALL.into_iter().map(|reason| Event::End { reason }).collect()
    }

    /// What each (state, event, actor) must give, written out by hand so a
    /// change to the rules has to change this table too.
    fn expected(state: RelationshipState, actor: Actor) -> Result<RelationshipState, &'static str> {
        match (state, actor) {
            (Active, Actor::Mentee | Actor::Mentor | Actor::Coordinator) => Ok(Ended),
            (Active, Actor::System) => Err("not yours"),
            (Ended, _) => Err("not now"),
        }
    }

    #[test]
    fn every_state_event_and_actor() {
        for state in STATES {
            for event in events() {
                for actor in ACTORS {
                    let got = state.apply(event, actor);
                    match (expected(state, actor), got) {
                        (Ok(want), Ok(next)) => assert_eq!(next, want, "{state:?} {event:?} {actor:?}"),
                        (Err("not yours"), Err(Refusal::NotYours)) => {}
                        (Err("not now"), Err(Refusal::NotNow { state: s, event: e })) => {
                            assert_eq!((s, e), (state, event))
                        }
                        (want, got) => panic!("{state:?} {event:?} {actor:?}: wanted {want:?}, got {got:?}"),
                    }
                }
            }
        }
    }

    #[test]
    fn every_state_is_reached_from_active_and_ended_is_final() {
        let mut reached = vec![Active];
        let mut frontier = vec![Active];
        while let Some(state) = frontier.pop() {
            for event in events() {
                for actor in ACTORS {
                    if let Ok(next) = state.apply(event, actor) {
                        assert_ne!(state, Ended, "ended moved to {next:?}");
                        if !reached.contains(&next) {
                            reached.push(next);
                            frontier.push(next);
                        }
                    }
                }
            }
        }
        for state in STATES {
            assert!(reached.contains(&state), "{state:?} is never reached");
        }
    }

    #[test]
    fn ending_twice_says_it_has_ended() {
        let refusal = Ended.apply(Event::End { reason: EndReason::Other }, Actor::Mentee).unwrap_err();
        assert_eq!(refusal.message(), "This mentoring relationship has already ended.");
    }

    #[test]
    fn stored_names_round_trip() {
        for state in STATES {
            assert_eq!(RelationshipState::from_db(state.key()), Some(state));
        }
        for reason in EndReason::ALL {
            assert_eq!(EndReason::from_key(reason.key()), Some(reason));
        }
        assert_eq!(RelationshipState::from_db("draft"), None);
        assert_eq!(EndReason::from_key("bored"), None);
    }
}
