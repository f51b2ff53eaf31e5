//! `/coordinator/audit`: the audit trail searched by person and dates,
//! newest first, a page at a time. Coordinators only; a plain GET form, so
//! a search is a link that can be kept and works without JavaScript.

use super::{AuditPage, PAGE_SIZE};
use crate::error::AppError;
use crate::shell::error_pages::ErrorPage;
use crate::shell::forms::ErrorSummary;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[cfg(feature = "ssr")]
use {
    super::{action, db, outcome},
    crate::accounts::{session, Role},
    crate::error::Validation,
    crate::shell::forms::respond,
    crate::state::app_state,
};

/// Events about `person` (an exact email, or part of a name; empty for
/// everyone) from the start of day `from` to the end of day `to` (both
/// `YYYY-MM-DD`, either may be empty), page `page` from 0.
#[server(endpoint = "load_audit", input = GetUrl)]
pub async fn load_audit(person: String, from: String, to: String, page: i64) -> Result<AuditPage, AppError> {
    respond(
        async move {
            let state = app_state();
            let coordinator = session::require_role(&state, Role::Coordinator).await?;
            let mut v = Validation::default();
            v.line("person", &person);
            v.check(person.chars().count() <= 254, "person", "Enter at most 254 characters.");
            let day = |text: &str| {
                if text.trim().is_empty() {
                    Ok(None)
                } else {
                    crate::dates::start_of_day(text.trim()).map(Some).ok_or(())
                }
            };
            let (start, end) = (day(&from), day(&to));
            v.check(start.is_ok(), "from", "Enter the first date like 2026-11-30.");
            v.check(end.is_ok(), "to", "Enter the last date like 2026-11-30.");
            v.finish()?;
            let from = start.ok().flatten().unwrap_or(i64::MIN / 2);
            // The whole of the last day is included.
            let until = end.ok().flatten().map_or(i64::MAX / 2, |t| t + 24 * 60 * 60);
            if until <= from {
                return Err(AppError::field("to", "The last date must be on or after the first date."));
            }
            let search =
                db::Search { person: person.trim().to_string(), from, until, page: page.clamp(0, 100_000) };
            let found = db::search(&state.db, &search).await?;
            // Reading the trail is itself recorded: who looked, not what for.
            db::record(&state, Some(coordinator.id), None, action::AUDIT_SEARCH, outcome::OK).await?;
            Ok(found)
        }
        .await,
    )
}

#[component]
pub fn AuditTrailPage() -> impl IntoView {
    let query = use_query_map();
    let search = Memo::new(move |_| {
        let q = query.read();
        let text = |name: &str| q.get(name).unwrap_or_default();
        (
            text("person"),
            text("from"),
            text("to"),
            q.get("page").and_then(|p| p.parse::<i64>().ok()).unwrap_or(0),
        )
    });
    let found =
        Resource::new(move || search.get(), |(person, from, to, page)| load_audit(person, from, to, page));
    view! {
        <Title text="Audit trail" />
        <h1>"Audit trail"</h1>
        <p>
            "Who signed in, viewed request text or topics, read the outbox, exported, closed or deactivated an account, and what was refused. Nothing of the content itself is kept here."
        </p>
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                let (person, from, to, _) = search.get_untracked();
                match found.await {
                    Ok(found) => {
                        view! {
                            <SearchForm person from to error=None />
                            <Results found person=search.get_untracked() />
                        }
                            .into_any()
                    }
                    Err(error @ AppError::Invalid(_)) => {
                        view! { <SearchForm person from to error=Some(error) /> }.into_any()
                    }
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn SearchForm(person: String, from: String, to: String, error: Option<AppError>) -> impl IntoView {
    let error = Signal::stored(error);
    let message = move |field: &'static str| error.get().and_then(|e| e.for_field(field));
    let field = move |name: &'static str,
                      label: &'static str,
                      hint: &'static str,
                      kind: &'static str,
                      value: String| {
        let hint_id = format!("{name}-hint");
        let error_id = format!("{name}-error");
        let described =
            if message(name).is_some() { format!("{hint_id} {error_id}") } else { hint_id.clone() };
        view! {
            <div class="field" class:field-error=message(name).is_some()>
                <label for=name>{label}</label>
                <p class="hint" id=hint_id>
                    {hint}
                </p>
                {message(name)
                    .map(|text| {
                        view! {
                            <p class="field-message" id=error_id>
                                <span class="visually-hidden">"Error: "</span>
                                {text}
                            </p>
                        }
                    })}
                <input
                    id=name
                    name=name
                    type=kind
                    value=value
                    aria-invalid=message(name).is_some().then_some("true")
                    aria-describedby=described
                />
            </div>
        }
    };
    view! {
        <form method="get" action="/coordinator/audit" class="form" novalidate>
            <ErrorSummary error />
            {field(
                "person",
                "Person",
                "Their email address, or part of their name. Leave empty for everyone.",
                "search",
                person,
            )}
            {field("from", "From", "First date, like 2026-11-01. Optional.", "date", from)}
            {field("to", "To", "Last date, included. Optional.", "date", to)}
            <button type="submit" class="button">
                "Search"
            </button>
        </form>
    }
}

#[component]
fn Results(found: AuditPage, person: (String, String, String, i64)) -> impl IntoView {
    let (who, from, to, page) = person;
    let pages = (found.total + PAGE_SIZE - 1) / PAGE_SIZE;
    let link = move |page: i64| {
        let query: String =
            url_encoded(&[("person", &who), ("from", &from), ("to", &to), ("page", &page.to_string())]);
        format!("/coordinator/audit?{query}")
    };
    let first = found.page * PAGE_SIZE + 1;
    let shown = found.rows.len() as i64;
    view! {
        <h2 id="results-heading">{format!("{} events found", found.total)}</h2>
        {(shown > 0)
            .then(|| view! { <p>{format!("Showing {} to {}, newest first.", first, first + shown - 1)}</p> })}
        <div class="table-scroll" role="region" aria-labelledby="results-heading" tabindex="0">
            <table class="audit-table">
                <thead>
                    <tr>
                        <th scope="col">"When"</th>
                        <th scope="col">"Who"</th>
                        <th scope="col">"What"</th>
                        <th scope="col">"About"</th>
                        <th scope="col">"Outcome"</th>
                        <th scope="col">"From address"</th>
                    </tr>
                </thead>
                <tbody>
                    {found
                        .rows
                        .into_iter()
                        .map(|r| {
                            view! {
                                <tr>
                                    <td>{r.at}</td>
                                    <td>{r.actor}</td>
                                    <td>{r.action}</td>
                                    <td>{r.subject}</td>
                                    <td>{r.outcome}</td>
                                    <td>{r.client_address}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
        <nav aria-label="Pages of results" class="pager">
            {(page > 0)
                .then(|| {
                    view! {
                        <a href=link(page - 1) rel="prev">
                            "Newer events"
                        </a>
                    }
                })}
            {" "}
            {(page + 1 < pages)
                .then(|| {
                    view! {
                        <a href=link(page + 1) rel="next">
                            "Older events"
                        </a>
                    }
                })}
        </nav>
    }
}

/// `pairs` as a URL query string.
fn url_encoded(pairs: &[(&str, &str)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| {
            let value: String = v
                .bytes()
                .map(|b| match b {
                    b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                        (b as char).to_string()
                    }
                    _ => format!("%{b:02X}"),
                })
                .collect();
            format!("{k}={value}")
        })
        .collect::<Vec<_>>()
        .join("&")
}
