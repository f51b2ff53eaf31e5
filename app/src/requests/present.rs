//! Builds each reader's view of a request from what is stored. Which
//! parts a reader gets is decided here, once.

use super::audit::{self, EventRow};
use super::db::{self, StoredRequest};
use super::flow;
use super::lifecycle::RequestState;
use super::matching::{eligibility, Ineligible};
use super::views::{
    days_ago, Contact, MyRequest, Offer, QueueItem, RequestDetail, SharedRequest, SuggestionView,
    TimelineEntry,
};
use crate::dates::date_of;
use crate::db::Db;
use crate::vocabulary::{Area, MeetingMode, MentoringForm, Topic};
use crate::vocabulary::{Day, TimeOfDay};

/// What the mentee is told about each change; `None` for what is not
/// theirs to know (reminders, a mentor's reasons).
fn for_mentee(e: &EventRow, active_mentor: Option<&str>) -> Option<String> {
    Some(match e.event.as_str() {
        "submit" => "You sent your request.".into(),
        "propose" => "We suggested a mentor for a coordinator to check.".into(),
        "approve" => "A coordinator asked a mentor to work with you.".into(),
        "decline" => {
            "That mentor could not take on a new mentee just now. A coordinator is finding another.".into()
        }
        "expire" => "That mentor did not answer in time. A coordinator is finding another.".into(),
        "accept" => format!("{} agreed to be your mentor.", active_mentor.unwrap_or("Your mentor")),
        "withdraw" => "You withdrew your request.".into(),
        _ => return None,
    })
}

fn for_coordinator(e: &EventRow) -> String {
    let who = e.actor.clone().unwrap_or_else(|| "Mentorwell".into());
    let mentor = e.mentor.clone().unwrap_or_else(|| "a mentor".into());
    match e.event.as_str() {
        "submit" => format!("{who} sent the request."),
        "propose" => format!("Matching suggested {mentor}."),
        "approve" => format!("{who} offered it to {mentor}."),
        "decline" => format!("{mentor} declined."),
        "expire" => format!("The offer to {mentor} lapsed unanswered."),
        "remind" => format!("{mentor} was reminded to answer."),
        "accept" => format!("{mentor} accepted."),
        "withdraw" => format!("{who} withdrew the request."),
        other => other.to_string(),
    }
}

pub async fn contact(database: &Db, user_id: i64) -> Result<Option<Contact>, sqlx::Error> {
    sqlx::query_as("SELECT display_name, email FROM users WHERE id = $1")
        .bind(user_id)
        .fetch_optional(database.pool())
        .await
        .map(|row: Option<(String, String)>| row.map(|(name, email)| Contact { name, email }))
}

async fn name_of(database: &Db, user_id: Option<i64>) -> Result<Option<String>, sqlx::Error> {
    let Some(id) = user_id else { return Ok(None) };
    Ok(db::names(database, &[id]).await?.into_iter().next().map(|(_, name)| name))
}

pub async fn my_request(database: &Db, request: StoredRequest) -> Result<MyRequest, sqlx::Error> {
    let mentor = match request.state {
        RequestState::Active { mentor_id } => contact(database, mentor_id).await?,
        _ => None,
    };
    let events = audit::events(database, request.id).await?;
    let mut timeline = vec![TimelineEntry {
        date: date_of(request.created_at),
        text: "You started your request.".into(),
        note: String::new(),
    }];
    timeline.extend(events.iter().filter_map(|e| {
        let text = for_mentee(e, mentor.as_ref().map(|m| m.name.as_str()))?;
        Some(TimelineEntry { date: date_of(e.at), text, note: String::new() })
    }));
    let named_mentor_name = name_of(database, request.fields.named_mentor).await?;
    Ok(MyRequest {
        id: request.id,
        state: request.state,
        priority: request.priority,
        fields: request.fields,
        timeline,
        mentor,
        named_mentor_name,
    })
}

fn topic_labels(request: &StoredRequest) -> Vec<String> {
    Topic::labels(&request.fields.topics).into_iter().map(String::from).collect()
}

/// Queue lines for these requests, with everyone's names read at once.
pub async fn queue_items(
    database: &Db,
    requests: &[StoredRequest],
    now: i64,
) -> Result<Vec<QueueItem>, sqlx::Error> {
    let mut ids: Vec<i64> =
        requests.iter().flat_map(|r| [Some(r.mentee_id), r.state.mentor()]).flatten().collect();
    ids.sort_unstable();
    ids.dedup();
    let names = db::names(database, &ids).await?;
    let name = |id: i64| names.iter().find(|(i, _)| *i == id).map(|(_, n)| n.clone());
    Ok(requests
        .iter()
        .map(|request| QueueItem {
            id: request.id,
            state: request.state,
            priority: request.priority,
            mentee_name: name(request.mentee_id).unwrap_or_default(),
            age: format!("Sent {}", days_ago(request.submitted_at.unwrap_or(request.created_at), now)),
            topics: topic_labels(request),
            mentor_name: request.state.mentor().and_then(name),
            answer_by: request.offer_expires_at.map(date_of),
        })
        .collect())
}

pub async fn detail(
    database: &Db,
    request: StoredRequest,
    today: &str,
    now: i64,
) -> Result<RequestDetail, sqlx::Error> {
    let history = audit::events(database, request.id)
        .await?
        .iter()
        .map(|e| TimelineEntry { date: date_of(e.at), text: for_coordinator(e), note: e.note.clone() })
        .collect();
    let mut suggestions = Vec::new();
    let mut named_mentor_note = None;
    if matches!(
        request.state,
        RequestState::Submitted | RequestState::Proposed { .. } | RequestState::Expired
    ) {
        let mut conn = database.pool().acquire().await?;
        let (ranked, all) = flow::suggestions(&mut conn, &request, today).await?;
        let proposed = match request.state {
            RequestState::Proposed { mentor_id } => Some(mentor_id),
            _ => None,
        };
        let name =
            |id: i64| all.iter().find(|m| m.facts.user_id == id).map(|m| m.name.clone()).unwrap_or_default();
        suggestions = ranked
            .iter()
            .map(|s| SuggestionView {
                mentor_id: s.mentor_id,
                name: name(s.mentor_id),
                score: s.score,
                reasons: s.reasons.clone(),
                proposed: proposed == Some(s.mentor_id),
                named_by_mentee: s.named_by_mentee,
            })
            .collect();
        // The proposed mentor leads, whatever has changed since.
        suggestions.sort_by_key(|s| !s.proposed);
        if let Some(named) =
            request.fields.named_mentor.filter(|id| !ranked.iter().any(|s| s.mentor_id == *id))
        {
            let wishes = request.fields.wishes(request.mentee_id);
            let why = all
                .iter()
                .find(|m| m.facts.user_id == named)
                .map_or(Some(Ineligible::NotListed), |m| eligibility(&m.facts, &wishes).err())
                .map_or(
                    "They declined this request or are already this person's mentor.",
                    Ineligible::message,
                );
            named_mentor_note =
                Some(format!("The mentee asked for {}, who cannot be offered it now: {why}", name(named)));
        }
    }
    let views = audit::views(database, request.id)
        .await?
        .into_iter()
        .map(|v| (v.viewer, v.role, crate::dates::date_time_of(v.at)))
        .collect();
    Ok(RequestDetail {
        id: request.id,
        state: request.state,
        priority: request.priority,
        mentee_name: name_of(database, Some(request.mentee_id)).await?.unwrap_or_default(),
        age: format!("Sent {}", days_ago(request.submitted_at.unwrap_or(request.created_at), now)),
        mentor_name: name_of(database, request.state.mentor()).await?,
        answer_by: request.offer_expires_at.map(date_of),
        fields: request.fields,
        history,
        suggestions,
        named_mentor_note,
        views,
        sessions: crate::sessions::db::counts_of(database, request.id).await?,
    })
}

/// The mentor's view: practical details always; the mentee's name, goal
/// and topics only with consent; contact details once accepted.
pub async fn offer(database: &Db, request: &StoredRequest) -> Result<Offer, sqlx::Error> {
    let active = matches!(request.state, RequestState::Active { .. });
    let f = &request.fields;
    let shared = if f.share_with_mentor {
        Some(SharedRequest {
            mentee_name: name_of(database, Some(request.mentee_id)).await?.unwrap_or_default(),
            goal: f.goal.clone(),
            topics: topic_labels(request),
        })
    } else {
        None
    };
    let join =
        |items: Vec<&str>| if items.is_empty() { "No preference".to_string() } else { items.join(", ") };
    let practical = vec![
        ("Ways of meeting".to_string(), join(MeetingMode::labels(&f.modes))),
        ("Forms of mentoring".to_string(), join(MentoringForm::labels(&f.forms))),
        ("Areas".to_string(), join(Area::labels(&f.areas))),
        ("Days".to_string(), join(Day::labels(&f.days))),
        ("Times".to_string(), join(TimeOfDay::labels(&f.times))),
    ];
    let mentee = if active { contact(database, request.mentee_id).await? } else { None };
    Ok(Offer {
        id: request.id,
        active,
        answer_by: request.offer_expires_at.map(date_of),
        shared,
        practical,
        mentee,
    })
}
