//! Files in the library travel outside server functions: a plain
//! multipart form uploads one (coordinators only), and a plain link
//! downloads it (for the resource's audience). Both work with or without
//! JavaScript.

use super::editor::UPLOAD_FORM;
use super::{db, files, functions::readable};
use crate::accounts::{session, CurrentUser, Role};
use crate::error::AppError;
use crate::shell::forms::{flash_cookie, FormFlash};
use crate::state::AppState;
use axum::extract::{Multipart, Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

async fn viewer(state: &AppState, headers: &HeaderMap) -> Result<Option<CurrentUser>, AppError> {
    let Some(token) = session::session_cookie(headers, state.config.secure_cookies) else { return Ok(None) };
    Ok(session::user_for(&state.db, &token, state.clock.now()).await?)
}

fn refusal(err: AppError) -> Response {
    let status = StatusCode::from_u16(err.status_code()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (status, [(header::CONTENT_TYPE, "text/plain; charset=utf-8")], err.to_string()).into_response()
}

/// `POST /coordinator/resources/:slug/file`: checks the file and keeps
/// it, then goes back to the editor with what happened.
pub async fn upload(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    headers: HeaderMap,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Response {
    let user = match viewer(&state, &headers).await {
        Ok(Some(user)) if user.has(Role::Coordinator) => Ok(user),
        Ok(Some(_)) => Err(AppError::Forbidden),
        Ok(None) => Err(AppError::SignInRequired),
        Err(err) => Err(err),
    };
    let stored = match (&user, db::by_slug(&state.db, &slug).await) {
        (Err(_), _) => None,
        (Ok(_), Ok(found)) => found,
        (Ok(_), Err(err)) => return refusal(err.into()),
    };
    let (user, stored) = match (user, stored) {
        (Ok(user), Some(stored)) => (user, stored),
        (refused, _) => {
            // Read what is still arriving before answering: a client cut
            // off mid-upload sees a broken connection, not the refusal.
            drain(multipart).await;
            return refusal(refused.err().unwrap_or(AppError::NotFound));
        }
    };
    let outcome = keep_upload(&state, &user, &stored, multipart).await;
    let flash = FormFlash {
        form: UPLOAD_FORM.name().into(),
        notice: outcome.as_ref().ok().cloned(),
        error: outcome.err(),
        values: vec![],
    };
    let back = format!("/coordinator/resources/{slug}/edit");
    let mut response = (StatusCode::SEE_OTHER, [(header::LOCATION, back)]).into_response();
    response.headers_mut().append(header::SET_COOKIE, flash_cookie(&flash, state.config.secure_cookies));
    response
}

async fn drain(multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>) {
    let Ok(mut multipart) = multipart else { return };
    while let Ok(Some(mut field)) = multipart.next_field().await {
        while let Ok(Some(_)) = field.chunk().await {}
    }
}

async fn keep_upload(
    state: &AppState,
    user: &CurrentUser,
    stored: &db::Stored,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Result<String, AppError> {
    let max = state.config.upload_max_bytes;
    let too_big = || {
        AppError::field(
            "file",
            format!("The file is too big. The largest file you can upload is {}.", files::size_label(max)),
        )
    };
    if stored.written.card.kind != super::lists::Kind::File {
        return Err(AppError::field(
            "file",
            "Only a file resource has a file. Choose \u{201c}File to download\u{201d} above and save first.",
        ));
    }
    let mut multipart = multipart.map_err(|_| AppError::field("file", "Choose a file to upload."))?;
    while let Some(field) = multipart.next_field().await.map_err(|_| too_big())? {
        if field.name() != Some("file") {
            continue;
        }
        let name = files::tidy_name(field.file_name().unwrap_or(""));
        let bytes = field.bytes().await.map_err(|_| too_big())?;
        let kind = files::check(&name, &bytes, max).map_err(|message| AppError::field("file", message))?;
        db::set_file(&state.db, stored.id, &name, kind.media_type, &bytes, user.id, state.clock.now())
            .await?;
        return Ok(format!("Uploaded {name} ({}).", files::size_label(bytes.len() as u64)));
    }
    Err(AppError::field("file", "Choose a file to upload."))
}

/// `GET /resources/:slug/file`: the file, for the resource's audience.
pub async fn download(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    headers: HeaderMap,
) -> Response {
    let viewer = match viewer(&state, &headers).await {
        Ok(viewer) => viewer,
        Err(err) => return refusal(err),
    };
    let stored = match readable(&state, viewer.as_ref(), &slug).await {
        Ok(stored) => stored,
        Err(err) => return refusal(err),
    };
    let (name, media_type, content) = match db::file_content(&state.db, stored.id).await {
        Ok(Some(file)) => file,
        Ok(None) => return refusal(AppError::NotFound),
        Err(err) => return refusal(err.into()),
    };
    let inline = files::by_media_type(&media_type).is_some_and(|t| t.inline);
    let disposition = format!("{}; filename=\"{name}\"", if inline { "inline" } else { "attachment" });
    let mut response = content.into_response();
    let h = response.headers_mut();
    if let (Ok(kind), Ok(disposition)) =
        (HeaderValue::from_str(&media_type), HeaderValue::from_str(&disposition))
    {
        h.insert(header::CONTENT_TYPE, kind);
        h.insert(header::CONTENT_DISPOSITION, disposition);
    }
    // A file is never a page: it runs nothing even if a browser tried.
    h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static("default-src 'none'; sandbox"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-cache"));
    response
}
