//! SQL for resources: the published list, one article, saving for later,
//! and writing an article with its version kept.

use super::article::{ResourceCard, WrittenArticle};
use super::lists::{Audience, Category};
use crate::db::{Db, Tx};
use sqlx::any::AnyRow;
use sqlx::Row;

const CARD: &str = "r.id, r.slug, r.title, r.summary, r.category, r.audience, r.featured";

fn card_from(row: &AnyRow) -> Result<(i64, ResourceCard), sqlx::Error> {
    let category: String = row.try_get("category")?;
    let audience: String = row.try_get("audience")?;
    Ok((
        row.try_get("id")?,
        ResourceCard {
            slug: row.try_get("slug")?,
            title: row.try_get("title")?,
            summary: row.try_get("summary")?,
            // A category dropped from the list files the resource under
            // well-being rather than losing it.
            category: Category::from_key(&category).unwrap_or(Category::WellbeingAndSupport),
            // An unknown audience is the narrowest one.
            audience: Audience::from_key(&audience).unwrap_or(Audience::Mentors),
            featured: row.try_get::<i64, _>("featured")? != 0,
        },
    ))
}

/// Published resources whose title, summary or text holds every word,
/// in title order. The library is small (tens to hundreds), so a scan is
/// quicker to keep right than an index.
pub async fn published(db: &Db, words: &[String]) -> Result<Vec<(i64, ResourceCard)>, sqlx::Error> {
    let conditions: String = (1..=words.len())
        .map(|i| format!(" AND LOWER(r.title || ' ' || r.summary || ' ' || r.body) LIKE ${i}"))
        .collect();
    let sql = format!("SELECT {CARD} FROM resources r WHERE r.published = 1{conditions} ORDER BY r.title");
    let mut query = sqlx::query(&sql);
    for word in words {
        query = query.bind(format!("%{word}%"));
    }
    query.fetch_all(db.pool()).await?.iter().map(card_from).collect()
}

/// One published resource with its Markdown and the day it last changed.
pub async fn by_slug(db: &Db, slug: &str) -> Result<Option<(i64, ResourceCard, String, i64)>, sqlx::Error> {
    let row = sqlx::query(&format!(
        "SELECT {CARD}, r.body, r.updated_at FROM resources r WHERE r.slug = $1 AND r.published = 1"
    ))
    .bind(slug)
    .fetch_optional(db.pool())
    .await?;
    row.map(|r| {
        let (id, card) = card_from(&r)?;
        Ok((id, card, r.try_get("body")?, r.try_get("updated_at")?))
    })
    .transpose()
}

/// Ids of what this person saved.
pub async fn saved_ids(db: &Db, user_id: i64) -> Result<Vec<i64>, sqlx::Error> {
    let rows: Vec<(i64,)> =
        sqlx::query_as("SELECT resource_id FROM saved_resources WHERE user_id = $1 ORDER BY saved_at DESC")
            .bind(user_id)
            .fetch_all(db.pool())
            .await?;
    Ok(rows.into_iter().map(|(id,)| id).collect())
}

pub async fn set_saved(
    db: &Db,
    user_id: i64,
    resource_id: i64,
    saved: bool,
    now: i64,
) -> Result<(), sqlx::Error> {
    let mut tx = db.begin_write().await?;
    if saved {
        sqlx::query(
            "INSERT INTO saved_resources (user_id, resource_id, saved_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
        )
        .bind(user_id)
        .bind(resource_id)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    } else {
        sqlx::query("DELETE FROM saved_resources WHERE user_id = $1 AND resource_id = $2")
            .bind(user_id)
            .bind(resource_id)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Publishes an article (new or changed) and keeps this version.
pub async fn publish(tx: &mut Tx, a: &WrittenArticle, by: Option<i64>, now: i64) -> Result<i64, sqlx::Error> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO resources (slug, title, summary, body, category, audience, featured, published, updated_at, updated_by) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, 1, $8, $9) \
         ON CONFLICT (slug) DO UPDATE SET title = excluded.title, summary = excluded.summary, body = excluded.body, \
         category = excluded.category, audience = excluded.audience, featured = excluded.featured, published = 1, \
         updated_at = excluded.updated_at, updated_by = excluded.updated_by RETURNING id",
    )
    .bind(&a.card.slug)
    .bind(&a.card.title)
    .bind(&a.card.summary)
    .bind(&a.body)
    .bind(a.card.category.key())
    .bind(a.card.audience.key())
    .bind(i64::from(a.card.featured))
    .bind(now)
    .bind(by)
    .fetch_one(&mut **tx)
    .await?;
    sqlx::query(
        "INSERT INTO resource_versions (resource_id, title, summary, body, changed_by, changed_at) VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(id)
    .bind(&a.card.title)
    .bind(&a.card.summary)
    .bind(&a.body)
    .bind(by)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(id)
}
