//! The report as it crosses to the browser: text only, every figure
//! already passed through `suppress` on the server, so a hidden number is
//! never in the page's data either. Charts arrive as finished SVG markup,
//! drawn on the server, so no chart code is in the wasm bundle.

use crate::error::FieldError;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportTable {
    /// Unique in the page: anchors, chart ids and the CSV's table name.
    pub id: String,
    pub caption: String,
    /// Headings of the figure columns (the first column is each row's name).
    pub columns: Vec<String>,
    /// Each row: its name, then one text per column.
    pub rows: Vec<(String, Vec<String>)>,
    /// The same figures drawn as an SVG bar chart, when they suit one.
    pub chart: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportSection {
    pub id: String,
    pub title: String,
    pub note: String,
    pub tables: Vec<ReportTable>,
}

/// Free-text answers to one question (point and role), shown only when at
/// least five people wrote one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WordsGroup {
    pub title: String,
    pub bodies: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceReport {
    /// The period shown, or as typed when it could not be read.
    pub from: String,
    pub to: String,
    /// Problems with the period, each against its field; no figures then.
    pub errors: Vec<FieldError>,
    /// Nothing was sent or answered in the period.
    pub empty: bool,
    pub sections: Vec<ReportSection>,
    pub words: Vec<WordsGroup>,
    /// Questions some people wrote to, but fewer than five.
    pub words_withheld: Vec<String>,
}
