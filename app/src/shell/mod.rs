//! The cellar every page stands on: the document, the page context's
//! type, form parts and fields, term/value lists and the error pages. It
//! imports no domain; the header, which knows about signing in and out,
//! is in [`crate::frame`], and the routes in [`crate::router`].

pub mod assets;
pub mod context;
pub mod document;
pub mod error_pages;
pub mod facts;
pub mod fields;
pub mod forms;
pub mod pause;

#[cfg(test)]
mod link_rule;
