//! Self-referral and matching: the request form, its state machine, the
//! scoring that explains which mentors suit a request, the coordinators'
//! queue, mentors' offers, and the audit of who read what.

pub mod coordination;
pub mod detail_page;
pub mod form;
pub mod functions;
pub mod lifecycle;
pub mod matching;
pub mod offers;
pub mod offers_page;
pub mod overlap;
pub mod queue_page;
pub mod request_form;
pub mod request_page;
pub mod support;
pub mod support_page;
pub mod times;
pub mod views;

#[cfg(feature = "ssr")]
pub mod audit;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod facts;
#[cfg(feature = "ssr")]
pub mod flow;
#[cfg(feature = "ssr")]
pub mod present;
#[cfg(feature = "ssr")]
pub mod sweep;
#[cfg(feature = "ssr")]
pub mod times_db;
