//! The frame every page sits in: the document, header and navigation,
//! shared form parts and the error pages. The routes are in
//! [`crate::router`], above every domain.

pub mod context;
pub mod document;
pub mod error_pages;
pub mod facts;
pub mod fields;
pub mod forms;
pub mod layout;
pub mod pause;

#[cfg(test)]
mod link_rule;
