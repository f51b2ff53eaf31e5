//! Mentor training: course runs (initial training and refreshers), places
//! with a waiting list, attendance, completion, and the accreditation it
//! gives, with a certificate anyone can check.

pub mod certificate;
pub mod certificate_functions;
pub mod certificate_page;
pub mod coordinator_functions;
pub mod coordinator_pages;
pub mod functions;
pub mod lists;
pub mod pages;
pub mod places;
pub mod run;
pub mod views;

#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod demo;
#[cfg(feature = "ssr")]
pub mod flow;
#[cfg(feature = "ssr")]
pub mod sweep;
