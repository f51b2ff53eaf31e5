//! What the relationship pages receive: wire types, never request text.

use super::agreement::AgreementFields;
use super::lifecycle::{Actor, RelationshipState};
use serde::{Deserialize, Serialize};

/// Who is looking at a relationship, which decides what they see.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Viewer {
    Mentee,
    Mentor,
    /// Dates, state and counts only.
    Coordinator,
}

impl Viewer {
    pub fn of(actor: Actor) -> Viewer {
        match actor {
            Actor::Mentee => Viewer::Mentee,
            Actor::Mentor => Viewer::Mentor,
            Actor::Coordinator | Actor::System => Viewer::Coordinator,
        }
    }
}

/// The relationship's home page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RelationshipView {
    pub id: i64,
    pub viewer: Viewer,
    pub state: RelationshipState,
    pub mentor_name: String,
    pub mentee_name: String,
    /// Local dates, "YYYY-MM-DD".
    pub started_on: String,
    pub ended_on: Option<String>,
    /// The reason's label, once ended.
    pub end_reason: Option<String>,
    /// Who ended it: "the mentee", "the mentor", "a coordinator" or "the
    /// service" (the agreed time was up).
    pub ended_by: Option<String>,
    /// The note left on ending: only ever sent to coordinators.
    pub end_note: Option<String>,
    pub sessions_held: i64,
    pub sessions_booked: i64,
    /// The agreement: only ever sent to the pair, never to coordinators.
    pub agreement: Option<AgreementView>,
    /// The prompt to extend or end it, to the pair only, from two weeks
    /// before the agreed end until it closes.
    pub end_prompt: Option<String>,
    /// When the mentee can usually meet ("weekdays; evenings"), to the
    /// pair only while it is under way.
    pub can_meet: Option<String>,
}

/// The pair's agreement as one of them sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgreementView {
    /// The version shown; 0 before either has saved it. A save names it.
    pub version: i64,
    /// The protected-time fields are blank for the mentor.
    pub fields: AgreementFields,
    pub mentee_agreed: bool,
    pub mentor_agreed: bool,
    /// False once the relationship has ended.
    pub editable: bool,
}

/// A link to one relationship, for lists on other pages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RelationshipLink {
    pub id: i64,
    /// The other person of the pair.
    pub with_name: String,
    pub i_am_mentor: bool,
    pub state: RelationshipState,
    pub started_on: String,
    /// The viewer still has to agree the current agreement.
    pub to_agree: bool,
}
