//! A mentor's own page in the directory: their profile as staff see it,
//! whether they have places, and the way to ask for them.

use super::cards::{places_text, summary_line, ProfileDetails};
use super::functions::load_mentor;
use super::listing::ListingStatus;
use crate::shell::context::use_page_context;
use crate::shell::error_pages::ErrorPage;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn MentorPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|v| v.parse::<i64>().ok()).unwrap_or(0);
    let mentor = Resource::new(id, load_mentor);
    let page = use_page_context();
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let viewer = page.await.ok().and_then(|c| c.user).map(|u| u.id);
                match mentor.await {
                    Ok((card, status)) => {
                        view! {
                            <Title text=card.fields.display_name.clone() />
                            <p class="back-link">
                                <a href="/directory">"Back to the directory"</a>
                            </p>
                            <h1>
                                {card.fields.display_name.clone()}
                                {(!card.fields.pronouns.is_empty())
                                    .then(|| {
                                        view! {
                                            <span class="pronouns">
                                                {format!(" ({})", card.fields.pronouns)}
                                            </span>
                                        }
                                    })}
                            </h1>
                            <p class="lead">{summary_line(&card.fields)}</p>
                            {(status != ListingStatus::Listed)
                                .then(|| {
                                    view! {
                                        <div class="notice" role="status">
                                            "This profile is not shown in the directory at the moment."
                                        </div>
                                    }
                                })}
                            <p class="result-places" class:not-accepting=!card.accepting>
                                {places_text(card.accepting, card.free_places)}
                            </p>
                            {if viewer == Some(card.user_id) {
                                view! {
                                    <p class="hint">
                                        "This is how staff see your listing. "
                                        <a href="/profile">"Edit your mentor profile"</a>
                                    </p>
                                }
                                    .into_any()
                            } else if status == ListingStatus::Listed && card.accepting
                                && card.free_places > 0
                            {
                                view! {
                                    <p>
                                        <a href=format!("/request?mentor={}", card.user_id) class="button">
                                            {format!("Ask for {}", card.fields.display_name)}
                                        </a>
                                    </p>
                                }
                                    .into_any()
                            } else {
                                ().into_any()
                            }}
                            <ProfileDetails fields=card.fields.clone() />
                            {card
                                .refresher_due_on
                                .clone()
                                .map(|due| {
                                    view! {
                                        <p class="hint">
                                            {format!(
                                                "Accredited mentor, up to date until {}.",
                                                crate::dates::long(&due),
                                            )}
                                        </p>
                                    }
                                })}
                        }
                            .into_any()
                    }
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
