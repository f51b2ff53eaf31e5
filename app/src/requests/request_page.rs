//! The mentee's page: the request form while it is a draft, then a plain
//! timeline of where the request is, and their mentors once matched.

use super::functions::{load_my_request, AskForInstead, SaveRequest, WithdrawRequest};
use super::lifecycle::RequestState;
use super::request_form::RequestForm;
use super::support::SupportBox;
use super::views::{MatchedMentor, MyRequest};
use crate::dates;
use crate::relationships::links::RelationshipLinks;
use crate::shell::context::use_page_context;
use crate::shell::error_pages::ErrorPage;
use crate::shell::forms::{form, outcome_from, ErrorSummary, FormOutcome, Notice};
use crate::vocabulary::Topic;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn MyRequestPage() -> impl IntoView {
    let save = ServerAction::<SaveRequest>::new();
    let withdraw = ServerAction::<WithdrawRequest>::new();
    let ask = ServerAction::<AskForInstead>::new();
    let query = use_query_map();
    let chosen = move || query.read().get("mentor").and_then(|m| m.parse::<i64>().ok());
    let page = use_page_context();
    let data = Resource::new(
        move || (save.version().get(), withdraw.version().get(), ask.version().get(), chosen()),
        |(_, _, _, mentor)| load_my_request(mentor),
    );
    view! {
        <Title text="Ask for a mentor" />
        <h1>"Ask for a mentor"</h1>
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                let flash = page.await.ok().and_then(|c| c.flash);
                let save_flash = flash.clone().filter(|f| f.form == form::<SaveRequest>().name());
                let withdraw_flash = flash.clone().filter(|f| f.form == form::<WithdrawRequest>().name());
                let ask_flash = flash.filter(|f| f.form == form::<AskForInstead>().name());
                let FormOutcome { error: ask_error, notice: ask_notice, .. } = outcome_from(ask, ask_flash);
                let FormOutcome { error, notice, .. } = outcome_from(save, save_flash);
                let FormOutcome { error: withdraw_error, notice: withdraw_notice, .. } = outcome_from(
                    withdraw,
                    withdraw_flash,
                );
                match data.await {
                    Ok(mine) => {
                        let current = mine.current.clone();
                        let named = mine
                            .chosen_mentor
                            .clone()
                            .or_else(|| {
                                let c = current.as_ref()?;
                                Some((c.fields.named_mentor?, c.named_mentor_name.clone()?))
                            });
                        let body = match current {
                            Some(c) if c.state != RequestState::Draft => {
                                view! {
                                    <ErrorSummary error />
                                    {mine
                                        .chosen_mentor
                                        .clone()
                                        .filter(|(id, _)| c.fields.named_mentor != Some(*id))
                                        .map(|(mentor_id, name)| {
                                            let can_change = matches!(
                                                c.state,
                                                RequestState::Submitted | RequestState::Proposed { .. }
                                            );
                                            view! { <AskInstead mentor_id name can_change action=ask /> }
                                        })}
                                    <RequestStatus
                                        request=c.clone()
                                        support_routes=mine.support_routes.clone()
                                    />
                                    <Withdraw id=c.id action=withdraw label="Withdraw my request" />
                                }
                                    .into_any()
                            }
                            None if !mine.mentors.is_empty() => ().into_any(),
                            draft => {
                                let fields = draft.as_ref().map(|c| c.fields.clone()).unwrap_or_default();
                                // Matched, with nothing being written: no blank form,
                                // the mentor box says how to change.
                                view! {
                                    <p class="lead">
                                        "Tell us what you would like, and a coordinator will find a mentor well suited to you. It takes about five minutes, and you can save it and come back."
                                    </p>
                                    <RequestForm
                                        fields
                                        named
                                        support_routes=mine.support_routes.clone()
                                        action=save
                                        error
                                    />
                                    {draft
                                        .map(|c| {
                                            view! {
                                                <Withdraw id=c.id action=withdraw label="Delete this draft" />
                                            }
                                        })}
                                }
                                    .into_any()
                            }
                        };
                        view! {
                            <Notice message=withdraw_notice />
                            <ErrorSummary error=ask_error />
                            <Notice message=ask_notice />
                            <ErrorSummary error=withdraw_error />
                            <Notice message=notice />
                            <Mentors mentors=mine.mentors.clone() />
                            <RelationshipLinks />
                            {body}
                        }
                            .into_any()
                    }
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// The mentoring under way: who with, its page and booking, and how to
/// ask for someone else (there is one request at a time).
#[component]
fn Mentors(mentors: Vec<MatchedMentor>) -> impl IntoView {
    (!mentors.is_empty()).then(|| {
        view! {
            <section class="status-box status-listed" aria-labelledby="mentors-heading">
                <h2 id="mentors-heading">
                    {if mentors.len() == 1 { "Your mentor" } else { "Your mentors" }}
                </h2>
                <ul class="plain-list">
                    {mentors
                        .into_iter()
                        .map(|m| {
                            let page = format!("/mentoring/{}", m.relationship_id);
                            let book = format!("/sessions/book?with={}", m.relationship_id);
                            view! {
                                <li class="matched-mentor">
                                    <strong>{m.name}</strong>
                                    <span class="actions">
                                        <a href=book class="button">
                                            "Book a session"
                                        </a>
                                        <a href=page>"Your mentoring page"</a>
                                    </span>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
                <p>
                    "You are matched, so there is nothing more to ask for here. To have a different mentor, end or change this mentoring from its page, where you can ask the coordinators for someone else."
                </p>
            </section>
        }
    })
}

/// Where a sent request is, in plain words, and what was asked.
#[component]
pub fn RequestStatus(request: MyRequest, support_routes: String) -> impl IntoView {
    let topics = Topic::labels(&request.fields.topics).join(", ");
    view! {
        <section class="status-box" aria-labelledby="where-heading">
            <h2 id="where-heading">"Where your request is"</h2>
            <p>
                <strong>{request.state.describe()}</strong>
            </p>
            <ol class="timeline">
                {request
                    .timeline
                    .into_iter()
                    .map(|entry| {
                        view! {
                            <li>
                                <span class="timeline-date">{dates::long(&entry.date)}</span>
                                " "
                                {entry.text}
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
        </section>
        {(request.priority && !support_routes.is_empty())
            .then(|| view! { <SupportBox routes=support_routes sent=true /> })}
        <details class="asked-for">
            <summary>"What you asked for"</summary>
            <p class="preserve-lines">{request.fields.goal.clone()}</p>
            <p>{format!("Topics: {topics}")}</p>
            {request.named_mentor_name.map(|name| view! { <p>{format!("You asked for {name}.")}</p> })}
        </details>
    }
}

/// A mentor chosen in the directory while a request is already under
/// way: say why they were not asked, and offer what can be done.
#[component]
fn AskInstead(
    mentor_id: i64,
    name: String,
    can_change: bool,
    action: ServerAction<AskForInstead>,
) -> impl IntoView {
    let heading = format!("{name} has not been asked for");
    let what = if can_change {
        view! {
            <p>{format!("No mentor has been asked yet, so you can ask for {name} instead.")}</p>
            <ActionForm action attr:class="inline-form">
                <input type="hidden" name="mentor_id" value=mentor_id />
                <button type="submit" class="button">
                    {format!("Ask for {name} instead")}
                </button>
            </ActionForm>
            <p>"Or withdraw your request below and start again."</p>
        }
        .into_any()
    } else {
        view! {
            <p>
                {format!(
                    "A mentor has already been asked about it, so the mentor you ask for cannot change now. To ask for {name}, withdraw your request below and start again.",
                )}
            </p>
        }
        .into_any()
    };
    view! {
        <section class="status-box" aria-labelledby="ask-instead-heading">
            <h2 id="ask-instead-heading">{heading}</h2>
            <p>"You already have a request under way, and there is one at a time."</p>
            {what}
        </section>
    }
}

#[component]
fn Withdraw(id: i64, action: ServerAction<WithdrawRequest>, label: &'static str) -> impl IntoView {
    view! {
        <ActionForm action attr:class="inline-form">
            <input type="hidden" name="request_id" value=id />
            <button type="submit" class="button button-secondary">
                {label}
            </button>
        </ActionForm>
    }
}
