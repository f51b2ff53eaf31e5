//! SQL for resources: the published list, one resource, saving for later,
//! and writing a resource (or its file) with a version kept of each change.

use super::article::{tags_of, ResourceCard, WrittenArticle};
use super::history::Version;
use super::lists::{Audience, Category, Kind};
use crate::db::{Db, Tx};
use sqlx::any::AnyRow;
use sqlx::Row;

const CARD: &str = "r.id, r.slug, r.title, r.summary, r.category, r.audience, r.featured, r.kind, r.tags";

fn card_from(row: &AnyRow) -> Result<(i64, ResourceCard), sqlx::Error> {
    let category: String = row.try_get("category")?;
    let audience: String = row.try_get("audience")?;
    let kind: String = row.try_get("kind")?;
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
            kind: Kind::from_key(&kind).unwrap_or(Kind::Article),
            tags: tags_of(&row.try_get::<String, _>("tags")?),
        },
    ))
}

/// Published resources whose title, summary, text or tags hold every
/// word, in title order. The library is small (tens to hundreds), so a
/// scan is quicker to keep right than an index.
pub async fn published(db: &Db, words: &[String]) -> Result<Vec<(i64, ResourceCard)>, sqlx::Error> {
    let conditions: String = (1..=words.len())
        .map(|i| {
            format!(" AND LOWER(r.title || ' ' || r.summary || ' ' || r.body || ' ' || r.tags) LIKE ${i}")
        })
        .collect();
    let sql = format!("SELECT {CARD} FROM resources r WHERE r.published = 1{conditions} ORDER BY r.title");
    let mut query = sqlx::query(&sql);
    for word in words {
        query = query.bind(format!("%{word}%"));
    }
    query.fetch_all(db.pool()).await?.iter().map(card_from).collect()
}

/// A resource as kept, published or not.
#[derive(Debug, Clone)]
pub struct Stored {
    pub id: i64,
    pub written: WrittenArticle,
    pub updated_at: i64,
    /// The newest version's id: what an editor started from.
    pub version: i64,
}

/// One resource by its slug, published or not (callers decide who may
/// see an unpublished one).
pub async fn by_slug(db: &Db, slug: &str) -> Result<Option<Stored>, sqlx::Error> {
    let row = sqlx::query(&format!(
        "SELECT {CARD}, r.body, r.link_url, r.published, r.updated_at, \
         (SELECT COALESCE(MAX(v.id), 0) FROM resource_versions v WHERE v.resource_id = r.id) AS version \
         FROM resources r WHERE r.slug = $1"
    ))
    .bind(slug)
    .fetch_optional(db.pool())
    .await?;
    row.map(|r| {
        let (id, card) = card_from(&r)?;
        Ok(Stored {
            id,
            written: WrittenArticle {
                card,
                body: r.try_get("body")?,
                link_url: r.try_get("link_url")?,
                published: r.try_get::<i64, _>("published")? != 0,
            },
            updated_at: r.try_get("updated_at")?,
            version: r.try_get("version")?,
        })
    })
    .transpose()
}

/// Every resource for the coordinators' list, with whether it is
/// published and when it last changed.
pub async fn everything(db: &Db) -> Result<Vec<(ResourceCard, bool, i64)>, sqlx::Error> {
    let rows = sqlx::query(&format!(
        "SELECT {CARD}, r.published, r.updated_at FROM resources r ORDER BY r.published, r.title"
    ))
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|r| Ok((card_from(r)?.1, r.try_get::<i64, _>("published")? != 0, r.try_get("updated_at")?)))
        .collect()
}

/// Whether a published resource has this slug, for checking links.
pub async fn published_slugs(db: &Db) -> Result<Vec<String>, sqlx::Error> {
    let rows: Vec<(String,)> =
        sqlx::query_as("SELECT slug FROM resources WHERE published = 1").fetch_all(db.pool()).await?;
    Ok(rows.into_iter().map(|(s,)| s).collect())
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

/// The columns a save writes, in the order [`bind_written`] binds them.
const WRITTEN: &str =
    "title, summary, body, category, audience, featured, published, updated_at, updated_by, kind, link_url, tags";
const WRITTEN_VALUES: &str = "$1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12";

/// Binds a resource's fields as $1…$12, in the order of [`WRITTEN`].
fn bind_written<'q>(
    query: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>,
    a: &WrittenArticle,
    by: Option<i64>,
    now: i64,
) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>> {
    query
        .bind(a.card.title.clone())
        .bind(a.card.summary.clone())
        .bind(a.body.clone())
        .bind(a.card.category.key())
        .bind(a.card.audience.key())
        .bind(i64::from(a.card.featured))
        .bind(i64::from(a.published))
        .bind(now)
        .bind(by)
        .bind(a.card.kind.key())
        .bind(a.link_url.clone())
        .bind(a.card.tags.join(", "))
}

/// Adds a resource under its slug and keeps this first version. Fails
/// with a unique violation if the slug is taken.
pub async fn insert(tx: &mut Tx, a: &WrittenArticle, by: Option<i64>, now: i64) -> Result<i64, sqlx::Error> {
    let sql = format!("INSERT INTO resources ({WRITTEN}, slug) VALUES ({WRITTEN_VALUES}, $13) RETURNING id");
    let id: i64 = bind_written(sqlx::query(&sql), a, by, now)
        .bind(a.card.slug.clone())
        .fetch_one(&mut **tx)
        .await?
        .try_get("id")?;
    keep_version(tx, id, by, now).await?;
    Ok(id)
}

/// Changes a resource if nobody else has since `version`, keeping the
/// new version. False if someone had.
pub async fn update(
    tx: &mut Tx,
    id: i64,
    version: i64,
    a: &WrittenArticle,
    by: Option<i64>,
    now: i64,
) -> Result<bool, sqlx::Error> {
    // The update comes first so that on PostgreSQL a second editor waits
    // on the row here and then sees the first editor's version below.
    let sets: Vec<String> =
        WRITTEN.split(", ").enumerate().map(|(i, c)| format!("{c} = ${}", i + 1)).collect();
    let sql = format!("UPDATE resources SET {} WHERE id = $13", sets.join(", "));
    bind_written(sqlx::query(&sql), a, by, now).bind(id).execute(&mut **tx).await?;
    let (latest,): (i64,) =
        sqlx::query_as("SELECT COALESCE(MAX(id), 0) FROM resource_versions WHERE resource_id = $1")
            .bind(id)
            .fetch_one(&mut **tx)
            .await?;
    if latest != version {
        return Ok(false);
    }
    keep_version(tx, id, by, now).await?;
    Ok(true)
}

/// Copies the resource as it now is, with its file's name and size, into
/// its history.
async fn keep_version(tx: &mut Tx, id: i64, by: Option<i64>, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO resource_versions (resource_id, title, summary, body, changed_by, changed_at, kind, link_url, \
         tags, category, audience, featured, published, file_name, file_size) \
         SELECT r.id, r.title, r.summary, r.body, $2, $3, r.kind, r.link_url, r.tags, r.category, r.audience, \
         r.featured, r.published, COALESCE(f.file_name, ''), COALESCE(f.size, 0) \
         FROM resources r LEFT JOIN resource_files f ON f.resource_id = r.id WHERE r.id = $1",
    )
    .bind(id)
    .bind(by)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Keeps `content` as the resource's file, replacing any before it.
pub async fn set_file(
    db: &Db,
    id: i64,
    name: &str,
    media_type: &str,
    content: &[u8],
    by: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    let mut tx = db.begin_write().await?;
    // The resource's row first: a second upload at once waits here.
    sqlx::query("UPDATE resources SET updated_at = $1, updated_by = $2 WHERE id = $3")
        .bind(now)
        .bind(by)
        .bind(id)
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM resource_files WHERE resource_id = $1").bind(id).execute(&mut *tx).await?;
    sqlx::query(
        "INSERT INTO resource_files (resource_id, file_name, media_type, size, content, uploaded_at, uploaded_by) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(id)
    .bind(name)
    .bind(media_type)
    .bind(content.len() as i64)
    .bind(content.to_vec())
    .bind(now)
    .bind(by)
    .execute(&mut *tx)
    .await?;
    keep_version(&mut tx, id, Some(by), now).await?;
    tx.commit().await
}

/// The name, media type and size of a resource's file.
pub async fn file_info(db: &Db, id: i64) -> Result<Option<(String, String, i64)>, sqlx::Error> {
    sqlx::query_as("SELECT file_name, media_type, size FROM resource_files WHERE resource_id = $1")
        .bind(id)
        .fetch_optional(db.pool())
        .await
}

/// The file itself: name, media type and bytes.
pub async fn file_content(db: &Db, id: i64) -> Result<Option<(String, String, Vec<u8>)>, sqlx::Error> {
    sqlx::query_as("SELECT file_name, media_type, content FROM resource_files WHERE resource_id = $1")
        .bind(id)
        .fetch_optional(db.pool())
        .await
}

/// Every version of a resource, oldest first, with who made it.
pub async fn versions(db: &Db, id: i64) -> Result<Vec<Version>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT v.id, v.title, v.summary, v.body, v.changed_at, COALESCE(u.display_name, '') AS who, v.kind, \
         v.link_url, v.tags, v.category, v.audience, v.featured, v.published, v.file_name, v.file_size \
         FROM resource_versions v LEFT JOIN users u ON u.id = v.changed_by WHERE v.resource_id = $1 ORDER BY v.id",
    )
    .bind(id)
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|r| {
            Ok(Version {
                id: r.try_get("id")?,
                changed_at: r.try_get("changed_at")?,
                who: r.try_get("who")?,
                title: r.try_get("title")?,
                summary: r.try_get("summary")?,
                body: r.try_get("body")?,
                kind: r.try_get("kind")?,
                link_url: r.try_get("link_url")?,
                tags: r.try_get("tags")?,
                category: r.try_get("category")?,
                audience: r.try_get("audience")?,
                featured: r.try_get::<i64, _>("featured")? != 0,
                published: r.try_get::<i64, _>("published")? != 0,
                file_name: r.try_get("file_name")?,
                file_size: r.try_get("file_size")?,
            })
        })
        .collect()
}
