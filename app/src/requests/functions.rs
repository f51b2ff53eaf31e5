//! The mentee's server functions: read, save, send and withdraw their
//! request. Every reading of the request's text is recorded.

use super::views::MyRequests;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use {
    super::{audit, db, flow, form::RequestFields, present, support},
    crate::accounts::{session, Role},
    crate::shell::forms::{finish, form, respond},
};

/// The mentee's request page. `mentor` is a mentor chosen in the
/// directory, offered as the one to ask if they are listed.
#[server(endpoint = "load_my_request")]
pub async fn load_my_request(mentor: Option<i64>) -> Result<MyRequests, AppError> {
    respond(
        async move {
            let (state, user) = session::signed_in().await?;
            let s = flow::Settings::of(&state);
            let all = db::requests_of(&state.db, user.id).await?;
            let mut current = None;
            let mut conn = state.db.pool().acquire().await?;
            // The mentors of relationships under way, not of every request
            // once matched: an ended relationship's mentor is not theirs now.
            let mentors = crate::relationships::db::active_mentors_named(&mut conn, user.id)
                .await?
                .into_iter()
                .map(|(relationship_id, name)| super::views::MatchedMentor { relationship_id, name })
                .collect();
            for request in all {
                if request.state.is_open() {
                    audit::record_view(&state.db, request.id, user.id, Role::Mentee.as_str(), s.now).await?;
                    current = Some(present::my_request(&state.db, request).await?);
                }
            }
            let chosen_mentor = match mentor.filter(|id| *id != user.id) {
                Some(id) => {
                    let facts = super::facts::mentor_facts(&mut conn, &s.today, Some(id)).await?;
                    facts.into_iter().find(|m| m.facts.listed).map(|m| (id, m.name))
                }
                None => None,
            };
            let support_routes = support::text(&state.db).await?;
            Ok(MyRequests { current, mentors, chosen_mentor, support_routes })
        }
        .await,
    )
}

// Generous limits for what a draft keeps, far above what sending allows,
// so a mistake is shown beside its field rather than lost.
#[cfg(feature = "ssr")]
fn keep(text: String, max: usize) -> String {
    text.chars().take(max * 10).collect()
}

#[cfg(feature = "ssr")]
fn keep_keys(keys: Option<Vec<String>>) -> Vec<String> {
    keys.unwrap_or_default().into_iter().take(40).map(|k| keep(k, 40)).collect()
}

pub const DRAFT_SAVED: &str = "Your draft is saved. Only you can see it until you send it.";
pub const REQUEST_SENT: &str =
    "Thank you. Your request has been sent. A coordinator will find a mentor well suited to you.";

/// The request form as the browser sends it: a checkbox group's boxes as a
/// list (absent when none is ticked), a single checkbox as "on" or absent.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestForm {
    pub goal: String,
    pub topics: Option<Vec<String>>,
    pub professions: Option<Vec<String>>,
    pub sectors: Option<Vec<String>>,
    pub areas: Option<Vec<String>>,
    pub modes: Option<Vec<String>>,
    pub forms: Option<Vec<String>>,
    pub days: Option<Vec<String>>,
    pub times: Option<Vec<String>>,
    pub organisation: String,
    pub outside_own_organisation: Option<String>,
    pub named_mentor: Option<String>,
    pub share_with_mentor: Option<String>,
    pub intent: Option<String>,
}

/// Saves the mentee's request as a draft; `intent` "submit" also sends
/// it. What was typed is kept even when something needs correcting.
#[server(endpoint = "save_request")]
pub async fn save_request(#[server(flatten)] input: RequestForm) -> Result<String, AppError> {
    let RequestForm {
        goal,
        topics,
        professions,
        sectors,
        areas,
        modes,
        forms,
        days,
        times,
        organisation,
        outside_own_organisation,
        named_mentor,
        share_with_mentor,
        intent,
    } = input;
    let submit = intent.as_deref() == Some("submit");
    let result = async move {
        let (state, user) = session::signed_in().await?;
        crate::error::check_text(&[("organisation", &organisation)], &[("goal", &goal)])?;
        let s = flow::Settings::of(&state);
        let named = named_mentor.as_deref().map(str::trim).filter(|v| !v.is_empty());
        let mut fields = RequestFields {
            goal: keep(goal, super::form::MAX_GOAL),
            topics: keep_keys(topics),
            professions: keep_keys(professions),
            sectors: keep_keys(sectors),
            areas: keep_keys(areas),
            modes: keep_keys(modes),
            forms: keep_keys(forms),
            days: keep_keys(days),
            times: keep_keys(times),
            organisation: keep(organisation, super::form::MAX_ORGANISATION),
            outside_own_organisation: outside_own_organisation.is_some(),
            named_mentor: named.and_then(|v| v.parse().ok()),
            share_with_mentor: share_with_mentor.is_some(),
        }
        .tidy();
        // Only a listed mentor may be named: the request page shows their
        // name, so any other id would reveal who has an account.
        let mut not_listed = false;
        if let Some(id) = fields.named_mentor {
            let listed = crate::directory::db::mentor(&state.db, id, &s.today).await?;
            if !matches!(listed, Some((_, crate::directory::listing::ListingStatus::Listed))) {
                fields.named_mentor = None;
                not_listed = true;
            }
        }
        let saved = match save_draft(&state.db, user.id, &fields, s.now).await {
            // Two first saves at once: one made the draft, so save into it.
            Err(err) if crate::db::is_unique_violation(&err) => {
                save_draft(&state.db, user.id, &fields, s.now).await?
            }
            other => other?,
        };
        if let db::Saved::AlreadySent(open) = saved {
            let refusal = open.state.apply(super::lifecycle::Event::Submit, super::lifecycle::Actor::Mentee);
            let message = refusal.err().map(|r| r.message()).unwrap_or("Your request has already been sent.");
            return Err(AppError::Refused(message.into()));
        }
        let mut problems = if submit { fields.problems_for_submit() } else { fields.problems_for_draft() };
        if not_listed {
            problems.push(crate::error::FieldError {
                field: "named_mentor".into(),
                message: format!(
                    "{} Choose \"Let a coordinator suggest a mentor\", or another mentor.",
                    super::matching::Ineligible::NotListed.message()
                ),
            });
        } else if named.is_some() && fields.named_mentor.is_none() {
            problems.push(crate::error::FieldError {
                field: "named_mentor".into(),
                message: "Choose a mentor from the directory.".into(),
            });
        }
        if submit && problems.is_empty() {
            let mut conn = state.db.pool().acquire().await?;
            if let Some(why) = flow::named_mentor_problem(&mut conn, user.id, &fields, &s.today).await? {
                problems.push(crate::error::FieldError {
                    field: "named_mentor".into(),
                    message: format!(
                        "{why} Choose \"Let a coordinator suggest a mentor\", or another mentor."
                    ),
                });
            }
        }
        if !problems.is_empty() {
            return Err(AppError::Invalid(problems));
        }
        if submit {
            flow::submit(&state.db, user.id, &s).await?;
            Ok(REQUEST_SENT.to_string())
        } else {
            Ok(DRAFT_SAVED.to_string())
        }
    }
    .await;
    finish(form::<SaveRequest>(), &[], Some(if submit { REQUEST_SENT } else { DRAFT_SAVED }), result)
}

#[cfg(feature = "ssr")]
async fn save_draft(
    db: &crate::db::Db,
    mentee_id: i64,
    fields: &RequestFields,
    now: i64,
) -> Result<db::Saved, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let saved = db::save_draft(&mut tx, mentee_id, fields, now).await?;
    tx.commit().await?;
    Ok(saved)
}

pub const WITHDRAWN: &str = "Your request is withdrawn. You can ask for a mentor again at any time.";

#[server(endpoint = "withdraw_request")]
pub async fn withdraw_request(request_id: i64) -> Result<String, AppError> {
    let result = async move {
        let (state, user) = session::signed_in().await?;
        flow::withdraw(&state.db, user.id, request_id, &flow::Settings::of(&state)).await?;
        Ok(WITHDRAWN.to_string())
    }
    .await;
    finish(form::<WithdrawRequest>(), &[], Some(WITHDRAWN), result)
}

/// On a request already sent, ask for the mentor chosen in the directory
/// instead, while no mentor has been asked yet.
#[server(endpoint = "ask_for_instead")]
pub async fn ask_for_instead(mentor_id: i64) -> Result<String, AppError> {
    let result = async move {
        let (state, user) = session::signed_in().await?;
        flow::ask_for_instead(&state.db, user.id, mentor_id, &flow::Settings::of(&state)).await?;
        Ok("Done: that is the mentor you now ask for. A coordinator will look at your request with them in mind.".to_string())
    }
    .await;
    crate::shell::forms::finish_saying(crate::shell::forms::form::<AskForInstead>(), &[], result)
}
