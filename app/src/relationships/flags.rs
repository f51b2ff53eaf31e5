//! What one of the pair can tell the coordinators about a relationship,
//! and who may tell which. A flag carries no words: the coordinators see
//! its kind, who raised it and when, and get in touch themselves.

use super::lifecycle::Actor;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Flag {
    /// The mentor is concerned for the mentee's well-being. The mentee is
    /// never shown it; coordinators see it first.
    Concern,
    /// The mentor has lost touch with the mentee.
    LostTouch,
    /// The mentee asks for a different mentor, without telling the mentor.
    NewMentor,
}

impl Flag {
    pub const ALL: [Flag; 3] = [Flag::Concern, Flag::LostTouch, Flag::NewMentor];

    pub fn key(self) -> &'static str {
        match self {
            Flag::Concern => "concern",
            Flag::LostTouch => "lost-touch",
            Flag::NewMentor => "new-mentor",
        }
    }

    pub fn from_key(key: &str) -> Option<Flag> {
        Flag::ALL.into_iter().find(|f| f.key() == key)
    }

    /// Who may raise it: each flag belongs to one side of the pair, and
    /// only that side ever sees it.
    pub fn raised_by(self) -> Actor {
        match self {
            Flag::Concern | Flag::LostTouch => Actor::Mentor,
            Flag::NewMentor => Actor::Mentee,
        }
    }

    /// Coordinators deal with concerns first.
    pub fn priority(self) -> bool {
        self == Flag::Concern
    }

    /// What coordinators read in their list.
    pub fn coordinator_label(self) -> &'static str {
        match self {
            Flag::Concern => "The mentor is concerned for the mentee's well-being",
            Flag::LostTouch => "The mentor has lost touch with the mentee",
            Flag::NewMentor => "The mentee asks for a different mentor",
        }
    }

    /// The button that raises it.
    pub fn button(self) -> &'static str {
        match self {
            Flag::Concern => "I am concerned for my mentee's well-being",
            Flag::LostTouch => "We have lost touch",
            Flag::NewMentor => "Ask the coordinators for a different mentor",
        }
    }

    /// What the person who raised it is told, then and afterwards.
    pub fn raised_message(self) -> &'static str {
        match self {
            Flag::Concern => {
                "The coordinators have been told you are concerned. One of them will contact you soon. \
                 Your mentee is not told."
            }
            Flag::LostTouch => {
                "The coordinators have been told you have lost touch. They will try to reach your mentee."
            }
            Flag::NewMentor => {
                "The coordinators have been asked for a different mentor. They will contact you; your mentor \
                 is not told why."
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip_and_are_distinct() {
        for flag in Flag::ALL {
            assert_eq!(Flag::from_key(flag.key()), Some(flag));
        }
        assert_eq!(Flag::from_key("anything else"), None);
    }

    #[test]
    fn each_flag_belongs_to_one_side_and_only_concern_is_priority() {
        let raisers: Vec<Actor> = Flag::ALL.into_iter().map(Flag::raised_by).collect();
        assert_eq!(raisers, vec![Actor::Mentor, Actor::Mentor, Actor::Mentee]);
        assert!(Flag::ALL.into_iter().all(|f| f.priority() == (f == Flag::Concern)));
    }
}
