//! One request at `/requests/:id`. Coordinators see it whole, with
//! suggested mentors and the reasons, its history and who viewed it; the
//! mentee and the offered mentor see their own views.

use super::coordination::{load_request, ApproveMatch};
use super::lifecycle::RequestState;
use super::offers::AnswerOffer;
use super::offers_page::OfferCard;
use super::request_page::RequestStatus;
use super::views::{RequestDetail, RequestView, SuggestionView};
use crate::dates;
use crate::error::AppError;
use crate::shell::context::use_page_context;
use crate::shell::error_pages::ErrorPage;
use crate::shell::facts::Facts;
use crate::shell::forms::{form, outcome_from, ErrorSummary, FormOutcome, Notice};
use crate::vocabulary::{Area, MeetingMode, MentoringForm, Profession, Sector, Topic};
use crate::vocabulary::{Day, TimeOfDay};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn RequestPage() -> impl IntoView {
    let approve = ServerAction::<ApproveMatch>::new();
    let answer = ServerAction::<AnswerOffer>::new();
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|v| v.parse::<i64>().ok());
    let page = use_page_context();
    let request = Resource::new(
        move || (approve.version().get(), answer.version().get(), id()),
        |(_, _, id)| async move {
            match id {
                Some(id) => load_request(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Title text="Mentoring request" />
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                let flash = page.await.ok().and_then(|c| c.flash);
                let approve_flash = flash.clone().filter(|f| f.form == form::<ApproveMatch>().name());
                let answer_flash = flash.filter(|f| f.form == form::<AnswerOffer>().name());
                let FormOutcome { error, notice, .. } = outcome_from(approve, approve_flash);
                let FormOutcome { error: answer_error, notice: answer_notice, .. } = outcome_from(
                    answer,
                    answer_flash,
                );
                match request.await {
                    Ok(RequestView::Coordinator(detail)) => {
                        view! {
                            <Notice message=notice />
                            <ErrorSummary error />
                            <Detail detail=*detail approve />
                        }
                            .into_any()
                    }
                    Ok(RequestView::Mentee(mine)) => {
                        view! {
                            <h1>"Your request"</h1>
                            <RequestStatus request=*mine support_routes=String::new() />
                        }
                            .into_any()
                    }
                    Ok(RequestView::Mentor(offer)) => {
                        view! {
                            <h1>"A mentoring request"</h1>
                            <Notice message=answer_notice />
                            <ErrorSummary error=answer_error />
                            <OfferCard offer=*offer action=answer />
                        }
                            .into_any()
                    }
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

fn list_or(values: Vec<&'static str>, none: &str) -> String {
    if values.is_empty() {
        none.to_string()
    } else {
        values.join(", ")
    }
}

#[component]
fn Detail(detail: RequestDetail, approve: ServerAction<ApproveMatch>) -> impl IntoView {
    let f = detail.fields.clone();
    let any = "No preference";
    let rows = vec![
        ("Topics", list_or(Topic::labels(&f.topics), "None chosen")),
        ("Professions", list_or(Profession::labels(&f.professions), any)),
        ("Sectors", list_or(Sector::labels(&f.sectors), any)),
        ("Areas", list_or(Area::labels(&f.areas), any)),
        ("Ways of meeting", list_or(MeetingMode::labels(&f.modes), any)),
        ("Forms of mentoring", list_or(MentoringForm::labels(&f.forms), any)),
        ("Days", list_or(Day::labels(&f.days), any)),
        ("Times", list_or(TimeOfDay::labels(&f.times), any)),
        (
            "Organisation",
            match (f.organisation.is_empty(), f.outside_own_organisation) {
                (true, _) => "Not given".to_string(),
                (false, true) => format!("{} (wants a mentor from outside it)", f.organisation),
                (false, false) => f.organisation.clone(),
            },
        ),
        (
            "Shared with the mentor",
            if f.share_with_mentor {
                "Yes".into()
            } else {
                "No: practical details only until they accept".into()
            },
        ),
    ];
    let request_id = detail.id;
    let deciding = !detail.suggestions.is_empty();
    let has_proposal = detail.suggestions.iter().any(|s| s.proposed);
    view! {
        <h1>{format!("Request from {}", detail.mentee_name)}</h1>
        {detail
            .priority
            .then(|| {
                view! {
                    <p class="tag tag-priority">
                        "Priority: the mentee chose a topic that may need urgent or specialist support. They were shown the support routes."
                    </p>
                }
            })}
        <p class="lead">{format!("{} · {}", detail.age, detail.state.describe_for_coordinators())}</p>
        {detail
            .mentor_name
            .clone()
            .map(|name| view! { <p>{format!("{}: {name}", detail.state.mentor_label())}</p> })}
        {matches!(detail.state, RequestState::Active { .. })
            .then(|| {
                view! {
                    <p>
                        <a href=format!(
                            "/mentoring/{request_id}",
                        )>"The mentoring relationship: dates, state and session counts"</a>
                    </p>
                }
            })}
        {(detail.sessions != (0, 0))
            .then(|| {
                view! {
                    <p>{format!("Sessions: {} held, {} booked", detail.sessions.0, detail.sessions.1)}</p>
                }
            })}
        {detail
            .answer_by
            .clone()
            .map(|date| view! { <p>{format!("The mentor must answer by {}.", dates::long(&date))}</p> })}
        <section aria-labelledby="asked-heading">
            <h2 id="asked-heading">"What they asked for"</h2>
            <p class="preserve-lines request-goal">{f.goal.clone()}</p>
            <Facts facts=rows />
        </section>
        {detail.named_mentor_note.clone().map(|note| view! { <p class="notice-warning">{note}</p> })}
        {deciding
            .then(|| {
                view! {
                    <section aria-labelledby="suggestions-heading">
                        <h2 id="suggestions-heading">"Suggested mentors"</h2>
                        <p class="hint">
                            "Best first. Each score adds up shared topics, the mentee's preferences, and free places."
                        </p>
                        <ol class="suggestions">
                            {detail
                                .suggestions
                                .clone()
                                .into_iter()
                                .take(10)
                                .map(|s| {
                                    view! { <Suggestion s request_id approve reason_needed=has_proposal /> }
                                })
                                .collect_view()}
                        </ol>
                    </section>
                }
            })}
        {(!deciding && detail.state.is_open() && detail.state.mentor().is_none())
            .then(|| {
                view! {
                    <p class="notice-warning">
                        "No mentor in the directory can take this request at the moment. Check again when mentors have free places."
                    </p>
                }
            })}
        <section aria-labelledby="history-heading">
            <h2 id="history-heading">"History"</h2>
            <ol class="timeline">
                {detail
                    .history
                    .into_iter()
                    .map(|e| {
                        view! {
                            <li>
                                <span class="timeline-date">{dates::long(&e.date)}</span>
                                " "
                                {e.text}
                                {(!e.note.is_empty())
                                    .then(|| {
                                        view! {
                                            <span class="timeline-note">
                                                {format!(" Reason: {}", e.note)}
                                            </span>
                                        }
                                    })}
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
        </section>
        <section aria-labelledby="views-heading">
            <h2 id="views-heading">"Who viewed this request"</h2>
            <ul class="plain-list views-list">
                {detail
                    .views
                    .into_iter()
                    .map(|(who, role, when)| view! { <li>{format!("{who} ({role}), {when}")}</li> })
                    .collect_view()}
            </ul>
        </section>
    }
}

#[component]
fn Suggestion(
    s: SuggestionView,
    request_id: i64,
    approve: ServerAction<ApproveMatch>,
    reason_needed: bool,
) -> impl IntoView {
    let reason_id = format!("reason-{}", s.mentor_id);
    let ask_reason = reason_needed && !s.proposed;
    let button = if s.proposed {
        format!("Approve and offer to {}", s.name)
    } else {
        format!("Offer to {} instead", s.name)
    };
    view! {
        <li class="suggestion" class:suggestion-proposed=s.proposed>
            <h3>
                {s.name.clone()} {s.proposed.then(|| view! { <span class="tag">" Suggested"</span> })}
                {s.named_by_mentee.then(|| view! { <span class="tag">" Asked for by the mentee"</span> })}
            </h3>
            <p class="hint">{format!("Score {}", s.score)}</p>
            <ul class="reasons">{s.reasons.into_iter().map(|r| view! { <li>{r}</li> }).collect_view()}</ul>
            <ActionForm action=approve attr:class="form suggestion-form">
                <input type="hidden" name="request_id" value=request_id />
                <input type="hidden" name="mentor_id" value=s.mentor_id />
                {ask_reason
                    .then(|| {
                        view! {
                            <div class="field">
                                <label for=reason_id
                                    .clone()>"Why this mentor rather than the one suggested?"</label>
                                <textarea id=reason_id.clone() name="reason" rows="2"></textarea>
                            </div>
                        }
                    })}
                <button type="submit" class=if s.proposed { "button" } else { "button button-secondary" }>
                    {button}
                </button>
            </ActionForm>
        </li>
    }
}
