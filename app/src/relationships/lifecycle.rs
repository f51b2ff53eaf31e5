//! A mentoring relationship's life, as an explicit state machine. Every
//! change goes through [`RelationshipState::apply`], which refuses what may
//! not happen. A relationship starts agreeing when the mentor accepts and
//! becomes active once both of the pair have agreed the current version of
//! their agreement (see [`super::agreement`]).

use serde::{Deserialize, Serialize};

/// Where a relationship is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum RelationshipState {
    /// Under way, agreeing how they will work (contracting, usually at
    /// the first meeting, so sessions may be booked already).
    Agreeing,
    /// Under way with an agreement both have agreed.
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
    /// The service itself: the sweep that closes a relationship once its
    /// agreed time is up. It may do nothing else.
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
    /// The second of the pair has agreed the current agreement.
    Agreed,
    End {
        reason: EndReason,
    },
}

impl Event {
    /// The name stored in the relationship's history.
    pub fn key(self) -> &'static str {
        match self {
            Event::Agreed => "agreed",
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
            (Agreeing, Event::Agreed) => Active,
            (Agreeing | Active, Event::End { .. }) => Ended,
            (state, event) => return Err(Refusal::NotNow { state, event }),
        };
        let allowed = match (event, actor) {
            (Event::Agreed, Actor::Mentee | Actor::Mentor) => true,
            (Event::Agreed, Actor::Coordinator | Actor::System) => false,
            (Event::End { .. }, Actor::Mentee | Actor::Mentor | Actor::Coordinator) => true,
            (Event::End { reason }, Actor::System) => reason == EndReason::TimeUp,
        };
        if !allowed {
            return Err(Refusal::NotYours);
        }
        Ok(next)
    }

    /// True while the pair may meet and book: agreeing or active. Other
    /// domains ask this (or [`super::db::active_sql`]), never the state.
    pub fn is_under_way(self) -> bool {
        matches!(self, RelationshipState::Agreeing | RelationshipState::Active)
    }

    /// The name stored in the database.
    pub fn key(self) -> &'static str {
        match self {
            RelationshipState::Agreeing => "agreeing",
            RelationshipState::Active => "active",
            RelationshipState::Ended => "ended",
        }
    }

    pub fn from_db(key: &str) -> Option<RelationshipState> {
        match key {
            "agreeing" => Some(RelationshipState::Agreeing),
            "active" => Some(RelationshipState::Active),
            "ended" => Some(RelationshipState::Ended),
            _ => None,
        }
    }

    /// The state in plain words, the same for everyone who may see it.
    pub fn describe(self) -> &'static str {
        match self {
            RelationshipState::Agreeing => "Agreeing how to work together",
            RelationshipState::Active => "Under way",
            RelationshipState::Ended => "Ended",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use RelationshipState::*;

    const STATES: [RelationshipState; 3] = [Agreeing, Active, Ended];
    const ACTORS: [Actor; 4] = [Actor::Mentee, Actor::Mentor, Actor::Coordinator, Actor::System];

    fn events() -> Vec<Event> {
        let mut events: Vec<Event> = EndReason::ALL.into_iter().map(|reason| Event::End { reason }).collect();
        events.push(Event::Agreed);
        events
    }

    /// What each (state, event, actor) must give, written out by hand so a
    /// change to the rules has to change this table too.
    fn expected(
        state: RelationshipState,
        event: Event,
        actor: Actor,
    ) -> Result<RelationshipState, &'static str> {
        match (state, event, actor) {
            (Agreeing, Event::Agreed, Actor::Mentee | Actor::Mentor) => Ok(Active),
            (Agreeing, Event::Agreed, Actor::Coordinator | Actor::System) => Err("not yours"),
            (Active | Ended, Event::Agreed, _) => Err("not now"),
            (Agreeing | Active, Event::End { .. }, Actor::Mentee | Actor::Mentor | Actor::Coordinator) => {
                Ok(Ended)
            }
            (Agreeing | Active, Event::End { reason: EndReason::TimeUp }, Actor::System) => Ok(Ended),
            (Agreeing | Active, Event::End { .. }, Actor::System) => Err("not yours"),
            (Ended, Event::End { .. }, _) => Err("not now"),
        }
    }

    #[test]
    fn every_state_event_and_actor() {
        for state in STATES {
            for event in events() {
                for actor in ACTORS {
                    let got = state.apply(event, actor);
                    match (expected(state, event, actor), got) {
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
    fn every_state_is_reached_from_agreeing_and_ended_is_final() {
        let mut reached = vec![Agreeing];
        let mut frontier = vec![Agreeing];
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
        assert!(Agreeing.is_under_way() && Active.is_under_way() && !Ended.is_under_way());
        assert_eq!(EndReason::from_key("bored"), None);
    }
}
