//! Keeps the directory's text index in step with what
//! [`ProfileFields::search_body`](super::profile::ProfileFields::search_body)
//! puts in it. A profile's words are written when it is published, so a
//! change to what goes in would reach only profiles published after it;
//! raising [`SEARCH_WORDS_VERSION`] makes the next start rewrite them all.

use super::db::{profiles_after, write_search_words};
use crate::db::Db;

/// 1: name, specialty, organisation, bio, topics.
/// 2: and the names of the profession, sector and area.
pub const SEARCH_WORDS_VERSION: i64 = 2;

/// Rewrites every profile's words when the index is older than this
/// build, in one transaction; returns how many it rewrote. Several
/// instances may start at once: the version row is claimed first, so one
/// of them does the work and the others find it done.
pub async fn refresh(db: &Db) -> Result<Option<usize>, sqlx::Error> {
    refresh_in_slices(db, 2_000).await
}

/// [`refresh`], reading `per_slice` profiles at a time.
pub async fn refresh_in_slices(db: &Db, per_slice: i64) -> Result<Option<usize>, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let claimed = sqlx::query("UPDATE search_words_version SET version = $1 WHERE id = 1 AND version < $1")
        .bind(SEARCH_WORDS_VERSION)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    if claimed == 0 {
        tx.commit().await?;
        return Ok(None);
    }
    // Once per upgrade, so one statement per profile is fine.
    let (mut rewritten, mut after) = (0, 0);
    loop {
        let profiles = profiles_after(&mut tx, after, per_slice).await?;
        let Some(&(last, _)) = profiles.last() else { break };
        for (user_id, fields) in &profiles {
            write_search_words(&mut tx, *user_id, &fields.search_body()).await?;
        }
        rewritten += profiles.len();
        after = last;
    }
    tx.commit().await?;
    Ok(Some(rewritten))
}
