//! `/coordinator/report`: the service report for a chosen period, for
//! coordinators. The period is a GET form, so the page works without
//! JavaScript and a report can be bookmarked or shared with a colleague
//! who is also a coordinator.

use super::functions::load_service_report;
use super::types::{ReportSection, ReportTable, ServiceReport, WordsGroup};
use crate::dates;
use crate::error::FieldError;
use crate::shell::error_pages::ErrorPage;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn ReportPage() -> impl IntoView {
    let query = use_query_map();
    let period = move || query.with(|q| (q.get("from").unwrap_or_default(), q.get("to").unwrap_or_default()));
    let report = Resource::new(period, |(from, to)| load_service_report(from, to));
    view! {
        <Title text="Service report" />
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match report.await {
                    Ok(report) => view! { <Report report /> }.into_any(),
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn message_for<'a>(errors: &'a [FieldError], field: &str) -> Option<&'a str> {
    errors.iter().find(|e| e.field == field).map(|e| e.message.as_str())
}

#[component]
fn Report(report: ServiceReport) -> impl IntoView {
    let csv = format!("/api/report.csv?from={}&to={}", report.from, report.to);
    let shown = report.errors.is_empty();
    let heading = if shown {
        format!("Service report: {} to {}", dates::long(&report.from), dates::long(&report.to))
    } else {
        "Service report".to_string()
    };
    view! {
        <h1>{heading}</h1>
        <p>
            "Figures about fewer than 5 people read \u{201c}fewer than 5\u{201d}, in the page, the charts and the download, so no one can be recognised. Where such a figure could be worked out from a total beside it, another figure reads \u{201c}withheld\u{201d} too. No names are shown."
        </p>
        <PeriodForm report=report.clone() />
        {shown
            .then(|| {
                view! {
                    <p class="no-print">
                        <a href=csv download="">
                            "Download the tables as a spreadsheet (CSV)"
                        </a>
                    </p>
                }
            })}
        {(shown && report.empty)
            .then(|| {
                view! {
                    <p class="notice" role="status">
                        "Nothing was recorded in this period: no requests were sent and no questionnaires were answered. Training and the network are today's figures."
                    </p>
                }
            })}
        {report.sections.into_iter().map(|section| view! { <Section section /> }).collect_view()}
        {(shown && !report.empty)
            .then(|| view! { <Words groups=report.words withheld=report.words_withheld /> })}
    }
    .into_any()
}

#[component]
fn PeriodForm(report: ServiceReport) -> impl IntoView {
    let errors = report.errors.clone();
    let field = move |name: &'static str, label: &'static str, value: String| {
        let message = message_for(&errors, name).map(str::to_string);
        let error_id = format!("{name}-error");
        let described = message.as_ref().map(|_| error_id.clone());
        let has_error = message.is_some();
        view! {
            <div class="field" class:field-error=has_error>
                <label for=format!("period-{name}")>{label}</label>
                {message
                    .map(|m| {
                        view! {
                            <p class="field-message" id=error_id.clone()>
                                {m}
                            </p>
                        }
                    })}
                <input
                    id=format!("period-{name}")
                    type="date"
                    name=name
                    value=value
                    aria-describedby=described
                />
            </div>
        }
    };
    view! {
        {(!report.errors.is_empty())
            .then(|| {
                view! {
                    <div class="error-summary" role="alert" tabindex="-1">
                        <h2 class="error-summary-title">"There is a problem with the period"</h2>
                        <ul>
                            {report
                                .errors
                                .iter()
                                .map(|e| {
                                    view! {
                                        <li>
                                            <a href=format!("#period-{}", e.field)>{e.message.clone()}</a>
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    </div>
                }
            })}
        <form method="get" action="/coordinator/report" class="report-period no-print">
            <fieldset>
                <legend>"Period (both days included)"</legend>
                <div class="report-period-fields">
                    {field("from", "From", report.from.clone())} {field("to", "To", report.to.clone())}
                </div>
            </fieldset>
            <button type="submit" class="button">
                "Show the report"
            </button>
        </form>
    }
    .into_any()
}

#[component]
fn Section(section: ReportSection) -> impl IntoView {
    let heading_id = format!("{}-heading", section.id);
    view! {
        <section class="report-section" aria-labelledby=heading_id.clone()>
            <h2 id=heading_id.clone()>{section.title}</h2>
            <p>{section.note}</p>
            {section.tables.into_iter().map(|table| view! { <Figure table /> }).collect_view()}
        </section>
    }
    .into_any()
}

/// A table, and its chart beside it when it has one.
#[component]
fn Figure(table: ReportTable) -> impl IntoView {
    let caption_id = format!("{}-caption", table.id);
    view! {
        <div class="report-figure" id=table.id.clone()>
            {table.chart.map(|svg| view! { <div class="report-chart" inner_html=svg></div> })}
            <div class="table-scroll" role="region" tabindex="0" aria-labelledby=caption_id.clone()>
                <table class="report-table">
                    <caption id=caption_id.clone()>{table.caption}</caption>
                    <thead>
                        <tr>
                            <td></td>
                            {table
                                .columns
                                .into_iter()
                                .map(|c| view! { <th scope="col">{c}</th> })
                                .collect_view()}
                        </tr>
                    </thead>
                    <tbody>
                        {table
                            .rows
                            .into_iter()
                            .map(|(name, cells)| {
                                view! {
                                    <tr>
                                        <th scope="row">{name}</th>
                                        {cells.into_iter().map(|c| view! { <td>{c}</td> }).collect_view()}
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
        </div>
    }
    .into_any()
}

#[component]
fn Words(groups: Vec<WordsGroup>, withheld: Vec<String>) -> impl IntoView {
    view! {
        <section class="report-section" aria-labelledby="words-heading">
            <h2 id="words-heading">"In their own words"</h2>
            <p>
                "Answers to \u{201c}What difference has it made?\u{201d}, without names, in alphabetical order. They are shown only where at least 5 people answered the same question in the period."
            </p>
            {groups
                .is_empty()
                .then(|| view! { <p>"No question had answers from 5 or more people in this period."</p> })}
            {groups
                .into_iter()
                .map(|g| {
                    view! {
                        <h3>{g.title}</h3>
                        <ul class="report-words">
                            {g.bodies.into_iter().map(|b| view! { <li>{b}</li> }).collect_view()}
                        </ul>
                    }
                })
                .collect_view()}
            {(!withheld.is_empty())
                .then(|| {
                    view! {
                        <p>
                            {format!(
                                "Not shown, as fewer than 5 people wrote: {}.",
                                withheld.join("; ").to_lowercase(),
                            )}
                        </p>
                    }
                })}
        </section>
    }
    .into_any()
}
