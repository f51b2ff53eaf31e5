//! The directory page: search, facets, results and paging.
//!
//! The search lives in the address: the form is a GET form, so without
//! JavaScript the browser submits it, and with JavaScript the router
//! navigates to the same address and the results refresh in place as the
//! person types or ticks.

use super::cards::MentorResult;
use super::functions::{search_directory, DirectoryResults};
use super::query::{DirectoryQuery, SortOrder};
use crate::error::AppError;
use crate::shell::error_pages::ErrorPage;
use crate::shell::pause::Pause;
use crate::vocabulary::{Area, MeetingMode, MentoringForm, Profession, Sector, Topic};
use leptos::html;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Form;
use leptos_router::hooks::use_location;
use std::time::Duration;

type Results = Resource<Result<DirectoryResults, AppError>>;

#[component]
pub fn DirectoryPage() -> impl IntoView {
    let search = use_location().search;
    let query = Memo::new(move |_| DirectoryQuery::parse(&search.get()).0);
    let results: Results = Resource::new(move || search.get(), search_directory);
    view! {
        <Title text="Find a mentor" />
        <h1>"Find a mentor"</h1>
        <p class="lead">
            "Every mentor here has completed the accredited mentoring course and is up to date."
        </p>
        <Transition fallback=|| {
            view! { <p>"Loading mentors…"</p> }
        }>
            {move || {
                results
                    .with(|r| r.as_ref().and_then(|r| r.as_ref().err().cloned()))
                    .map(|error| view! { <ErrorPage error /> })
            }} <Directory query results />
        </Transition>
    }
}

/// Filter counts and the result list. Built once; only counts, ticks and
/// results change, so focus stays where the person is working.
#[component]
fn Directory(query: Memo<DirectoryQuery>, results: Results) -> impl IntoView {
    let ok = move || results.get().and_then(Result::ok);
    // Each facet reads its own counts and ticks from a memo, by reference:
    // reading the whole results (cards and all) for each of some sixty
    // counts was most of what rendering this page allocated.
    let counts = Memo::new(move |_| {
        results
            .with(|r| r.as_ref().and_then(|r| r.as_ref().ok()).map(|r| r.counts.clone()))
            .unwrap_or_default()
    });
    let submit = NodeRef::<html::Button>::new();
    let pause = Pause::new();
    // Typing waits for a pause; ticking a box searches at once.
    let search_soon = move |delay: u64| {
        pause.then(Duration::from_millis(delay), move || {
            if let Some(button) = submit.get_untracked() {
                button.click();
            }
        });
    };
    let initial = query.get_untracked();
    // Back and forward change the words in the address; show them, but
    // never overwrite what someone is typing.
    let words_input = NodeRef::<html::Input>::new();
    Effect::new(move |_| {
        let text = query.with(|q| q.text.clone());
        if let Some(input) = words_input.get_untracked() {
            if !input.matches(":focus").unwrap_or(false) && input.value() != text {
                input.set_value(&text);
            }
        }
    });
    let chosen_count = move || {
        query.with(|q| {
            q.professions.len()
                + q.sectors.len()
                + q.areas.len()
                + q.topics.len()
                + q.modes.len()
                + q.forms.len()
                + usize::from(q.accepting_only)
        })
    };
    let failed = move || results.with(|r| matches!(r, Some(Err(_))));
    let drawer = NodeRef::<html::Details>::new();
    // Without JavaScript the drawer's button sends the ticks; with it the
    // results follow each tick, so the button shows them instead.
    let live = RwSignal::new(false);
    Effect::new(move |_| live.set(true));
    let footer_label = move || {
        let total = results.with(|r| r.as_ref().and_then(|r| r.as_ref().ok()).map(|r| r.total));
        match (live.get(), total) {
            (true, Some(1)) => "Show 1 mentor".to_string(),
            (true, Some(n)) => format!("Show {n} mentors"),
            _ => "Apply filters".to_string(),
        }
    };
    let show_results = move |ev: leptos::ev::MouseEvent| {
        if !live.get_untracked() {
            return;
        }
        ev.prevent_default();
        if let Some(details) = drawer.get_untracked() {
            details.set_open(false);
        }
        if let Some(heading) = document().get_element_by_id("results-heading") {
            heading.scroll_into_view();
        }
    };
    view! {
        <div class="directory" hidden=failed>
            // autocomplete="off": going back must show the ticks of the page
            // gone back to, not the browser's memory of the boxes.
            <Form
                method="get"
                action="/directory"
                noscroll=true
                on_form_data=std::sync::Arc::new(drop_unnamed)
                attr:class="directory-form"
                attr:role="search"
                attr:autocomplete="off"
            >
                <div class="search-row" on:input=move |_| search_soon(350)>
                    <div class="field">
                        <label for="q">"Search by name, specialty, organisation or topic"</label>
                        <input
                            id="q"
                            name="q"
                            type="search"
                            autocomplete="off"
                            value=initial.text.clone()
                            node_ref=words_input
                        />
                    </div>
                    <div class="field">
                        <label for="sort">"Sort by"</label>
                        <select id="sort" name="sort" on:change=move |_| search_soon(0)>
                            {SortOrder::ALL
                                .into_iter()
                                .map(|s| {
                                    view! {
                                        <option
                                            value=s.key()
                                            selected=initial.sort == s
                                            prop:selected=move || query.with(|q| q.sort == s)
                                        >
                                            {s.label()}
                                        </option>
                                    }
                                })
                                .collect_view()}
                        </select>
                    </div>
                    <button type="submit" class="button" node_ref=submit>
                        "Search"
                    </button>
                </div>
                <details class="filters" node_ref=drawer on:change=move |_| search_soon(0)>
                    <summary>
                        "Filters"
                        {move || match chosen_count() {
                            0 => String::new(),
                            n => format!(" ({n} chosen)"),
                        }}
                    </summary>
                    <div class="filters-body">
                        <label class="check">
                            <input
                                type="checkbox"
                                name="accepting"
                                value="1"
                                checked=initial.accepting_only
                                prop:checked=move || query.with(|q| q.accepting_only)
                            />
                            <span>
                                "Accepting new mentees "
                                <span class="count">
                                    {move || {
                                        results
                                            .with(|r| {
                                                r.as_ref()
                                                    .and_then(|r| r.as_ref().ok())
                                                    .map(|r| format!("({})", r.counts.accepting))
                                            })
                                    }}
                                </span>
                            </span>
                        </label>
                        <Facet
                            name="topic"
                            legend="Topics"
                            all=Topic::ALL
                            key=Topic::key
                            label=Topic::label
                            chosen=Memo::new(move |_| query.with(|q| q.topics.clone()))
                            counts=Memo::new(move |_| counts.with(|c| c.topics.clone()))
                        />
                        <Facet
                            name="area"
                            widens=true
                            legend="Area"
                            all=Area::ALL
                            key=Area::key
                            label=Area::label
                            chosen=Memo::new(move |_| query.with(|q| q.areas.clone()))
                            counts=Memo::new(move |_| counts.with(|c| c.areas.clone()))
                        />
                        <Facet
                            name="profession"
                            widens=true
                            legend="Profession"
                            all=Profession::ALL
                            key=Profession::key
                            label=Profession::label
                            chosen=Memo::new(move |_| query.with(|q| q.professions.clone()))
                            counts=Memo::new(move |_| counts.with(|c| c.professions.clone()))
                        />
                        <Facet
                            name="sector"
                            widens=true
                            legend="Sector"
                            all=Sector::ALL
                            key=Sector::key
                            label=Sector::label
                            chosen=Memo::new(move |_| query.with(|q| q.sectors.clone()))
                            counts=Memo::new(move |_| counts.with(|c| c.sectors.clone()))
                        />
                        <Facet
                            name="mode"
                            legend="Ways of meeting"
                            all=MeetingMode::ALL
                            key=MeetingMode::key
                            label=MeetingMode::label
                            chosen=Memo::new(move |_| query.with(|q| q.modes.clone()))
                            counts=Memo::new(move |_| counts.with(|c| c.modes.clone()))
                        />
                        <Facet
                            name="form"
                            legend="Forms of mentoring"
                            all=MentoringForm::ALL
                            key=MentoringForm::key
                            label=MentoringForm::label
                            chosen=Memo::new(move |_| query.with(|q| q.forms.clone()))
                            counts=Memo::new(move |_| counts.with(|c| c.forms.clone()))
                        />
                        // Kept in view at the foot of the open drawer on a phone.
                        <div class="filters-footer">
                            <button type="submit" class="button" on:click=show_results>
                                {footer_label}
                            </button>
                        </div>
                    </div>
                </details>
            </Form>
            <section class="directory-results" aria-labelledby="results-heading">
                {move || ok().map(|r| view! { <ResultList results=r /> })}
            </section>
        </div>
    }
    .into_any()
}

/// A group of checkboxes for one list, each with its live count: the
/// number of results ticking it gives. A list where each mentor has one
/// value (`widens`) adds the mentors of each value ticked, so once one is
/// ticked the others read "+N", the mentors ticking them would add.
#[component]
fn Facet<T>(
    name: &'static str,
    #[prop(optional)] widens: bool,
    legend: &'static str,
    all: &'static [T],
    key: fn(T) -> &'static str,
    label: fn(T) -> &'static str,
    chosen: Memo<Vec<T>>,
    counts: Memo<Vec<(T, u32)>>,
) -> impl IntoView
where
    T: Copy + PartialEq + Send + Sync + 'static,
{
    let initially = chosen.get_untracked();
    view! {
        <fieldset class="facet">
            <legend>{legend}</legend>
            {all
                .iter()
                .map(|&value| {
                    let count = move || {
                        let n = counts.with(|c| c.iter().find(|(v, _)| *v == value).map_or(0, |(_, n)| *n));
                        let adds = chosen.with(|c| widens && !c.is_empty() && !c.contains(&value));
                        if adds { format!("(+{n})") } else { format!("({n})") }
                    };
                    view! {
                        <label class="check">
                            <input
                                type="checkbox"
                                name=name
                                value=key(value)
                                checked=initially.contains(&value)
                                prop:checked=move || chosen.with(|c| c.contains(&value))
                            />
                            <span>{label(value)} " " <span class="count">{count}</span></span>
                        </label>
                    }
                })
                .collect_view()}
        </fieldset>
    }
    .into_any()
}

#[component]
fn ResultList(results: DirectoryResults) -> impl IntoView {
    let DirectoryResults { query, notices, total, page, pages, cards, .. } = results;
    let heading = match total {
        0 => "No mentors match your search".to_string(),
        1 => "1 mentor found".to_string(),
        n => format!("{n} mentors found"),
    };
    let filters = query.active_filters();
    let empty = cards.is_empty();
    view! {
        {(!notices.is_empty())
            .then(|| {
                view! {
                    <div class="notice" role="status">
                        <ul>{notices.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul>
                    </div>
                }
            })}
        <h2 id="results-heading" class="results-heading" aria-live="polite">
            {heading}
        </h2>
        {(!filters.is_empty())
            .then(|| {
                view! {
                    <div class="chosen-filters">
                        <p>"Your filters (choose one to remove it):"</p>
                        <ul class="tags">
                            {filters
                                .into_iter()
                                .map(|(label, without)| {
                                    let text = format!("Remove filter: {label}");
                                    view! {
                                        <li>
                                            <a href=without.href() aria-label=text>
                                                {label}
                                                " ×"
                                            </a>
                                        </li>
                                    }
                                })
                                .collect_view()} <li>
                                <a href="/directory">"Clear all"</a>
                            </li>
                        </ul>
                    </div>
                }
            })}
        {empty
            .then(|| {
                view! {
                    <div class="empty-state">
                        <p>
                            "Try fewer words, a different spelling, or removing a filter. Topics narrow the search: a mentor must be happy to discuss every topic you choose."
                        </p>
                        <p>
                            "You can also ask for a mentor without choosing one: a coordinator will suggest someone well suited."
                        </p>
                    </div>
                }
            })}
        <ol class="results">
            {cards.into_iter().map(|card| view! { <MentorResult card /> }).collect_view()}
        </ol>
        {(pages > 1).then(|| view! { <Pagination query page pages /> })}
    }
    .into_any()
}

#[component]
fn Pagination(query: DirectoryQuery, page: u32, pages: u32) -> impl IntoView {
    let previous = (page > 1).then(|| query.at_page(page - 1).href());
    let next = (page < pages).then(|| query.at_page(page + 1).href());
    view! {
        <nav class="pagination" aria-label="Result pages">
            {previous
                .map(|href| {
                    view! {
                        <a href=href rel="prev">
                            "Previous page"
                        </a>
                    }
                })}
            <span>{format!("Page {page} of {pages}")}</span>
            {next
                .map(|href| {
                    view! {
                        <a href=href rel="next">
                            "Next page"
                        </a>
                    }
                })}
        </nav>
    }
}

/// The router adds the button that sent the form even when it has no
/// name, which left a stray `&=` at the end of every shared address.
fn drop_unnamed(data: &leptos::web_sys::FormData) {
    data.delete("");
}
