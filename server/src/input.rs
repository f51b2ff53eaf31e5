//! Refusing malformed input before it reaches the app: an address whose
//! path or query is not UTF-8 text or holds control characters, and a
//! server-function post that is too big, not UTF-8 text, or has a field
//! with a NUL or another control character.
//!
//! Server functions check their own fields, with a message beside each
//! (see `app::text`); this is the safety net for whatever one forgets, and
//! the only check on a page's address. Without it a NUL reaches the
//! database (PostgreSQL refuses it: a 500 and an error in the log), and
//! the decoding errors answer 500.

use app::error::{AppError, FieldError, NOT_UNDERSTOOD};
use axum::body::{Body, Bytes};
use axum::extract::Request;
use axum::http::{header, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http_body_util::BodyExt;
use percent_encoding::percent_decode;

/// The most a server function's form may hold: axum's own default, kept
/// as it is (uploads, which are bigger, do not come this way).
pub const FORM_LIMIT: usize = 2 * 1024 * 1024;

pub async fn refuse_malformed(request: Request, next: Next) -> Response {
    if !address_is_text(request.uri().path()) || !address_is_text(request.uri().query().unwrap_or("")) {
        return answer(&request, StatusCode::BAD_REQUEST, AppError::Refused(NOT_UNDERSTOOD.into()));
    }
    if request.method() != Method::POST || !request.uri().path().starts_with("/api/") {
        return next.run(request).await;
    }
    let (parts, body) = request.into_parts();
    let bytes = match read_body(&parts.headers, body).await {
        Ok(bytes) => bytes,
        Err(status) => {
            let error = if status == StatusCode::PAYLOAD_TOO_LARGE {
                AppError::TooLarge
            } else {
                AppError::Refused(NOT_UNDERSTOOD.into())
            };
            return answer(&Request::from_parts(parts, Body::empty()), status, error);
        }
    };
    let problem = match form_problems(&bytes) {
        Err(()) => Some((StatusCode::BAD_REQUEST, AppError::Refused(NOT_UNDERSTOOD.into()))),
        Ok(fields) if !fields.is_empty() => {
            Some((StatusCode::UNPROCESSABLE_ENTITY, AppError::Invalid(fields)))
        }
        Ok(_) => None,
    };
    let request = Request::from_parts(parts, Body::from(bytes));
    match problem {
        Some((status, error)) => answer(&request, status, error),
        None => next.run(request).await,
    }
}

/// Past the limit a body is still read, up to this much, and thrown away:
/// a client still sending when the answer comes sees its connection reset
/// and may never read the 413.
const DRAIN_LIMIT: usize = 4 * FORM_LIMIT;

/// The whole body, or the status for one too big (413) or cut off (400).
async fn read_body(headers: &header::HeaderMap, mut body: Body) -> Result<Bytes, StatusCode> {
    let declared = headers.get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()?.parse::<u64>().ok());
    let mut too_large = declared.is_some_and(|length| length > FORM_LIMIT as u64);
    let mut kept = Vec::new();
    let mut seen = 0;
    while let Some(frame) = body.frame().await {
        let Ok(data) = frame.map_err(|_| StatusCode::BAD_REQUEST)?.into_data() else { continue };
        seen += data.len();
        too_large |= seen > FORM_LIMIT;
        if seen > DRAIN_LIMIT {
            break;
        }
        if !too_large {
            kept.extend_from_slice(&data);
        }
    }
    if too_large {
        Err(StatusCode::PAYLOAD_TOO_LARGE)
    } else {
        Ok(Bytes::from(kept))
    }
}

/// A path or query percent-decodes to UTF-8 text with no control
/// characters: none of our addresses carries any.
fn address_is_text(raw: &str) -> bool {
    percent_decode(raw.as_bytes()).decode_utf8().is_ok_and(|text| !text.chars().any(char::is_control))
}

/// The fields of a form body that hold characters no field takes, or
/// `Err` for a body that is not UTF-8 form data at all.
fn form_problems(body: &[u8]) -> Result<Vec<FieldError>, ()> {
    let mut problems: Vec<FieldError> = Vec::new();
    for pair in body.split(|b| *b == b'&').filter(|pair| !pair.is_empty()) {
        let (name, value) = match pair.iter().position(|b| *b == b'=') {
            Some(at) => (&pair[..at], &pair[at + 1..]),
            None => (pair, &[][..]),
        };
        let (name, value) = (decode(name)?, decode(value)?);
        if name.chars().any(char::is_control) {
            return Err(());
        }
        // `topics[]` and `day_date[0]` are the fields `topics` and `day_date`.
        let field = name.split('[').next().unwrap_or(&name).to_string();
        if let Some(message) = app::text::multi_line_problem(&value) {
            if !problems.iter().any(|p| p.field == field) {
                problems.push(FieldError { field, message: message.into() });
            }
        }
    }
    Ok(problems)
}

fn decode(raw: &[u8]) -> Result<String, ()> {
    let spaced: Vec<u8> = raw.iter().map(|b| if *b == b'+' { b' ' } else { *b }).collect();
    percent_decode(&spaced).decode_utf8().map(|text| text.into_owned()).map_err(|_| ())
}

/// The refusal: the error as JSON for the app's own calls (which show it
/// beside the form), as plain words for a browser.
fn answer(request: &Request, status: StatusCode, error: AppError) -> Response {
    let wants_html = request
        .headers()
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("text/html"));
    if wants_html || !request.uri().path().starts_with("/api/") {
        let words = error.messages().join("\n");
        return (status, [(header::CONTENT_TYPE, "text/plain; charset=utf-8")], words).into_response();
    }
    let json = serde_json::to_string(&error).unwrap_or_default();
    (status, [(header::CONTENT_TYPE, "application/json")], json).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(body: &str) -> Vec<String> {
        form_problems(body.as_bytes()).unwrap().into_iter().map(|p| p.field).collect()
    }

    #[test]
    fn ordinary_forms_pass() {
        assert!(fields("").is_empty());
        assert!(fields("display_name=Zo%C3%AB+O%27Neill&email=a%40b.org&password=x").is_empty());
        assert!(fields("agenda=line+one%0D%0Aline+two%09tabbed&flag").is_empty());
    }

    #[test]
    fn control_characters_name_their_field_once() {
        assert_eq!(fields("display_name=Pat%00&email=a%40b.org"), ["display_name"]);
        assert_eq!(fields("topics[]=a%1B&topics[]=b%07&title=ok"), ["topics"]);
        assert_eq!(fields("day_date[0]=%7F"), ["day_date"]);
    }

    #[test]
    fn bodies_that_are_not_utf8_text_are_refused() {
        assert!(form_problems(b"display_name=%FF").is_err());
        assert!(form_problems(b"display_name=\xff").is_err());
        assert!(form_problems(b"na%00me=x").is_err());
    }

    #[test]
    fn addresses_with_control_characters_or_bad_bytes_are_refused() {
        assert!(address_is_text("/certificates/ABCD-1234"));
        assert!(address_is_text("text=caf%C3%A9+au+lait&category="));
        assert!(!address_is_text("/resources/a%00b"));
        assert!(!address_is_text("text=%0A"));
        assert!(!address_is_text("text=%FF"));
    }
}
