//! Server functions for the coordinators' editor: the list of every
//! resource, one resource to edit with its preview, the live preview,
//! saving (which keeps a version), and the history.

use super::editor::{EditorData, ManagedResource, Preview};
use super::history::HistoryEntry;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use {
    super::editor::{slug_of, EditorFields},
    super::{db, files, history, markdown},
    crate::accounts::{session, Role},
    crate::shell::forms::{finish, form, respond},
    crate::state::AppState,
};

/// The Markdown preview and its problems, checking links to other
/// resources against the published library.
#[cfg(feature = "ssr")]
async fn preview_of(state: &AppState, body: &str, own_slug: &str) -> Result<Preview, AppError> {
    let slugs = db::published_slugs(&state.db).await?;
    let known = |slug: &str| slug == own_slug || slugs.iter().any(|s| s == slug);
    Ok(Preview { html: markdown::to_html(body), problems: markdown::problems(body, known) })
}

#[server(endpoint = "load_managed_resources")]
pub async fn load_managed_resources() -> Result<Vec<ManagedResource>, AppError> {
    respond(
        async move {
            let (state, _) = session::signed_in_as(Role::Coordinator).await?;
            Ok(db::everything(&state.db)
                .await?
                .into_iter()
                .map(|(card, published, updated_at)| ManagedResource {
                    card,
                    published,
                    updated_on: crate::dates::date_of(updated_at),
                })
                .collect())
        }
        .await,
    )
}

/// The resource `slug` to edit, or a blank one for an empty slug.
#[server(endpoint = "load_resource_editor")]
pub async fn load_resource_editor(slug: String) -> Result<EditorData, AppError> {
    respond(
        async move {
            let (state, _) = session::signed_in_as(Role::Coordinator).await?;
            let max_upload = files::size_label(state.config.upload_max_bytes);
            if slug.is_empty() {
                let fields = EditorFields { kind: "article".into(), ..Default::default() };
                return Ok(EditorData {
                    slug,
                    version: 0,
                    fields,
                    file: None,
                    preview: Preview::default(),
                    max_upload,
                });
            }
            let stored = db::by_slug(&state.db, &slug).await?.ok_or(AppError::NotFound)?;
            let preview = preview_of(&state, &stored.written.body, &slug).await?;
            Ok(EditorData {
                slug,
                version: stored.version,
                fields: EditorFields::of(&stored.written),
                file: super::functions::file_info(&state, stored.id).await?,
                preview,
                max_upload,
            })
        }
        .await,
    )
}

/// The live preview while typing.
#[server(endpoint = "preview_resource")]
pub async fn preview_resource(slug: String, body: String) -> Result<Preview, AppError> {
    respond(
        async move {
            let (state, _) = session::signed_in_as(Role::Coordinator).await?;
            let body: String = body.chars().take(super::editor::MAX_BODY * 2).collect();
            preview_of(&state, &body, &slug).await
        }
        .await,
    )
}

pub const SAVED: &str = "Saved.";
pub const CHANGED_MEANWHILE: &str = "Someone else saved a change to this resource after you opened it. \
Your text is still in the form: copy what you need, reload the page to see their version, and make your change again.";

/// The editor's form as the browser sends it; a checkbox is "on" or absent.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResourceForm {
    pub title: String,
    pub summary: String,
    pub kind: Option<String>,
    pub body: String,
    pub link_url: String,
    pub category: String,
    pub audience: String,
    pub tags: String,
    pub featured: Option<String>,
    pub published: Option<String>,
}

/// Saves a resource (a new one when `slug` is empty) and keeps the
/// version. Returns the slug. A file resource is published only once it
/// has its file.
#[server(endpoint = "save_resource_edit")]
pub async fn save_resource_edit(
    slug: String,
    version: i64,
    #[server(flatten)] input: ResourceForm,
) -> Result<String, AppError> {
    let ResourceForm { title, summary, kind, body, link_url, category, audience, tags, featured, published } =
        input;
    let fields = EditorFields {
        title,
        summary,
        kind: kind.unwrap_or_default(),
        body,
        link_url,
        category,
        audience,
        tags,
        featured: featured.is_some(),
        published: published.as_deref() == Some("yes"),
    };
    let typed = [
        ("title", fields.title.clone()),
        ("summary", fields.summary.clone()),
        ("kind", fields.kind.clone()),
        ("body", fields.body.clone()),
        ("link_url", fields.link_url.clone()),
        ("category", fields.category.clone()),
        ("audience", fields.audience.clone()),
        ("tags", fields.tags.clone()),
        ("featured", if fields.featured { "yes" } else { "" }.to_string()),
        ("published", if fields.published { "yes" } else { "no" }.to_string()),
    ];
    let result = async {
        let (state, user) = session::signed_in_as(Role::Coordinator).await?;
        let lines = ["title", "link_url", "category", "audience", "tags"];
        let lines: Vec<(&str, &str)> = lines
            .iter()
            .zip([&fields.title, &fields.link_url, &fields.category, &fields.audience, &fields.tags])
            .map(|(n, v)| (*n, v.as_str()))
            .collect();
        crate::error::check_text(&lines, &[("summary", &fields.summary), ("body", &fields.body)])?;
        let now = state.clock.now();
        let preview = preview_of(&state, &fields.body, &slug).await?;
        let mut problems = fields.problems(&preview.problems);
        let existing = if slug.is_empty() { None } else { db::by_slug(&state.db, &slug).await? };
        if !slug.is_empty() && existing.is_none() {
            return Err(AppError::NotFound);
        }
        let has_file = match &existing {
            Some(s) => db::file_info(&state.db, s.id).await?.is_some(),
            None => false,
        };
        if fields.published
            && fields.kind == "file"
            && !has_file
            && problems.iter().all(|p| p.field != "published")
        {
            problems.push(crate::error::FieldError {
                field: "published".into(),
                message:
                    "Upload the file before publishing: save it as not published, then upload the file below."
                        .into(),
            });
        }
        if !problems.is_empty() {
            return Err(AppError::Invalid(problems));
        }
        match existing {
            Some(stored) => {
                let mut tx = state.db.begin_write().await?;
                if !db::update(&mut tx, stored.id, version, &fields.written(&slug), Some(user.id), now)
                    .await?
                {
                    return Err(AppError::Refused(CHANGED_MEANWHILE.into()));
                }
                tx.commit().await?;
                Ok(slug.clone())
            }
            None => {
                let base = slug_of(&fields.title);
                // A title like another's gets "-2", "-3"… Slugs never
                // change after this, so links and saved copies keep working.
                for n in 1..=50 {
                    let candidate = if n == 1 { base.clone() } else { format!("{base}-{n}") };
                    let mut tx = state.db.begin_write().await?;
                    match db::insert(&mut tx, &fields.written(&candidate), Some(user.id), now).await {
                        Ok(_) => {
                            tx.commit().await?;
                            // The editor of the new resource, saying it was saved.
                            leptos_axum::redirect(&format!(
                                "/coordinator/resources/{candidate}/edit?saved=1"
                            ));
                            return Ok(candidate);
                        }
                        Err(err) if crate::db::is_unique_violation(&err) => continue,
                        Err(err) => return Err(err.into()),
                    }
                }
                Err(AppError::field("title", "Too many resources have this title. Choose another."))
            }
        }
    }
    .await;
    let typed: Vec<(&str, &str)> = typed.iter().map(|(k, v)| (*k, v.as_str())).collect();
    finish(form::<SaveResourceEdit>(), &typed, Some(SAVED), result)
}

#[server(endpoint = "load_resource_history")]
pub async fn load_resource_history(slug: String) -> Result<(String, Vec<HistoryEntry>), AppError> {
    respond(
        async move {
            let (state, _) = session::signed_in_as(Role::Coordinator).await?;
            let stored = db::by_slug(&state.db, &slug).await?.ok_or(AppError::NotFound)?;
            let versions = db::versions(&state.db, stored.id).await?;
            Ok((stored.written.card.title, history::entries(&versions, crate::dates::date_time_of)))
        }
        .await,
    )
}
