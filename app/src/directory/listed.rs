//! The listed directory held in memory, one copy per server instance, so a
//! search reads no rows: the compact facts of every listed mentor and the
//! words of their profiles.
//!
//! The copy is never trusted on its own. Every change to what the
//! directory lists, ranks or counts adds one to the `directory_version`
//! row, in the same transaction (triggers on the tables it reads, see the
//! 0019 migrations), and each search first reads that row: when it has
//! moved, or the day has changed (accreditation lapses at midnight), the
//! copy is read again before answering. So every instance behind a load
//! balancer answers as the database stands, and a change is seen by the
//! next search anywhere.

use super::db;
use super::query::DirectoryQuery;
use super::search::{self, Candidate, Hit, SearchOutcome};
use super::words::{query_words, Words, WordsBuilder};
use crate::db::Db;
use std::sync::{Arc, Mutex};

/// One reading of the directory.
pub struct Listed {
    version: i64,
    today: String,
    candidates: Vec<Candidate>,
    /// Document `i` is `candidates[i]`'s words.
    words: Words,
}

/// A reading in progress: mentors are added as their rows arrive, so
/// their profiles' words need not all be held at once.
#[derive(Default)]
pub struct Reading {
    candidates: Vec<Candidate>,
    sort_names: Vec<String>,
    words: WordsBuilder,
}

impl Reading {
    /// Adds a mentor; their `name_order` is set by [`Reading::finish`].
    pub fn add(&mut self, candidate: Candidate, sort_name: String, words: &str) {
        self.candidates.push(candidate);
        self.sort_names.push(sort_name);
        self.words.add(words);
    }

    pub fn finish(mut self, version: i64, today: &str) -> Listed {
        // Names are compared once here rather than on every search.
        let mut by_name: Vec<usize> = (0..self.candidates.len()).collect();
        by_name.sort_unstable_by(|&a, &b| {
            self.sort_names[a]
                .cmp(&self.sort_names[b])
                .then(self.candidates[a].user_id.cmp(&self.candidates[b].user_id))
        });
        for (order, i) in by_name.into_iter().enumerate() {
            self.candidates[i].name_order = order as u32;
        }
        Listed { version, today: today.to_string(), candidates: self.candidates, words: self.words.finish() }
    }
}

impl Listed {
    pub fn search(&self, query: &DirectoryQuery) -> SearchOutcome {
        let words = query_words(&query.text);
        if words.is_empty() {
            return search::search(
                query,
                self.candidates.iter().map(|candidate| Hit { candidate, rank: 0.0 }),
            );
        }
        let found = self.words.find(&words);
        search::search(
            query,
            found.into_iter().map(|(doc, rank)| Hit { candidate: &self.candidates[doc as usize], rank }),
        )
    }

    /// How many mentors are listed.
    pub fn mentors(&self) -> usize {
        self.candidates.len()
    }
}

/// The current reading, and the right to make the next one.
#[derive(Default)]
pub struct Directory {
    current: Mutex<Option<Arc<Listed>>>,
    // Held by whoever is reading the directory again, so a burst of
    // searches after a change causes one reading, not one each.
    reading: Arc<tokio::sync::Mutex<()>>,
}

impl Directory {
    /// Searches the directory as the database stands now.
    pub async fn search(
        self: &Arc<Self>,
        db: &Db,
        query: &DirectoryQuery,
        today: &str,
    ) -> Result<SearchOutcome, sqlx::Error> {
        Ok(self.listed(db, today).await?.search(query))
    }

    /// The current reading, made again first if the database has moved on.
    pub async fn listed(self: &Arc<Self>, db: &Db, today: &str) -> Result<Arc<Listed>, sqlx::Error> {
        let version = db::directory_version(db).await?;
        if let Some(listed) = self.fresh(version, today) {
            return Ok(listed);
        }
        let turn = self.reading.clone().lock_owned().await;
        if let Some(listed) = self.fresh(version, today) {
            return Ok(listed);
        }
        // Its own task, so a search whose browser goes away does not throw
        // away a reading others are waiting for.
        let (directory, db, today) = (self.clone(), db.clone(), today.to_string());
        let reading = tokio::spawn(async move {
            let _turn = turn;
            let listed = Arc::new(db::listed(&db, &today).await?);
            *directory.current.lock().expect("not poisoned") = Some(listed.clone());
            Ok(listed)
        });
        match reading.await {
            Ok(done) => done,
            Err(err) => {
                tracing::error!("reading the directory stopped: {err}");
                Err(sqlx::Error::WorkerCrashed)
            }
        }
    }

    fn fresh(&self, version: i64, today: &str) -> Option<Arc<Listed>> {
        let current = self.current.lock().expect("not poisoned");
        current.as_ref().filter(|l| l.version >= version && l.today == today).cloned()
    }
}
