//! On the relationship's page, for the pair only: the next session with
//! the actions still open and the mentee's goals beside it, then every
//! session with a link to its page (notes and actions), and the time held.

use super::goals_section::GoalsSection;
use super::record::duration_text;
use super::session_notes::{load_pair_sessions, ActionView, PairSessions};
use crate::shell::context::PageResource;
use leptos::prelude::*;

#[component]
pub fn PairSessionsSection(id: i64, page: PageResource) -> impl IntoView {
    let sessions = Resource::new(|| (), move |_| load_pair_sessions(id));
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                sessions
                    .await
                    .ok()
                    .map(|s: PairSessions| {
                        let page_of = move |session: i64| format!("/mentoring/{id}/sessions/{session}");
                        view! {
                            <section class="next-session" aria-labelledby="next-heading">
                                <h2 id="next-heading">"Next session"</h2>
                                {match s.next.clone() {
                                    Some(next) => {
                                        view! {
                                            <p>
                                                <strong>{next.when.clone()}</strong>
                                            </p>
                                            <p>
                                                <a href=page_of(
                                                    next.id,
                                                )>"Prepare for it: actions and your notes"</a>
                                            </p>
                                        }
                                            .into_any()
                                    }
                                    None => view! { <p>"No session is booked."</p> }.into_any(),
                                }}
                                <OpenActions actions=s.open_actions.clone() />
                            </section>
                            <GoalsSection id page />
                            <section aria-labelledby="sessions-heading">
                                <h2 id="sessions-heading">"Sessions"</h2>
                                <p>{format!("Time held so far: {}.", duration_text(s.minutes_held))}</p>
                                {if s.sessions.is_empty() {
                                    view! { <p>"No sessions yet."</p> }.into_any()
                                } else {
                                    view! {
                                        <ul class="session-links">
                                            {s
                                                .sessions
                                                .iter()
                                                .map(|l| {
                                                    view! {
                                                        <li>
                                                            <a href=page_of(l.id)>{l.when.clone()}</a>
                                                            {format!(" · {}", l.state_label)}
                                                        </li>
                                                    }
                                                })
                                                .collect_view()}
                                        </ul>
                                    }
                                        .into_any()
                                }}
                            </section>
                        }
                    })
            })}
        </Transition>
    }
}

/// The actions agreed and not yet done, carried from session to session.
#[component]
pub fn OpenActions(actions: Vec<ActionView>) -> impl IntoView {
    (!actions.is_empty()).then(|| {
        view! {
            <h3>"Actions still open"</h3>
            <ul class="action-list">
                {actions
                    .into_iter()
                    .map(|a| {
                        view! {
                            <li>
                                <span class="preserve-lines">{a.body}</span>
                                <span class="hint">{format!(" (agreed {})", a.agreed_at)}</span>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
    })
}
