//! The mentor directory: profiles written by mentors and approved by
//! coordinators, the listing rule, and the search staff use to find a
//! mentor. The reference lists here are shared with requests and courses.

pub mod cards;
pub mod directory_page;
pub mod functions;
pub mod listing;
pub mod mentor_page;
pub mod profile;
pub mod profile_page;
pub mod query;
pub mod review;
pub mod review_page;
pub mod search;

#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod demo;
#[cfg(feature = "ssr")]
pub mod drafts;
#[cfg(feature = "ssr")]
pub mod listed;
#[cfg(feature = "ssr")]
mod quick_hash;
#[cfg(feature = "ssr")]
pub mod reindex;
#[cfg(feature = "ssr")]
pub mod words;
