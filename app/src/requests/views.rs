//! What each person is shown of a request. Each view carries only what
//! its reader may see: the mentee everything they wrote, a mentor what the
//! mentee agreed to share, coordinators everything plus the history.

use super::form::RequestFields;
use super::lifecycle::RequestState;
use serde::{Deserialize, Serialize};

/// A line in a timeline: a day (ISO date) and what happened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineEntry {
    pub date: String,
    pub text: String,
    /// Coordinators only: a reason given by a coordinator or a mentor.
    pub note: String,
}

/// The other person in an active relationship, to get in touch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contact {
    pub name: String,
    pub email: String,
}

/// The mentee's own request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyRequest {
    pub id: i64,
    pub state: RequestState,
    pub fields: RequestFields,
    pub priority: bool,
    pub timeline: Vec<TimelineEntry>,
    /// The mentor, once they accepted.
    pub mentor: Option<Contact>,
    pub named_mentor_name: Option<String>,
}

/// A relationship under way, from the mentee's side.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MatchedMentor {
    pub relationship_id: i64,
    pub name: String,
}

/// Everything the mentee's request page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyRequests {
    /// The request being written or under way.
    pub current: Option<MyRequest>,
    /// Mentors the mentee has now.
    pub mentors: Vec<MatchedMentor>,
    /// A listed mentor chosen in the directory ("Ask for this mentor").
    pub chosen_mentor: Option<(i64, String)>,
    /// Urgent and specialist support, one route a line.
    pub support_routes: String,
}

/// A request in the coordinators' queue. No request text here: it is
/// shown, and its viewing recorded, only on the request's own page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueItem {
    pub id: i64,
    pub state: RequestState,
    pub priority: bool,
    pub mentee_name: String,
    /// "Sent today", "Sent 3 days ago".
    pub age: String,
    pub topics: Vec<String>,
    pub mentor_name: Option<String>,
    /// For offers: the day the mentor must answer by (ISO date).
    pub answer_by: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestQueue {
    /// Sent, with a suggestion, or lapsed: a coordinator must act.
    pub to_decide: Vec<QueueItem>,
    pub offered: Vec<QueueItem>,
    pub matched: Vec<QueueItem>,
}

/// A mentor suggested for a request, with the reasons.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SuggestionView {
    pub mentor_id: i64,
    pub name: String,
    pub score: u32,
    pub reasons: Vec<String>,
    /// The mentor matching proposed when the request was sent.
    pub proposed: bool,
    pub named_by_mentee: bool,
}

/// A request as a coordinator sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestDetail {
    pub id: i64,
    pub state: RequestState,
    pub priority: bool,
    pub mentee_name: String,
    pub age: String,
    pub fields: RequestFields,
    pub mentor_name: Option<String>,
    pub answer_by: Option<String>,
    pub history: Vec<TimelineEntry>,
    pub suggestions: Vec<SuggestionView>,
    /// Why the mentor the mentee asked for cannot be offered it now.
    pub named_mentor_note: Option<String>,
    /// Who was shown this request's text: name, role, when.
    pub views: Vec<(String, String, String)>,
    /// Sessions held and booked in this relationship: counts only, never
    /// what was said or planned.
    pub sessions: (i64, i64),
}

/// What a mentor sees of a request offered to them or accepted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Offer {
    pub id: i64,
    pub active: bool,
    pub answer_by: Option<String>,
    /// Only with the mentee's consent: their name, goal and topics.
    pub shared: Option<SharedRequest>,
    /// How and when the mentee could meet: always shown.
    pub practical: Vec<(String, String)>,
    /// Once accepted: who the mentee is and how to reach them.
    pub mentee: Option<Contact>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SharedRequest {
    pub mentee_name: String,
    pub goal: String,
    pub topics: Vec<String>,
}

/// A mentor's offers and mentees.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MentorDesk {
    pub offers: Vec<Offer>,
    pub mentees: Vec<Offer>,
    pub capacity: i64,
}

/// Any of the views, for the one address that shows a request by id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum RequestView {
    Coordinator(Box<RequestDetail>),
    Mentee(Box<MyRequest>),
    Mentor(Box<Offer>),
}

/// "today", "yesterday", "3 days ago".
pub fn days_ago(then: i64, now: i64) -> String {
    match (now - then).max(0) / 86_400 {
        0 => "today".into(),
        1 => "yesterday".into(),
        n => format!("{n} days ago"),
    }
}

#[cfg(test)]
mod tests {
    use super::days_ago;

    #[test]
    fn ages_read_naturally() {
        assert_eq!(days_ago(0, 3_600), "today");
        assert_eq!(days_ago(0, 90_000), "yesterday");
        assert_eq!(days_ago(0, 3 * 86_400 + 5), "3 days ago");
        assert_eq!(days_ago(100, 0), "today");
    }
}
