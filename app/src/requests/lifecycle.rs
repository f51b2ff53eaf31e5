//! A mentoring request's life, as an explicit state machine. Every change
//! goes through [`RequestState::apply`], which refuses what may not happen,
//! so no other code can move a request into an impossible state.

use serde::{Deserialize, Serialize};

/// Where a request is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum RequestState {
    /// Being written; only the mentee sees it.
    Draft,
    /// Sent; waiting for a coordinator to propose a mentor.
    Submitted,
    /// A mentor is proposed, waiting for a coordinator's approval.
    Proposed { mentor_id: i64 },
    /// Approved and offered to the mentor, who has until the deadline.
    Offered { mentor_id: i64 },
    /// The mentor accepted: the mentoring relationship is active.
    Active { mentor_id: i64 },
    /// The mentee took it back.
    Withdrawn,
    /// No mentor answered in time and no other was proposed.
    Expired,
}

/// Who is acting, for the rules and the audit trail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Actor {
    Mentee,
    Coordinator,
    Mentor {
        user_id: i64,
    },
    /// The background job that expires unanswered offers.
    System,
}

/// Something that happens to a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Event {
    Submit,
    Propose {
        mentor_id: i64,
    },
    /// Approves the proposed mentor, or names another (with a reason kept
    /// in the audit trail), and sends the offer.
    Approve {
        mentor_id: i64,
    },
    Accept,
    /// Back to proposing; the reason is never shown to the mentee.
    Decline,
    Withdraw,
    /// The offer's deadline passed unanswered.
    Expire,
}

/// Why an event was refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Refusal {
    /// The event does not apply in this state (a stale page, a double
    /// submission, an offer acted on after it expired).
    NotNow { state: RequestState, event: Event },
    /// This person may not do this.
    NotYours,
}

impl Refusal {
    /// What to tell the person, in plain words.
    pub fn message(&self) -> &'static str {
        use Event::*;
        use RequestState::*;
        match self {
            Refusal::NotYours => "You cannot do that with this request.",
            Refusal::NotNow { state, event } => match (state, event) {
                (Withdrawn, _) => "This request was withdrawn.",
                (Active { .. }, _) => "This request is already matched with a mentor.",
                (_, Submit) => "This request has already been sent. You can follow it on this page.",
                (Expired, Accept | Decline) => {
                    "This offer expired before it was answered, so a coordinator is finding another mentor."
                }
                (Offered { .. }, Approve { .. } | Propose { .. }) => {
                    "This request has already been offered to a mentor, perhaps by another coordinator."
                }
                (_, Accept | Decline) => "This offer is no longer open.",
                (Draft, _) => "This request has not been sent yet.",
                _ => "This request has moved on since the page was loaded. Please look again.",
            },
        }
    }
}

impl Event {
    /// The name stored in the request's history.
    pub fn key(self) -> &'static str {
        match self {
            Event::Submit => "submit",
            Event::Propose { .. } => "propose",
            Event::Approve { .. } => "approve",
            Event::Accept => "accept",
            Event::Decline => "decline",
            Event::Withdraw => "withdraw",
            Event::Expire => "expire",
        }
    }
}

impl Actor {
    /// The role stored beside each change and each view.
    pub fn role(self) -> &'static str {
        match self {
            Actor::Mentee => "mentee",
            Actor::Coordinator => "coordinator",
            Actor::Mentor { .. } => "mentor",
            Actor::System => "system",
        }
    }
}

impl RequestState {
    /// The state after `event` by `actor`, or why not. An event that does
    /// not fit the state is refused as such before asking who acts, so a
    /// mentor answering an expired offer is told it expired.
    pub fn apply(self, event: Event, actor: Actor) -> Result<RequestState, Refusal> {
        use Event::*;
        use RequestState::*;
        let next = match (self, event) {
            (Draft, Submit) => Submitted,
            (Submitted, Propose { mentor_id })
            | (Proposed { .. }, Propose { mentor_id })
            | (Expired, Propose { mentor_id }) => Proposed { mentor_id },
            (Submitted, Approve { mentor_id })
            | (Proposed { .. }, Approve { mentor_id })
            | (Expired, Approve { mentor_id }) => Offered { mentor_id },
            (Offered { mentor_id }, Accept) => Active { mentor_id },
            (Offered { .. }, Decline) => Submitted,
            (Offered { .. }, Expire) => Expired,
            (Draft | Submitted | Proposed { .. } | Offered { .. } | Expired, Withdraw) => Withdrawn,
            (state, event) => return Err(Refusal::NotNow { state, event }),
        };
        let allowed = match (event, actor) {
            (Submit | Withdraw, Actor::Mentee) => true,
            (Propose { .. } | Approve { .. }, Actor::Coordinator) => true,
            // Matching proposes the best mentor when a request is sent.
            (Propose { .. }, Actor::System) => true,
            (Accept | Decline, Actor::Mentor { user_id }) => self.mentor() == Some(user_id),
            (Expire, Actor::System) => true,
            _ => false,
        };
        if !allowed {
            return Err(Refusal::NotYours);
        }
        Ok(next)
    }

    /// The mentor this request is proposed to, offered to or matched with.
    pub fn mentor(self) -> Option<i64> {
        match self {
            RequestState::Proposed { mentor_id }
            | RequestState::Offered { mentor_id }
            | RequestState::Active { mentor_id } => Some(mentor_id),
            _ => None,
        }
    }

    /// How coordinators should read the mentor beside a request: only a
    /// suggestion until the mentor accepts.
    pub fn mentor_label(self) -> &'static str {
        match self {
            RequestState::Active { .. } => "Mentor",
            _ => "Suggested mentor",
        }
    }

    /// The name stored in the database.
    pub fn key(self) -> &'static str {
        match self {
            RequestState::Draft => "draft",
            RequestState::Submitted => "submitted",
            RequestState::Proposed { .. } => "proposed",
            RequestState::Offered { .. } => "offered",
            RequestState::Active { .. } => "active",
            RequestState::Withdrawn => "withdrawn",
            RequestState::Expired => "expired",
        }
    }

    /// The state from its stored name and mentor; `None` if they do not fit.
    pub fn from_db(key: &str, mentor_id: Option<i64>) -> Option<RequestState> {
        Some(match (key, mentor_id) {
            ("draft", _) => RequestState::Draft,
            ("submitted", _) => RequestState::Submitted,
            ("proposed", Some(mentor_id)) => RequestState::Proposed { mentor_id },
            ("offered", Some(mentor_id)) => RequestState::Offered { mentor_id },
            ("active", Some(mentor_id)) => RequestState::Active { mentor_id },
            ("withdrawn", _) => RequestState::Withdrawn,
            ("expired", _) => RequestState::Expired,
            _ => return None,
        })
    }

    /// Still waiting for a mentor: the mentee may have only one such.
    pub fn is_open(self) -> bool {
        !matches!(self, RequestState::Active { .. } | RequestState::Withdrawn)
    }

    /// No further change can happen.
    pub fn is_final(self) -> bool {
        matches!(self, RequestState::Active { .. } | RequestState::Withdrawn)
    }

    /// The state in a coordinator's words.
    pub fn describe_for_coordinators(self) -> &'static str {
        match self {
            RequestState::Draft => "Draft",
            RequestState::Submitted => "Needs a mentor",
            RequestState::Proposed { .. } => "Suggestion ready to approve",
            RequestState::Offered { .. } => "Offered, waiting for the mentor",
            RequestState::Active { .. } => "Matched",
            RequestState::Withdrawn => "Withdrawn",
            RequestState::Expired => "Offer lapsed: needs another mentor",
        }
    }

    /// For the mentee's timeline, in plain words.
    pub fn describe(self) -> &'static str {
        match self {
            RequestState::Draft => "Not sent yet. Only you can see it.",
            RequestState::Submitted => "Sent. A coordinator is finding a mentor well suited to you.",
            RequestState::Proposed { .. } => "A coordinator is checking a suggested mentor.",
            RequestState::Offered { .. } => "A mentor has been asked and will answer soon.",
            RequestState::Active { .. } => "Matched: you have a mentor.",
            RequestState::Withdrawn => "You withdrew this request.",
            RequestState::Expired => {
                "The mentor we asked did not answer in time. A coordinator will find another."
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Actor::*;
    use Event::*;
    use RequestState::*;

    const MENTOR: i64 = 7;

    #[test]
    fn a_mentor_is_only_suggested_until_they_accept() {
        assert_eq!(Proposed { mentor_id: MENTOR }.mentor_label(), "Suggested mentor");
        assert_eq!(Offered { mentor_id: MENTOR }.mentor_label(), "Suggested mentor");
        assert_eq!(Active { mentor_id: MENTOR }.mentor_label(), "Mentor");
    }

    #[test]
    fn the_happy_path_reaches_an_active_relationship() {
        let s = Draft.apply(Submit, Mentee).unwrap();
        let s = s.apply(Propose { mentor_id: MENTOR }, Coordinator).unwrap();
        let s = s.apply(Approve { mentor_id: MENTOR }, Coordinator).unwrap();
        assert_eq!(s, Offered { mentor_id: MENTOR });
        assert_eq!(s.apply(Accept, Mentor { user_id: MENTOR }).unwrap(), Active { mentor_id: MENTOR });
    }

    #[test]
    fn a_decline_returns_to_proposing_and_an_expiry_can_be_reproposed() {
        let offered = Offered { mentor_id: MENTOR };
        assert_eq!(offered.apply(Decline, Mentor { user_id: MENTOR }).unwrap(), Submitted);
        let expired = offered.apply(Expire, System).unwrap();
        assert_eq!(expired, Expired);
        assert_eq!(expired.apply(Propose { mentor_id: 9 }, Coordinator).unwrap(), Proposed { mentor_id: 9 });
    }

    #[test]
    fn only_the_offered_mentor_answers_and_only_coordinators_approve() {
        let offered = Offered { mentor_id: MENTOR };
        assert_eq!(offered.apply(Accept, Mentor { user_id: 99 }), Err(Refusal::NotYours));
        assert_eq!(Submitted.apply(Approve { mentor_id: 1 }, Mentee), Err(Refusal::NotYours));
        assert_eq!(Submitted.apply(Approve { mentor_id: 1 }, Mentor { user_id: 1 }), Err(Refusal::NotYours));
    }

    #[test]
    fn stale_actions_are_refused_not_applied() {
        // A double submission, an offer acted on after it expired, a
        // withdrawal after matching.
        assert!(matches!(Submitted.apply(Submit, Mentee), Err(Refusal::NotNow { .. })));
        assert!(matches!(Expired.apply(Accept, Mentor { user_id: MENTOR }), Err(Refusal::NotNow { .. })));
        assert!(matches!(Active { mentor_id: MENTOR }.apply(Withdraw, Mentee), Err(Refusal::NotNow { .. })));
    }

    #[test]
    fn stored_names_round_trip() {
        for state in [
            Draft,
            Submitted,
            Proposed { mentor_id: 3 },
            Offered { mentor_id: 3 },
            Active { mentor_id: 3 },
            Withdrawn,
            Expired,
        ] {
            assert_eq!(RequestState::from_db(state.key(), state.mentor()), Some(state));
        }
        assert_eq!(RequestState::from_db("offered", None), None);
    }

    /// Every event from every state: final states never change, and each
    /// state the machine can reach is reached only through `apply`.
    #[test]
    fn no_illegal_transition_is_reachable() {
        let states = [
            Draft,
            Submitted,
            Proposed { mentor_id: MENTOR },
            Offered { mentor_id: MENTOR },
            Active { mentor_id: MENTOR },
            Withdrawn,
            Expired,
        ];
        let events = [
            Submit,
            Propose { mentor_id: MENTOR },
            Approve { mentor_id: MENTOR },
            Accept,
            Decline,
            Withdraw,
            Expire,
        ];
        let actors = [Mentee, Coordinator, Mentor { user_id: MENTOR }, Mentor { user_id: 1 }, System];
        let mut reached = vec![Draft];
        let mut frontier = vec![Draft];
        while let Some(state) = frontier.pop() {
            for event in events {
                for actor in actors {
                    if let Ok(next) = state.apply(event, actor) {
                        assert!(!state.is_final(), "{state:?} is final but {event:?} moved it to {next:?}");
                        // Only the mentee leaves Draft; nothing returns to it.
                        assert_ne!(next, Draft);
                        if matches!(next, Active { .. }) {
                            assert!(matches!(state, Offered { .. }) && event == Accept);
                        }
                        if !reached.contains(&next) {
                            reached.push(next);
                            frontier.push(next);
                        }
                    }
                }
            }
        }
        for state in states {
            assert!(reached.contains(&state), "{state:?} is never reached");
        }
    }
}
