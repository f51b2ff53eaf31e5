//! Resources for mentees, mentors and trainee mentors: articles written
//! in Markdown, filed by topic and audience, searchable, saved for later.

pub mod article;
pub mod editing;
pub mod editor;
pub mod editor_page;
pub mod functions;
pub mod history;
pub mod history_page;
pub mod lists;
pub mod manage_page;
pub mod pages;

#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod demo;
#[cfg(feature = "ssr")]
pub mod files;
#[cfg(feature = "ssr")]
pub mod markdown;
#[cfg(feature = "ssr")]
pub mod uploads;
