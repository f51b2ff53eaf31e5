//! Coordinators' queue of requests: those waiting for a decision (priority
//! first, then oldest), offers waiting for a mentor, and recent matches.

use super::coordination::load_request_queue;
use super::views::QueueItem;
use crate::dates;
use crate::shell::error_pages::ErrorPage;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn RequestQueuePage() -> impl IntoView {
    let queue = Resource::new(|| (), |_| load_request_queue());
    view! {
        <Title text="Mentoring requests" />
        <h1>"Mentoring requests"</h1>
        <p>
            <a href="/coordinator/support-routes">"Change the support routes shown to staff"</a>
        </p>
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                match queue.await {
                    Ok(q) => {
                        view! {
                            <QueueSection
                                title="Waiting for a decision"
                                empty="No requests are waiting for a decision."
                                items=q.to_decide
                            />
                            <QueueSection
                                title="Offered, waiting for the mentor"
                                empty="No offers are waiting for an answer."
                                items=q.offered
                            />
                            <QueueSection title="Recently matched" empty="No matches yet." items=q.matched />
                        }
                            .into_any()
                    }
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn QueueSection(title: &'static str, empty: &'static str, items: Vec<QueueItem>) -> impl IntoView {
    let heading = format!("{title} ({})", items.len());
    view! {
        <section class="queue-section">
            <h2>{heading}</h2>
            {if items.is_empty() {
                view! { <p>{empty}</p> }.into_any()
            } else {
                view! {
                    <ol class="queue-list">
                        {items.into_iter().map(|item| view! { <QueueCard item /> }).collect_view()}
                    </ol>
                }
                    .into_any()
            }}
        </section>
    }
}

#[component]
fn QueueCard(item: QueueItem) -> impl IntoView {
    let href = format!("/requests/{}", item.id);
    view! {
        <li class="queue-card" class:queue-card-priority=item.priority>
            {item
                .priority
                .then(|| view! { <p class="tag tag-priority">"Priority: support topics chosen"</p> })}
            <h3>
                <a href=href>{format!("Request from {}", item.mentee_name)}</a>
            </h3>
            <p class="hint">{format!("{} · {}", item.age, item.state.describe_for_coordinators())}</p>
            <p>{format!("Topics: {}", item.topics.join(", "))}</p>
            {item.mentor_name.map(|name| view! { <p>{format!("{}: {name}", item.state.mentor_label())}</p> })}
            {item.answer_by.map(|date| view! { <p>{format!("Answer due by {}", dates::long(&date))}</p> })}
        </li>
    }
}
