//! The report's server function: coordinators only; a period that cannot
//! be read comes back with its messages (and no figures) so the form can
//! show them beside the fields.

use super::types::ServiceReport;
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    super::types::{ReportSection, ReportTable, WordsGroup},
    crate::accounts::{session, Role},
    crate::shell::forms::respond,
};

#[cfg(feature = "ssr")]
const SECTIONS: [(&str, &str, &str); 5] = [
    (
        "outcomes",
        "How mentees and mentors say mentoring affects them",
        "Answers given in the period to the study's questions, scored 1 (very negatively, or not at all) to 5 (very positively, or very much), beside the study's means (57 doctors). Where the same person answered at the start and at the end of the same relationship, the change is shown for them alone.",
    ),
    (
        "check-ins",
        "Mentors' own well-being",
        "Every listed mentor is asked about their own well-being every six months, whether or not they have a mentee.",
    ),
    (
        "funnel",
        "From request to the end of mentoring",
        "Requests sent in the period, followed to where they are today. A priority request is one where the mentee chose a topic that may need urgent or specialist support; it counts as triaged when a coordinator first acts on it, and is on time if that is by the end of the second working day (Monday to Friday) after the day it was sent.",
    ),
    ("training", "Training", "Today's figures, whatever the period."),
    (
        "network",
        "The network of mentors",
        "Mentors listed in the directory today, and the places they have free for a new mentee.",
    ),
];

/// Builds the report for the period `from`–`to` (dates as typed).
#[cfg(feature = "ssr")]
pub async fn build(db: &crate::db::Db, from: &str, to: &str, now: i64) -> Result<ServiceReport, sqlx::Error> {
    use super::{charts, db as report_db, period, tables};
    let today = crate::dates::date_of(now);
    let period = match period::parse_period(from, to, &today) {
        Ok(p) => p,
        Err(errors) => {
            return Ok(ServiceReport {
                from: from.to_string(),
                to: to.to_string(),
                errors,
                empty: false,
                sections: Vec::new(),
                words: Vec::new(),
                words_withheld: Vec::new(),
            })
        }
    };
    let gathered = report_db::gather(db, &period, now).await?;
    let all = tables::tables(&gathered);
    let sections = SECTIONS
        .iter()
        .map(|(id, title, note)| ReportSection {
            id: id.to_string(),
            title: title.to_string(),
            note: note.to_string(),
            tables: all
                .iter()
                .filter(|t| t.section == *id)
                .map(|t| ReportTable {
                    id: t.id.clone(),
                    caption: t.caption.clone(),
                    columns: t.columns.clone(),
                    rows: t
                        .rows
                        .iter()
                        .map(|(name, cells)| (name.clone(), cells.iter().map(|c| c.text.clone()).collect()))
                        .collect(),
                    chart: charts::bar_chart(t),
                })
                .collect(),
        })
        .filter(|s| !s.tables.is_empty())
        .collect();
    let (shown, words_withheld) = tables::words(&gathered.words);
    Ok(ServiceReport {
        from: period.from,
        to: period.to,
        errors: Vec::new(),
        empty: gathered.period_is_empty(),
        sections,
        words: shown.into_iter().map(|(title, bodies)| WordsGroup { title, bodies }).collect(),
        words_withheld,
    })
}

#[server(endpoint = "load_service_report")]
pub async fn load_service_report(from: String, to: String) -> Result<ServiceReport, AppError> {
    respond(
        async move {
            let (state, _) = session::signed_in_as(Role::Coordinator).await?;
            Ok(build(&state.db, &from, &to, state.clock.now()).await?)
        }
        .await,
    )
}
