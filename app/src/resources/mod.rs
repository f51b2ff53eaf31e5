//! Resources for mentees, mentors and trainee mentors: articles written
//! in Markdown, filed by topic and audience, searchable, saved for later.

pub mod article;
pub mod functions;
pub mod lists;
pub mod pages;

#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod demo;
#[cfg(feature = "ssr")]
pub mod markdown;
