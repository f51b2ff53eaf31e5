//! Server functions for the directory, mentors' profiles and their review.
//! Each: check who is asking, validate, call the database module, and hand
//! back a safe result.

use super::cards::ResultCard;
use super::listing::ListingStatus;
use super::profile::{Draft, MentorCard, ProfileFields};
use super::query::DirectoryQuery;
use super::search::FacetCounts;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use {
    super::{db, drafts},
    crate::accounts::{session, Role},
    crate::shell::forms::{finish, form, respond},
    crate::state::{app_state, AppState},
};

/// One page of directory results with the counts beside each filter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DirectoryResults {
    pub query: DirectoryQuery,
    /// Parts of the address we ignored, in words.
    pub notices: Vec<String>,
    pub total: u32,
    pub page: u32,
    pub pages: u32,
    pub cards: Vec<ResultCard>,
    pub counts: FacetCounts,
}

#[cfg(feature = "ssr")]
fn today(state: &AppState) -> String {
    crate::dates::date_of(state.clock.now())
}

/// Searches the directory. `search` is the page's query string, so the
/// address alone says what is shown.
#[server(endpoint = "search_directory")]
pub async fn search_directory(search: String) -> Result<DirectoryResults, AppError> {
    respond(
        async move {
            let state = app_state();
            session::require_user(&state).await?;
            let (query, mut notices) = DirectoryQuery::parse(&search);
            let outcome = state.directory.search(&state.db, &query, &today(&state)).await?;
            if outcome.page_clamped {
                notices.push(format!(
                    "There {} only {} {} of results, so we show the last one.",
                    if outcome.pages == 1 { "is" } else { "are" },
                    outcome.pages,
                    if outcome.pages == 1 { "page" } else { "pages" }
                ));
            }
            let cards =
                db::cards(&state.db, &outcome.user_ids).await?.into_iter().map(ResultCard::of).collect();
            Ok(DirectoryResults {
                query,
                notices,
                total: outcome.total,
                page: outcome.page,
                pages: outcome.pages,
                cards,
                counts: outcome.counts,
            })
        }
        .await,
    )
}

/// A listed mentor's page. Mentors who are not listed are not found,
/// except by themselves and by coordinators.
#[server(endpoint = "load_mentor")]
pub async fn load_mentor(user_id: i64) -> Result<(MentorCard, ListingStatus), AppError> {
    respond(
        async move {
            let state = app_state();
            let viewer = session::require_user(&state).await?;
            let (card, status) =
                db::mentor(&state.db, user_id, &today(&state)).await?.ok_or(AppError::NotFound)?;
            let may_see_unlisted = viewer.id == user_id || viewer.has(Role::Coordinator);
            if status != ListingStatus::Listed && !may_see_unlisted {
                return Err(AppError::NotFound);
            }
            Ok((card, status))
        }
        .await,
    )
}

/// What a mentor sees of their own profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyProfile {
    pub live: Option<MentorCard>,
    pub draft: Option<Draft>,
    pub status: ListingStatus,
    /// Course completed on, refresher due on.
    pub accreditation: Option<(String, String)>,
    /// What the form starts with: the draft, else the live profile.
    pub editing: ProfileFields,
}

#[server(endpoint = "load_my_profile")]
pub async fn load_my_profile() -> Result<MyProfile, AppError> {
    respond(
        async move {
            let (state, user) = session::signed_in_as(Role::Mentor).await?;
            let today = today(&state);
            // A live profile comes with its listing status; only without
            // one is the status looked up on its own.
            let (live, status) = match db::mentor(&state.db, user.id, &today).await? {
                Some((card, status)) => (Some(card), status),
                None => (None, db::status_of(&state.db, user.id, &today).await?),
            };
            let draft = drafts::draft_of(&state.db, user.id).await?;
            let accreditation = db::accreditation_of(&state.db, user.id).await?;
            let editing = match (&draft, &live) {
                (Some(d), _) => d.fields.clone(),
                (None, Some(card)) => card.fields.clone(),
                (None, None) => ProfileFields {
                    display_name: user.display_name.clone(),
                    capacity: 2,
                    ..Default::default()
                },
            };
            Ok(MyProfile { live, draft, status, accreditation, editing })
        }
        .await,
    )
}

// Generous limits for what is kept in a draft, far above what approval
// allows, so a mistake is shown beside its field rather than lost.
#[cfg(feature = "ssr")]
fn keep(text: String, max: usize) -> String {
    text.chars().take(max * 10).collect()
}

pub const DRAFT_SAVED: &str =
    "Your draft is saved. It is not shown to anyone until you send it for approval.";
pub const DRAFT_SUBMITTED: &str = "Thank you. Your profile has gone to a coordinator for approval.";

/// The profile form as the browser sends it: one field per input, a
/// checkbox group's boxes as a list (absent when none is ticked).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileForm {
    pub display_name: String,
    pub pronouns: String,
    pub profession: String,
    pub grade: String,
    pub specialty: String,
    pub sector: String,
    pub organisation: String,
    pub area: String,
    pub models: Option<Vec<String>>,
    pub forms: Option<Vec<String>>,
    pub topics: Option<Vec<String>>,
    pub modes: Option<Vec<String>>,
    pub languages: String,
    pub bio: String,
    pub capacity: String,
    pub intent: Option<String>,
}

/// Saves the mentor's draft, and with `intent` "submit" sends it for
/// approval. The draft is kept even when something needs correcting.
#[server(endpoint = "save_profile")]
pub async fn save_profile(#[server(flatten)] input: ProfileForm) -> Result<String, AppError> {
    let ProfileForm {
        display_name,
        pronouns,
        profession,
        grade,
        specialty,
        sector,
        organisation,
        area,
        models,
        forms,
        topics,
        modes,
        languages,
        bio,
        capacity,
        intent,
    } = input;
    let submit = intent.as_deref() == Some("submit");
    let result = async move {
        let (state, user) = session::signed_in_as(Role::Mentor).await?;
        // Checked before the draft is saved (it keeps what was typed even
        // when something needs correcting, but never this).
        let lines = [
            ("display_name", &display_name),
            ("pronouns", &pronouns),
            ("profession", &profession),
            ("grade", &grade),
            ("specialty", &specialty),
            ("sector", &sector),
            ("organisation", &organisation),
            ("area", &area),
            ("languages", &languages),
        ];
        crate::error::check_text(&lines.map(|(n, v)| (n, v.as_str())), &[("bio", &bio)])?;
        let capacity_value = capacity.trim().parse::<i64>().unwrap_or(0);
        let fields = ProfileFields {
            display_name: keep(display_name, 100),
            pronouns: keep(pronouns, 30),
            profession: keep(profession, 40),
            grade: keep(grade, 100),
            specialty: keep(specialty, 100),
            sector: keep(sector, 40),
            organisation: keep(organisation, 150),
            area: keep(area, 40),
            models: models.unwrap_or_default().into_iter().take(20).map(|k| keep(k, 40)).collect(),
            forms: forms.unwrap_or_default().into_iter().take(20).map(|k| keep(k, 40)).collect(),
            topics: topics.unwrap_or_default().into_iter().take(40).map(|k| keep(k, 40)).collect(),
            modes: modes.unwrap_or_default().into_iter().take(20).map(|k| keep(k, 40)).collect(),
            languages: vec![keep(languages, 400)],
            bio: keep(bio, super::profile::MAX_BIO),
            capacity: capacity_value.clamp(0, 99),
        }
        .tidy();
        let problems = if submit { fields.problems_for_approval() } else { fields.problems_for_draft() };
        let now = state.clock.now();
        drafts::save(&state.db, user.id, &fields, submit && problems.is_empty(), now).await?;
        if problems.is_empty() {
            Ok(if submit { DRAFT_SUBMITTED } else { DRAFT_SAVED }.to_string())
        } else {
            Err(AppError::Invalid(problems))
        }
    }
    .await;
    let notice = if submit { DRAFT_SUBMITTED } else { DRAFT_SAVED };
    finish(form::<SaveProfile>(), &[], Some(notice), result)
}

pub const NOW_ACCEPTING: &str = "You are accepting new mentees again.";
pub const NOW_PAUSED: &str = "You are not accepting new mentees. Your current mentees are not affected.";

/// Pauses or resumes new mentees, with no approval needed.
#[server(endpoint = "set_accepting")]
pub async fn set_accepting(accepting: String) -> Result<String, AppError> {
    let accepting = accepting == "1";
    let result = async move {
        let (state, user) = session::signed_in_as(Role::Mentor).await?;
        if !drafts::set_accepting(&state.db, user.id, accepting).await? {
            return Err(AppError::Refused(
                "Your profile needs to be approved before you can pause it.".into(),
            ));
        }
        Ok(if accepting { NOW_ACCEPTING } else { NOW_PAUSED }.to_string())
    }
    .await;
    let notice = if accepting { NOW_ACCEPTING } else { NOW_PAUSED };
    finish(form::<SetAccepting>(), &[], Some(notice), result)
}
