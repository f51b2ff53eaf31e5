//! A mentor's offers waiting for an answer, and the mentees they have.

use super::offers::{load_offers, AnswerOffer};
use super::views::Offer;
use crate::dates;
use crate::shell::context::use_page_context;
use crate::shell::error_pages::ErrorPage;
use crate::shell::facts::Facts;
use crate::shell::forms::{outcome_of, ErrorSummary, FormOutcome, Notice};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn OffersPage() -> impl IntoView {
    let answer = ServerAction::<AnswerOffer>::new();
    let page = use_page_context();
    let desk = Resource::new(move || answer.version().get(), |_| load_offers());
    view! {
        <Title text="Offers and mentees" />
        <h1>"Offers and mentees"</h1>
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                let FormOutcome { error, notice, .. } = outcome_of(answer, page.await.ok().as_ref());
                match desk.await {
                    Ok(desk) => {
                        let load = format!(
                            "You are mentoring {} of the {} people your profile allows at once.",
                            desk.mentees.len(),
                            desk.capacity,
                        );
                        view! {
                            <Notice message=notice />
                            <ErrorSummary error />
                            <p class="lead">{load}</p>
                            <h2>{format!("Waiting for your answer ({})", desk.offers.len())}</h2>
                            {if desk.offers.is_empty() {
                                view! { <p>"No offers are waiting for you."</p> }.into_any()
                            } else {
                                desk.offers
                                    .into_iter()
                                    .map(|offer| view! { <OfferCard offer action=answer /> })
                                    .collect_view()
                                    .into_any()
                            }}
                            <h2>{format!("Your mentees ({})", desk.mentees.len())}</h2>
                            {if desk.mentees.is_empty() {
                                view! { <p>"You have no mentees at the moment."</p> }.into_any()
                            } else {
                                desk.mentees
                                    .into_iter()
                                    .map(|offer| view! { <OfferCard offer action=answer /> })
                                    .collect_view()
                                    .into_any()
                            }}
                        }
                            .into_any()
                    }
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// One offer or one mentee: what the mentee agreed to share, the
/// practical details, and (for an offer) accept and decline.
#[component]
pub fn OfferCard(offer: Offer, action: ServerAction<AnswerOffer>) -> impl IntoView {
    let id = offer.id;
    let reason_id = format!("decline-reason-{id}");
    let title = match (&offer.mentee, &offer.shared) {
        (Some(m), _) => m.name.clone(),
        (None, Some(shared)) => format!("A request from {}", shared.mentee_name),
        (None, None) => "A request for mentoring".to_string(),
    };
    let label = title.clone();
    view! {
        <article class="offer-card" aria-label=label>
            <h3>{title}</h3>
            {offer
                .mentee
                .clone()
                .map(|m| {
                    let mailto = format!("mailto:{}", m.email);
                    view! { <p>"Email: "<a href=mailto>{m.email}</a></p> }
                })}
            {offer
                .active
                .then(|| {
                    view! {
                        <p>
                            <a href=format!("/mentoring/{id}")>"Your mentoring relationship"</a>
                        </p>
                    }
                })}
            {match offer.shared.clone() {
                Some(shared) => {
                    view! {
                        <p class="preserve-lines request-goal">{shared.goal}</p>
                        <p>{format!("Topics: {}", shared.topics.join(", "))}</p>
                    }
                        .into_any()
                }
                None => {
                    view! {
                        <p class="hint">
                            "The person asking chose to share only how and when they could meet until you accept."
                        </p>
                    }
                        .into_any()
                }
            }}
            <Facts facts=offer.practical />
            {(!offer.active)
                .then(|| {
                    view! {
                        {offer
                            .answer_by
                            .clone()
                            .map(|date| {
                                view! {
                                    <p>
                                        <strong>{format!("Please answer by {}.", dates::long(&date))}</strong>
                                    </p>
                                }
                            })}
                        <div class="review-actions">
                            <ActionForm action attr:class="inline-form">
                                <input type="hidden" name="request_id" value=id />
                                <input type="hidden" name="answer" value="accept" />
                                <button type="submit" class="button">
                                    "Accept"
                                </button>
                            </ActionForm>
                            <ActionForm action attr:class="form">
                                <input type="hidden" name="request_id" value=id />
                                <input type="hidden" name="answer" value="decline" />
                                <div class="field">
                                    <label for=reason_id.clone()>"Reason for declining (optional)"</label>
                                    <p class="hint">
                                        "Only coordinators see this; the person asking never does."
                                    </p>
                                    <textarea id=reason_id.clone() name="reason" rows="2"></textarea>
                                </div>
                                <button type="submit" class="button button-secondary">
                                    "Decline"
                                </button>
                            </ActionForm>
                        </div>
                    }
                })}
        </article>
    }
}
