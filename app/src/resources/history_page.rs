//! A resource's history for coordinators: every saved version, newest
//! first, who saved it, when, and what it changed.

use super::editing::load_resource_history;
use crate::shell::error_pages::ErrorPage;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn ResourceHistoryPage() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let history = Resource::new(slug, load_resource_history);
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                match history.await {
                    Ok((title, entries)) => {
                        let back = format!("/coordinator/resources/{}/edit", slug());
                        view! {
                            <Title text=format!("History of {title}") />
                            <p class="back-link">
                                <a href=back>"Back to the editor"</a>
                            </p>
                            <h1>{format!("History of \u{201c}{title}\u{201d}")}</h1>
                            <ol class="history-list">
                                {entries
                                    .into_iter()
                                    .map(|e| {
                                        let who = if e.who.is_empty() {
                                            "Loaded with the demo library".to_string()
                                        } else {
                                            e.who
                                        };
                                        view! {
                                            <li class="history-entry">
                                                <h2 class="card-title">{e.what}</h2>
                                                <p class="hint">{format!("{who} · {}", e.when)}</p>
                                                <details>
                                                    <summary>
                                                        {format!(
                                                            "The text of \u{201c}{}\u{201d} after this change",
                                                            e.title,
                                                        )}
                                                    </summary>
                                                    <pre class="markdown-source">{e.body}</pre>
                                                </details>
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ol>
                        }
                            .into_any()
                    }
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                }
            })}
        </Transition>
    }
}
