//! Server functions for answering: one invitation's questions (for the
//! invited person only; anyone else is told it does not exist), sending
//! the answers once, the person's open invitations for their home page,
//! and "don't ask me again". Answers are never read back to anyone here:
//! once sent, the page only says thank you.

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use {
    super::db::{self, NotAnswered},
    super::questionnaires::{check_answers, Kind, Questionnaire, CHOICES},
    crate::accounts::session,
    crate::shell::forms::{finish_saying, form, respond},
};

/// One question as the form shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionView {
    pub key: String,
    pub wording: String,
    /// "scale", "choice" or "text".
    pub kind: String,
    /// The words for 1 and for 5 on a scale.
    pub ends: Option<(String, String)>,
    /// (value, label) for a choice.
    pub choices: Vec<(String, String)>,
}

/// Where an invitation stands for the person it was sent to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Standing {
    Open,
    Answered,
    Lapsed,
}

/// The page at `/questions/:invitation`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationQuestions {
    pub id: i64,
    pub title: String,
    pub standing: Standing,
    /// The day it closes, as words.
    pub closes_on: String,
    pub questions: Vec<QuestionView>,
    pub no_surveys: bool,
}

/// An invitation still to answer, for the home page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenInvitation {
    pub id: i64,
    pub title: String,
    pub when: String,
    pub closes_on: String,
}

pub const ALREADY_ANSWERED: &str =
    "You have already sent your answers to these questions. Answers cannot be changed once sent.";
pub const LAPSED: &str = "These questions have closed: they were open for 30 days. Thank you all the same.";
pub const THANK_YOU: &str = "Thank you. Your answers have been sent.";

#[cfg(feature = "ssr")]
fn question_view(item: &super::questionnaires::Item) -> QuestionView {
    let (kind, ends, choices) = match item.kind {
        Kind::Scale((low, high)) => ("scale", Some((low.to_string(), high.to_string())), Vec::new()),
        Kind::Choice => {
            ("choice", None, CHOICES.iter().map(|(k, l)| (k.to_string(), l.to_string())).collect())
        }
        Kind::Text => ("text", None, Vec::new()),
    };
    QuestionView { key: item.key.into(), wording: item.wording.into(), kind: kind.into(), ends, choices }
}

#[cfg(feature = "ssr")]
fn closes_on(expires_at: i64) -> String {
    crate::dates::long(&crate::dates::date_of(expires_at - 1))
}

/// Invitation `id`'s questions, for the person invited.
#[server(endpoint = "load_questions")]
pub async fn load_questions(id: i64) -> Result<InvitationQuestions, AppError> {
    respond(
        async move {
            let (state, user) = session::signed_in().await?;
            let mut conn = state.db.pool().acquire().await?;
            let i = db::invitation_of(&mut conn, id, user.id).await?.ok_or(AppError::NotFound)?;
            let q = Questionnaire::by_id(&i.questionnaire).ok_or(AppError::NotFound)?;
            let standing = match (i.answered_at, i.expires_at > state.clock.now()) {
                (Some(_), _) => Standing::Answered,
                (None, true) => Standing::Open,
                (None, false) => Standing::Lapsed,
            };
            Ok(InvitationQuestions {
                id,
                title: q.title.into(),
                standing,
                closes_on: closes_on(i.expires_at),
                questions: q.items_at(i.point).iter().map(question_view).collect(),
                no_surveys: db::no_surveys(&mut conn, user.id).await?,
            })
        }
        .await,
    )
}

/// Sends the answers to invitation `invitation`, once. Each argument is
/// the form field of the item with that key.
#[server(endpoint = "send_answers")]
pub async fn send_answers(
    invitation: i64,
    wellbeing: Option<String>,
    environment: Option<String>,
    overall: Option<String>,
    difference: Option<String>,
    recommend: Option<String>,
) -> Result<String, AppError> {
    let sent = [
        ("wellbeing", wellbeing.unwrap_or_default()),
        ("environment", environment.unwrap_or_default()),
        ("overall", overall.unwrap_or_default()),
        ("difference", difference.unwrap_or_default()),
        ("recommend", recommend.unwrap_or_default()),
    ];
    let result = async {
        let (state, user) = session::signed_in().await?;
        let now = state.clock.now();
        let mut tx = state.db.begin_write().await?;
        let i = db::invitation_of(&mut tx, invitation, user.id).await?.ok_or(AppError::NotFound)?;
        let q = Questionnaire::by_id(&i.questionnaire).ok_or(AppError::NotFound)?;
        // Said before the answers are checked: nothing typed can help.
        if i.answered_at.is_some() {
            return Err(AppError::Refused(ALREADY_ANSWERED.into()));
        }
        if i.expires_at <= now {
            return Err(AppError::Refused(LAPSED.into()));
        }
        let value = |key: &str| sent.iter().find(|(k, _)| *k == key).map(|(_, v)| v.clone());
        let answers = check_answers(&q, i.point, value).map_err(AppError::Invalid)?;
        match db::answer(&mut tx, invitation, user.id, &answers, now).await? {
            Ok(()) => {}
            Err(NotAnswered::NotFound) => return Err(AppError::NotFound),
            Err(NotAnswered::AlreadyAnswered) => return Err(AppError::Refused(ALREADY_ANSWERED.into())),
            Err(NotAnswered::Lapsed) => return Err(AppError::Refused(LAPSED.into())),
        }
        tx.commit().await?;
        Ok(THANK_YOU.to_string())
    }
    .await;
    // What was typed comes back to a form posted without JavaScript only
    // when it was refused, so nothing is lost; it is never logged.
    let values: Vec<(&str, &str)> = sent.iter().map(|(k, v)| (*k, v.as_str())).collect();
    finish_saying(form::<SendAnswers>(), &values, result)
}

/// The signed-in person's invitations still to answer.
#[server(endpoint = "my_invitations")]
pub async fn my_invitations() -> Result<Vec<OpenInvitation>, AppError> {
    respond(
        async move {
            let (state, user) = session::signed_in().await?;
            let mut conn = state.db.pool().acquire().await?;
            let open = db::open_for(&mut conn, user.id, state.clock.now()).await?;
            Ok(open
                .into_iter()
                .filter_map(|i| {
                    let q = Questionnaire::by_id(&i.questionnaire)?;
                    Some(OpenInvitation {
                        id: i.id,
                        title: q.title.into(),
                        when: i.point.label().into(),
                        closes_on: closes_on(i.expires_at),
                    })
                })
                .collect())
        }
        .await,
    )
}

/// Whether the signed-in person said "don't ask me again".
#[server(endpoint = "load_no_surveys")]
pub async fn load_no_surveys() -> Result<bool, AppError> {
    respond(
        async move {
            let (state, user) = session::signed_in().await?;
            let mut conn = state.db.pool().acquire().await?;
            Ok(db::no_surveys(&mut conn, user.id).await?)
        }
        .await,
    )
}

/// "Don't ask me again" (`surveys` is "stop") or "ask me again" ("ask").
#[server(endpoint = "save_no_surveys")]
pub async fn save_no_surveys(surveys: Option<String>) -> Result<String, AppError> {
    let chosen = surveys.unwrap_or_default();
    let result = async {
        let (state, user) = session::signed_in().await?;
        let off = match chosen.as_str() {
            "stop" => true,
            "ask" => false,
            _ => {
                return Err(AppError::field(
                    "surveys",
                    "Choose whether we may ask you questions about how it went.",
                ))
            }
        };
        let mut conn = state.db.pool().acquire().await?;
        db::set_no_surveys(&mut conn, user.id, off).await?;
        Ok(if off {
            "Saved. We will not ask you any more questions. You can change this on your account page."
        } else {
            "Saved. We may ask you a few questions now and then; you can always say no."
        }
        .to_string())
    }
    .await;
    finish_saying(form::<SaveNoSurveys>(), &[("surveys", &chosen)], result)
}
