//! `/coordinator/relationships`: what needs a coordinator's attention.
//! Flags the pair raised (concerns first), each marked dealt with once
//! followed up, and relationships gone quiet. Names and dates only.

use super::attention::{load_attention_list, AttentionList, DealWithFlag, FlagItem, QuietItem};
use crate::dates;
use crate::shell::context::use_page_context;
use crate::shell::error_pages::ErrorPage;
use crate::shell::forms::{outcome_of, ErrorSummary, FormOutcome, Notice};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn AttentionPage() -> impl IntoView {
    let deal = ServerAction::<DealWithFlag>::new();
    let page = use_page_context();
    let list = Resource::new(move || deal.version().get(), |_| load_attention_list());
    view! {
        <Title text="Relationships needing attention" />
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                let FormOutcome { error, notice, .. } = outcome_of(deal, page.await.ok().as_ref());
                match list.await {
                    Ok(list) => {
                        view! {
                            <h1>"Relationships needing attention"</h1>
                            <Notice message=notice />
                            <ErrorSummary error />
                            <Flags list=list.clone() action=deal />
                            <GoneQuiet list />
                        }
                            .into_any()
                    }
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

fn pair(mentor: &str, mentee: &str) -> String {
    format!("{mentee}, mentored by {mentor}")
}

#[component]
fn Flags(list: AttentionList, action: ServerAction<DealWithFlag>) -> impl IntoView {
    view! {
        <section aria-labelledby="flags-heading">
            <h2 id="flags-heading">{format!("Raised by the pair ({})", list.flags.len())}</h2>
            {if list.flags.is_empty() {
                view! { <p>"Nothing is waiting."</p> }.into_any()
            } else {
                view! {
                    <ul class="card-list">
                        {list.flags.into_iter().map(|f| view! { <FlagCard f action /> }).collect_view()}
                    </ul>
                }
                    .into_any()
            }}
        </section>
    }
}

#[component]
fn FlagCard(f: FlagItem, action: ServerAction<DealWithFlag>) -> impl IntoView {
    view! {
        <li class="card">
            {f.priority.then(|| view! { <p class="tag tag-priority">"Priority"</p> })} <h3>
                <a href=format!("/mentoring/{}", f.relationship_id)>{pair(&f.mentor_name, &f.mentee_name)}</a>
            </h3> <p>{format!("{} (raised on {}).", f.label, dates::long(&f.raised_on))}</p>
            <ActionForm action attr:class="inline-form">
                <input type="hidden" name="flag_id" value=f.id.to_string() />
                <button type="submit" class="button button-secondary">
                    "Mark as dealt with"
                </button>
            </ActionForm>
        </li>
    }
}

#[component]
fn GoneQuiet(list: AttentionList) -> impl IntoView {
    view! {
        <section aria-labelledby="quiet-heading">
            <h2 id="quiet-heading">{format!("Gone quiet ({})", list.quiet.len())}</h2>
            <p class="hint">
                {format!(
                    "No session held or booked for {} days or more. Each of the pair is sent one short email asking whether to meet again or close it.",
                    list.quiet_days,
                )}
            </p>
            {if list.quiet.is_empty() {
                view! { <p>"None at the moment."</p> }.into_any()
            } else {
                view! {
                    <ul class="card-list">
                        {list.quiet.into_iter().map(|q| view! { <QuietCard q /> }).collect_view()}
                    </ul>
                }
                    .into_any()
            }}
        </section>
    }
}

#[component]
fn QuietCard(q: QuietItem) -> impl IntoView {
    let last = match &q.last_session_on {
        Some(on) => format!("Last session {}.", dates::long(on)),
        None => "No session yet.".to_string(),
    };
    view! {
        <li class="card">
            <h3>
                <a href=format!("/mentoring/{}", q.relationship_id)>{pair(&q.mentor_name, &q.mentee_name)}</a>
            </h3>
            <p>
                {format!(
                    "Started {}. Quiet since {}. {last}",
                    dates::long(&q.started_on),
                    dates::long(&q.quiet_since),
                )}
            </p>
        </li>
    }
}
