//! `GET /api/report.csv?from=…&to=…`: the report's aggregate tables as
//! one CSV file, for coordinators only. One line per figure (section,
//! table, row, column, value), so it sorts and filters in a spreadsheet.
//! No names and no free text; hidden cells read "fewer than 5" (or
//! "withheld") as on the page.

use super::period::parse_period;
use super::tables::{tables, Table};
use crate::accounts::{session, Role};
use crate::error::AppError;
use crate::state::AppState;
use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use std::collections::HashMap;

/// A field quoted when it holds a comma, quote or line break. A leading
/// `=`, `+`, `-` or `@` is prefixed with `'` so a spreadsheet never runs a
/// cell as a formula (our labels are fixed, but the habit is cheap).
fn field(text: &str) -> String {
    let text = match text.chars().next() {
        Some('=' | '+' | '@') => format!("'{text}"),
        Some('-') if text.parse::<f64>().is_err() => format!("'{text}"),
        _ => text.to_string(),
    };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

pub fn to_csv(all: &[Table]) -> String {
    let mut out = String::from("section,table,row,column,value\r\n");
    for table in all {
        for (row, cells) in &table.rows {
            for (column, cell) in table.columns.iter().zip(cells) {
                let line = [table.section, &table.caption, row, column, &cell.text].map(field).join(",");
                out.push_str(&line);
                out.push_str("\r\n");
            }
        }
    }
    out
}

fn refusal(err: AppError) -> Response {
    let status = StatusCode::from_u16(err.status_code()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (status, [(header::CONTENT_TYPE, "text/plain; charset=utf-8")], err.to_string()).into_response()
}

pub async fn download(
    State(state): State<AppState>,
    Query(query): Query<HashMap<String, String>>,
    headers: HeaderMap,
) -> Response {
    let now = state.clock.now();
    let user = match session::session_cookie(&headers, state.config.secure_cookies) {
        Some(token) => session::user_for(&state.db, &token, now).await.map_err(AppError::from),
        None => Ok(None),
    };
    match user {
        Ok(Some(user)) if user.has(Role::Coordinator) => {}
        Ok(Some(_)) => return refusal(AppError::Forbidden),
        Ok(None) => return refusal(AppError::SignInRequired),
        Err(err) => return refusal(err),
    }
    let text = |name: &str| query.get(name).map(String::as_str).unwrap_or("");
    let period = match parse_period(text("from"), text("to"), &crate::dates::date_of(now)) {
        Ok(period) => period,
        Err(errors) => return refusal(AppError::Invalid(errors)),
    };
    let gathered = match super::db::gather(&state.db, &period, now).await {
        Ok(g) => g,
        Err(err) => return refusal(err.into()),
    };
    let name = format!("attachment; filename=\"mentorwell-report-{}-to-{}.csv\"", period.from, period.to);
    let mut response = to_csv(&tables(&gathered)).into_response();
    let h = response.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/csv; charset=utf-8"));
    if let Ok(value) = HeaderValue::from_str(&name) {
        h.insert(header::CONTENT_DISPOSITION, value);
    }
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

#[cfg(test)]
mod tests {
    use super::field;

    #[test]
    fn fields_are_quoted_and_never_formulas() {
        assert_eq!(field("plain"), "plain");
        assert_eq!(field("Ended well (goals met, or time up)"), "\"Ended well (goals met, or time up)\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(field("-0.25"), "-0.25");
    }
}
