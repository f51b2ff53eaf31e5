//! The library (`/resources`) and one resource (`/resources/:slug`),
//! written for reading on a phone.

use super::article::{Article, ResourceCard};
use super::functions::{load_resource, load_resources, ResourceList, SaveResource};
use super::lists::Kind;
use crate::dates;
use crate::shell::context::use_page_context;
use crate::shell::error_pages::ErrorPage;
use crate::shell::forms::{outcome_of, ErrorSummary, FormOutcome, Notice};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn ResourcesPage() -> impl IntoView {
    let query = use_query_map();
    let text = move || query.read().get("q").unwrap_or_default();
    let category = move || query.read().get("category").unwrap_or_default();
    let list = Resource::new(move || (text(), category()), |(t, c)| load_resources(t, c));
    view! {
        <Title text="Resources" />
        <h1>"Resources"</h1>
        <p class="lead">
            "Short guides for mentees, mentors and trainee mentors: the models, preparing for a session, ending well, and where to get support."
        </p>
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(list) => view! { <Library list /> }.into_any(),
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Library(list: ResourceList) -> impl IntoView {
    let searching = !list.text.is_empty() || list.category.is_some();
    let heading = match (list.category, list.text.is_empty()) {
        (Some(c), true) => format!("{} ({})", c.label(), list.results.len()),
        (Some(c), false) => {
            format!("{} matching \u{201c}{}\u{201d} in {}", list.results.len(), list.text, c.label())
        }
        (None, false) => format!("{} matching \u{201c}{}\u{201d}", list.results.len(), list.text),
        (None, true) => "All resources".to_string(),
    };
    let chosen = list.category;
    view! {
        <form method="get" action="/resources" class="resource-search" role="search">
            <div class="field">
                <label for="q">"Search resources"</label>
                <input id="q" name="q" type="search" value=list.text.clone() />
            </div>
            {chosen.map(|c| view! { <input type="hidden" name="category" value=c.key() /> })}
            <button type="submit" class="button">
                "Search"
            </button>
        </form>
        {(!list.saved.is_empty())
            .then(|| {
                view! {
                    <section aria-labelledby="saved-heading">
                        <h2 id="saved-heading">"Saved for later"</h2>
                        <CardList cards=list.saved.clone() />
                    </section>
                }
            })}
        {(!searching && !list.featured.is_empty())
            .then(|| {
                view! {
                    <section aria-labelledby="featured-heading">
                        <h2 id="featured-heading">"Start here"</h2>
                        <CardList cards=list.featured.clone() />
                    </section>
                }
            })}
        <nav aria-labelledby="categories-heading" class="categories">
            <h2 id="categories-heading">"Browse by topic"</h2>
            <ul class="link-list">
                {list
                    .counts
                    .iter()
                    .filter(|(_, n)| *n > 0)
                    .map(|(c, n)| {
                        let href = format!("/resources?category={}", c.key());
                        let current = (chosen == Some(*c)).then_some("page");
                        view! {
                            <li>
                                <a href=href aria-current=current>
                                    {format!("{} ({n})", c.label())}
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
                {chosen
                    .map(|_| {
                        view! {
                            <li>
                                <a href="/resources">"All topics"</a>
                            </li>
                        }
                    })}
            </ul>
        </nav>
        <section aria-labelledby="results-heading">
            <h2 id="results-heading">{heading}</h2>
            {if list.results.is_empty() {
                view! { <p>"Nothing matches. Try other words, or browse by topic."</p> }.into_any()
            } else {
                view! { <CardList cards=list.results /> }.into_any()
            }}
        </section>
        {(!list.signed_in)
            .then(|| {
                view! {
                    <p class="hint">
                        "Some resources are for mentors and trainee mentors. "<a href="/sign-in">"Sign in"</a>
                        " to see everything you can read."
                    </p>
                }
            })}
    }
}

#[component]
fn CardList(cards: Vec<ResourceCard>) -> impl IntoView {
    view! {
        <ul class="resource-list">
            {cards
                .into_iter()
                .map(|c| {
                    let href = format!("/resources/{}", c.slug);
                    view! {
                        <li class="resource-card">
                            <h3>
                                <a href=href>{c.title}</a>
                            </h3>
                            <p>{c.summary}</p>
                            <p class="hint">
                                {match c.kind {
                                    Kind::Article => c.category.label().to_string(),
                                    other => format!("{} · {}", other.label(), c.category.label()),
                                }}
                            </p>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}

#[component]
pub fn ResourcePage() -> impl IntoView {
    let save = ServerAction::<SaveResource>::new();
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let page = use_page_context();
    let article = Resource::new(move || (slug(), save.version().get()), |(s, _)| load_resource(s));
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                let FormOutcome { error, notice, .. } = outcome_of(save, page.await.ok().as_ref());
                match article.await {
                    Ok(a) => {
                        let attachment = view! { <Attachment a=a.clone() /> };
                        let tags = view! { <Tags tags=a.card.tags.clone() /> };
                        view! {
                            <Title text=a.card.title.clone() />
                            <p class="back-link">
                                <a href="/resources">"All resources"</a>
                            </p>
                            <article class="article">
                                <h1>{a.card.title.clone()}</h1>
                                <p class="lead">{a.card.summary.clone()}</p>
                                <p class="hint">
                                    {format!(
                                        "{} · updated {}",
                                        a.card.category.label(),
                                        dates::long(&a.updated_on),
                                    )}
                                </p>
                                <Notice message=notice />
                                <ErrorSummary error />
                                {a
                                    .signed_in
                                    .then(|| {
                                        view! {
                                            <ActionForm action=save attr:class="inline-form">
                                                <input type="hidden" name="slug" value=a.card.slug.clone() />
                                                <input
                                                    type="hidden"
                                                    name="save"
                                                    value=if a.saved { "0" } else { "1" }
                                                />
                                                <button type="submit" class="button button-secondary">
                                                    {if a.saved {
                                                        "Remove from saved"
                                                    } else {
                                                        "Save for later"
                                                    }}
                                                </button>
                                            </ActionForm>
                                        }
                                    })}
                                <TextSize />
                                // Rendered on the server from Markdown that cannot carry
                                // markup of its own (see resources::markdown).
                                <div class="article-body" inner_html=a.html.clone()></div>
                                {attachment}
                                {tags}
                            </article>
                        }
                            .into_any()
                    }
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// The link or the file of a resource that is not an article.
#[component]
fn Attachment(a: Article) -> impl IntoView {
    match a.card.kind {
        Kind::Article => ().into_any(),
        Kind::Link => view! {
            <p class="attachment">
                <a class="button" href=a.link_url.clone() rel="noopener noreferrer">
                    {format!("Go to {}", host_of(&a.link_url))}
                </a>
                <span class="hint">" (another website)"</span>
            </p>
        }
        .into_any(),
        Kind::File => match a.file {
            Some(file) => {
                let href = format!("/resources/{}/file", a.card.slug);
                view! {
                    <p class="attachment">
                        <a class="button" href=href download=file.name.clone()>
                            {format!("Download {}", file.name)}
                        </a>
                        <span class="hint">{format!(" ({}, {})", file.type_label, file.size_label)}</span>
                    </p>
                }
                .into_any()
            }
            None => view! { <p>"The file is not ready yet."</p> }.into_any(),
        },
    }
}

/// "www.nhs.uk" from "https://www.nhs.uk/mental-health/".
fn host_of(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    rest.split(['/', '?', '#']).next().unwrap_or(rest)
}

#[component]
fn Tags(tags: Vec<String>) -> impl IntoView {
    (!tags.is_empty()).then(|| {
        view! {
            <div class="tags">
                <h2 class="visually-hidden">"Tags"</h2>
                <ul class="tag-list">
                    {tags
                        .into_iter()
                        .map(|t| {
                            let href = format!(
                                "/resources?q={}",
                                form_urlencoded::byte_serialize(t.as_bytes()).collect::<String>(),
                            );
                            view! {
                                <li>
                                    <a href=href>{t}</a>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </div>
        }
    })
}

/// Larger text for reading, remembered on this device. The button is
/// worked by `/pwa.js`, and the setting is applied before the page is
/// drawn (see the shell), so there is no flash of small text. The style
/// sheet shows the button only when scripts run; without them the
/// browser's own zoom does the job.
#[component]
fn TextSize() -> impl IntoView {
    view! {
        <button type="button" class="button button-secondary text-size" data-text-size aria-pressed="false">
            "Larger text"
        </button>
    }
}
