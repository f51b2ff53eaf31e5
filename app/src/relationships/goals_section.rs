//! The mentee's goals on the relationship's page: the mentee writes them,
//! moves them on and chooses which to share; the mentor reads the shared
//! ones. Works without JavaScript.

use super::goals::{load_goals, AddGoal, ChangeGoal, GoalState, GoalView, GoalsView, MAX_GOAL};
use crate::error::AppError;
use crate::shell::context::PageResource;
use crate::shell::fields::FieldMessage;
use crate::shell::forms::{form, outcome_from, ErrorSummary, FormOutcome, Notice};
use leptos::prelude::*;

#[component]
pub fn GoalsSection(id: i64, page: PageResource) -> impl IntoView {
    let add = ServerAction::<AddGoal>::new();
    let change = ServerAction::<ChangeGoal>::new();
    let goals = Resource::new(move || (add.version().get(), change.version().get()), move |_| load_goals(id));
    view! {
        <section class="goals" aria-labelledby="goals-heading">
            <h2 id="goals-heading">"Goals"</h2>
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    let context = page.await.ok();
                    let flash = context.as_ref().and_then(|c| c.flash_for(form::<AddGoal>()));
                    let change_flash = context.as_ref().and_then(|c| c.flash_for(form::<ChangeGoal>()));
                    let FormOutcome { error, notice, .. } = outcome_from(add, flash.clone());
                    let FormOutcome { error: change_error, notice: change_notice, .. } = outcome_from(
                        change,
                        change_flash,
                    );
                    let typed = flash
                        .as_ref()
                        .filter(|f| f.error.is_some())
                        .and_then(|f| f.value("goal"))
                        .unwrap_or_default();
                    goals
                        .await
                        .ok()
                        .map(|g: GoalsView| {
                            view! {
                                <Notice message=notice />
                                <Notice message=change_notice />
                                <ErrorSummary error=change_error />
                                <GoalList id view=g.clone() change />
                                {(g.mine && g.editable)
                                    .then(|| view! { <AddGoalForm id action=add error typed /> })}
                            }
                        })
                })}
            </Transition>
        </section>
    }
}

#[component]
fn GoalList(id: i64, view: GoalsView, change: ServerAction<ChangeGoal>) -> impl IntoView {
    if view.goals.is_empty() {
        let empty = if view.mine {
            "You have not written any goals yet. Your goals are yours: only you see them, unless you choose to share one with your mentor."
        } else {
            "Your mentee has not shared any goals with you. Goals are theirs to share."
        };
        return view! { <p>{empty}</p> }.into_any();
    }
    let intro = if view.mine {
        "Only you see a goal unless you share it with your mentor."
    } else {
        "The goals your mentee has shared with you."
    };
    view! {
        <p class="hint">{intro}</p>
        <ul class="goal-list">
            {view
                .goals
                .into_iter()
                .map(|goal| {
                    let editable = view.mine && view.editable;
                    view! { <GoalItem id goal editable change /> }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}

#[component]
fn GoalItem(id: i64, goal: GoalView, editable: bool, change: ServerAction<ChangeGoal>) -> impl IntoView {
    let state_id = format!("goal-{}-state", goal.id);
    let shared_id = format!("goal-{}-shared", goal.id);
    let sharing = if goal.shared { "Shared with your mentor" } else { "Only you" };
    view! {
        <li class="goal">
            <p class="preserve-lines goal-body">{goal.body.clone()}</p>
            <p class="goal-state">
                <strong>{goal.state.label()}</strong>
                {editable.then(|| format!(" · {sharing}"))}
            </p>
            {editable
                .then(|| {
                    view! {
                        <ActionForm action=change attr:class="form form-inline goal-change">
                            <input type="hidden" name="id" value=id.to_string() />
                            <input type="hidden" name="goal_id" value=goal.id.to_string() />
                            <div class="field">
                                <label for=state_id.clone()>"Where it stands"</label>
                                <select id=state_id.clone() name="state">
                                    {GoalState::ALL
                                        .iter()
                                        .map(|s| {
                                            view! {
                                                <option value=s.key() selected=*s == goal.state>
                                                    {s.label()}
                                                </option>
                                            }
                                        })
                                        .collect_view()}
                                </select>
                            </div>
                            <label class="check" for=shared_id.clone()>
                                <input
                                    type="checkbox"
                                    id=shared_id.clone()
                                    name="shared"
                                    value="yes"
                                    checked=goal.shared
                                />
                                "Share with my mentor"
                            </label>
                            <button type="submit" class="button button-secondary">
                                "Update goal"
                            </button>
                        </ActionForm>
                    }
                })}
        </li>
    }
}

#[component]
fn AddGoalForm(
    id: i64,
    action: ServerAction<AddGoal>,
    error: Signal<Option<AppError>>,
    typed: String,
) -> impl IntoView {
    let message = move || error.get().and_then(|e| e.for_field("goal"));
    view! {
        <ErrorSummary error />
        <ActionForm action attr:class="form add-goal">
            <input type="hidden" name="id" value=id.to_string() />
            <div class="field" class:field-error=move || message().is_some()>
                <label for="goal">"A new goal"</label>
                <p class="hint" id="goal-hint">
                    "What you want to get from the mentoring, in your own words."
                </p>
                <FieldMessage name="goal" error />
                <textarea
                    id="goal"
                    name="goal"
                    rows="2"
                    maxlength=MAX_GOAL.to_string()
                    aria-describedby=move || {
                        if message().is_some() { "goal-hint goal-error" } else { "goal-hint" }
                    }
                >
                    {typed}
                </textarea>
            </div>
            <label class="check" for="goal-shared">
                <input type="checkbox" id="goal-shared" name="shared" value="yes" />
                "Share this goal with my mentor"
            </label>
            <button type="submit" class="button">
                "Add goal"
            </button>
        </ActionForm>
    }
}
