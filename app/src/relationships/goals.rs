//! The mentee's goals for the relationship: written by the mentee, private
//! to them unless they share one with their mentor, each open,
//! progressing, achieved or dropped. Coordinators never see them.

use crate::error::{AppError, Validation};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use {
    super::{db, flow, goals_db, lifecycle::Actor},
    crate::accounts::session,
    crate::shell::forms::{finish_saying, form, respond},
    crate::state::app_state,
};

/// Characters a goal may hold: a sentence or two.
pub const MAX_GOAL: usize = 300;

crate::vocabulary::reference_list! {
    /// Where a goal stands.
    GoalState {
        Open = "open", "Open";
        Progressing = "progressing", "Making progress";
        Achieved = "achieved", "Achieved";
        Dropped = "dropped", "Dropped";
    }
}

/// A goal as its viewer may see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoalView {
    pub id: i64,
    pub body: String,
    pub state: GoalState,
    pub shared: bool,
}

/// The goals on a relationship's page: all of the mentee's for the
/// mentee, the shared ones for the mentor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoalsView {
    pub mine: bool,
    pub editable: bool,
    pub goals: Vec<GoalView>,
}

/// Checks a goal as typed.
pub fn check_goal(text: &str) -> Result<String, AppError> {
    let text = text.trim();
    let mut v = Validation::default();
    v.check(!text.is_empty(), "goal", "Write the goal.");
    v.text("goal", text);
    v.check(text.chars().count() <= MAX_GOAL, "goal", &format!("Keep a goal to {MAX_GOAL} characters."));
    v.finish()?;
    Ok(text.to_string())
}

/// Relationship `id`'s goals for the signed-in person of the pair;
/// coordinators and everyone else are told it does not exist.
#[server(endpoint = "load_goals")]
pub async fn load_goals(id: i64) -> Result<GoalsView, AppError> {
    respond(
        async move {
            let (state, user) = session::signed_in().await?;
            let mut conn = state.db.pool().acquire().await?;
            let (r, actor) = flow::of_the_pair(&mut conn, id, user.id).await?;
            let mine = actor == Actor::Mentee;
            let goals = goals_db::of(&mut conn, id, !mine).await?;
            Ok(GoalsView { mine, editable: mine && r.state.is_under_way(), goals })
        }
        .await,
    )
}

/// The mentee adds a goal, shared with their mentor if `shared` is "yes".
#[server(endpoint = "add_goal")]
pub async fn add_goal(id: i64, goal: Option<String>, shared: Option<String>) -> Result<String, AppError> {
    let typed = goal.unwrap_or_default();
    let share = shared.unwrap_or_default();
    let result = async {
        let (state, user) = session::signed_in().await?;
        let body = check_goal(&typed)?;
        let mut tx = state.db.begin_write().await?;
        mentee_of_open(&mut tx, id, user.id).await?;
        goals_db::add(&mut tx, id, &body, share == "yes", state.clock.now()).await?;
        tx.commit().await?;
        Ok(match share.as_str() {
            "yes" => "Goal added. Your mentor can see it.".to_string(),
            _ => "Goal added. Only you can see it.".to_string(),
        })
    }
    .await;
    finish_saying(form::<AddGoal>(), &[("goal", &typed), ("shared", &share)], result)
}

/// The mentee moves a goal on, or shares or stops sharing it.
#[server(endpoint = "change_goal")]
pub async fn change_goal(
    id: i64,
    goal_id: i64,
    state: Option<String>,
    shared: Option<String>,
) -> Result<String, AppError> {
    let result = async {
        let app = app_state();
        let user = session::require_user(&app).await?;
        let new_state = GoalState::from_key(state.as_deref().unwrap_or_default())
            .ok_or_else(|| AppError::field("state", "Choose where the goal stands."))?;
        let shared = shared.as_deref() == Some("yes");
        let mut tx = app.db.begin_write().await?;
        mentee_of_open(&mut tx, id, user.id).await?;
        if !goals_db::change(&mut tx, id, goal_id, new_state, shared, app.clock.now()).await? {
            return Err(AppError::NotFound);
        }
        tx.commit().await?;
        Ok("Goal updated.".to_string())
    }
    .await;
    finish_saying(form::<ChangeGoal>(), &[], result)
}

/// Goals are the mentee's to write, and only while the relationship is
/// under way.
#[cfg(feature = "ssr")]
async fn mentee_of_open(tx: &mut crate::db::Tx, id: i64, user_id: i64) -> Result<(), AppError> {
    let (r, actor) = flow::of_the_pair(tx, id, user_id).await?;
    if actor != Actor::Mentee {
        return Err(AppError::Refused("Only the mentee writes the goals.".into()));
    }
    if !r.state.is_under_way() {
        return Err(AppError::Refused(db::ENDED_READ_ONLY.into()));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_goal_is_short_and_not_empty() {
        assert_eq!(check_goal("  Sleep between nights  ").unwrap(), "Sleep between nights");
        assert!(check_goal("  ").unwrap_err().for_field("goal").is_some());
        assert!(check_goal(&"g".repeat(MAX_GOAL + 1)).unwrap_err().for_field("goal").is_some());
        assert!(check_goal(&"g".repeat(MAX_GOAL)).is_ok());
    }
}
