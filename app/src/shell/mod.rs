//! The frame every page sits in: document shell, routes, header and
//! navigation, shared form parts and the error pages.

pub mod app;
pub mod choices;
pub mod context;
pub mod error_pages;
pub mod forms;
pub mod layout;
pub mod pause;

#[cfg(test)]
mod link_rule;
