//! Server functions for the resources library. Anyone may browse what is
//! for everyone; what is for staff, trainees or mentors needs the right
//! person signed in.

use super::article::{Article, ResourceCard};
use super::lists::Category;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use {
    super::{db, markdown},
    crate::accounts::session,
    crate::shell::forms::{finish, form, respond},
    crate::state::app_state,
};

/// The library page: what matched, counts by category, featured and saved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResourceList {
    pub text: String,
    pub category: Option<Category>,
    pub results: Vec<ResourceCard>,
    pub counts: Vec<(Category, u32)>,
    pub featured: Vec<ResourceCard>,
    pub saved: Vec<ResourceCard>,
    pub signed_in: bool,
}

/// Search words: letters and digits only, so nothing typed is read as a
/// LIKE wildcard.
pub fn words_of(text: &str) -> Vec<String> {
    text.split_whitespace()
        .map(|w| w.chars().filter(|c| c.is_alphanumeric()).collect::<String>().to_lowercase())
        .filter(|w| !w.is_empty())
        .take(8)
        .collect()
}

#[server(endpoint = "load_resources")]
pub async fn load_resources(text: String, category: String) -> Result<ResourceList, AppError> {
    respond(
        async move {
            let state = app_state();
            let viewer = session::current_user(&state).await?;
            let category = Category::from_key(&category);
            let trainee = is_trainee(&state, viewer.as_ref()).await?;
            let may_read = |card: &ResourceCard| card.audience.admits(viewer.as_ref(), trainee);
            let all: Vec<(i64, ResourceCard)> =
                db::published(&state.db, &[]).await?.into_iter().filter(|(_, c)| may_read(c)).collect();
            let words = words_of(&text);
            let matching: Vec<ResourceCard> = if words.is_empty() {
                all.iter().map(|(_, c)| c.clone()).collect()
            } else {
                db::published(&state.db, &words)
                    .await?
                    .into_iter()
                    .map(|(_, c)| c)
                    .filter(|c| may_read(c))
                    .collect()
            };
            let counts = Category::ALL
                .iter()
                .map(|cat| (*cat, matching.iter().filter(|c| c.category == *cat).count() as u32))
                .collect();
            let results =
                matching.into_iter().filter(|c| category.is_none_or(|cat| c.category == cat)).collect();
            let featured = all.iter().filter(|(_, c)| c.featured).map(|(_, c)| c.clone()).collect();
            let saved = match &viewer {
                Some(user) => {
                    let ids = db::saved_ids(&state.db, user.id).await?;
                    ids.iter()
                        .filter_map(|id| all.iter().find(|(i, _)| i == id).map(|(_, c)| c.clone()))
                        .collect()
                }
                None => vec![],
            };
            Ok(ResourceList { text, category, results, counts, featured, saved, signed_in: viewer.is_some() })
        }
        .await,
    )
}

#[server(endpoint = "load_resource")]
pub async fn load_resource(slug: String) -> Result<Article, AppError> {
    respond(
        async move {
            let state = app_state();
            let viewer = session::current_user(&state).await?;
            let stored = readable(&state, viewer.as_ref(), &slug).await?;
            let saved = match &viewer {
                Some(user) => db::saved_ids(&state.db, user.id).await?.contains(&stored.id),
                None => false,
            };
            let file = file_info(&state, stored.id).await?;
            let w = stored.written;
            Ok(Article {
                card: w.card,
                html: markdown::to_html(&w.body),
                saved,
                signed_in: viewer.is_some(),
                updated_on: crate::dates::date_of(stored.updated_at),
                link_url: w.link_url,
                file,
            })
        }
        .await,
    )
}

/// A resource `viewer` may read: published and for their audience.
/// Unpublished ones are not found, except by coordinators.
#[cfg(feature = "ssr")]
pub async fn readable(
    state: &crate::state::AppState,
    viewer: Option<&crate::accounts::CurrentUser>,
    slug: &str,
) -> Result<db::Stored, AppError> {
    let stored = db::by_slug(&state.db, slug).await?.ok_or(AppError::NotFound)?;
    let coordinator = viewer.is_some_and(|u| u.has(crate::accounts::Role::Coordinator));
    if !stored.written.published && !coordinator {
        return Err(AppError::NotFound);
    }
    let audience = stored.written.card.audience;
    let trainee = audience == super::lists::Audience::TraineeMentors && is_trainee(state, viewer).await?;
    if !audience.admits(viewer, trainee) {
        return Err(if viewer.is_some() { AppError::Forbidden } else { AppError::SignInRequired });
    }
    Ok(stored)
}

/// Whether the viewer is a trainee mentor (booked on initial training).
#[cfg(feature = "ssr")]
async fn is_trainee(
    state: &crate::state::AppState,
    viewer: Option<&crate::accounts::CurrentUser>,
) -> Result<bool, AppError> {
    Ok(match viewer {
        Some(user) => crate::courses::db::is_trainee(&state.db, user.id).await?,
        None => false,
    })
}

/// The file of a file resource, described for readers.
#[cfg(feature = "ssr")]
pub async fn file_info(
    state: &crate::state::AppState,
    id: i64,
) -> Result<Option<super::article::FileInfo>, AppError> {
    Ok(db::file_info(&state.db, id).await?.map(|(name, media_type, size)| super::article::FileInfo {
        name,
        type_label: super::files::by_media_type(&media_type).map_or("File", |t| t.label).into(),
        size_label: super::files::size_label(size.max(0) as u64),
    }))
}

pub const SAVED: &str = "Saved. You will find it under \"Saved for later\" in the library.";
pub const UNSAVED: &str = "Removed from your saved resources.";

/// Saves a resource for later (`save` "1") or removes it ("0").
#[server(endpoint = "save_resource")]
pub async fn save_resource(slug: String, save: String) -> Result<String, AppError> {
    let keep = save == "1";
    let result = async {
        let (state, user) = session::signed_in().await?;
        let stored = readable(&state, Some(&user), &slug).await?;
        db::set_saved(&state.db, user.id, stored.id, keep, state.clock.now()).await?;
        Ok(if keep { SAVED } else { UNSAVED }.to_string())
    }
    .await;
    finish(form::<SaveResource>(), &[], Some(if keep { SAVED } else { UNSAVED }), result)
}

#[cfg(test)]
mod tests {
    #[test]
    fn search_words_are_letters_and_digits() {
        assert_eq!(super::words_of("  GROW  100% _x_ "), ["grow", "100", "x"]);
    }
}
