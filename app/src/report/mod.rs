//! The service report for coordinators (`/coordinator/report`): outcomes
//! beside the evaluation study's means, the request funnel, training and
//! the network, for a chosen period, with small numbers hidden, and a CSV
//! download of the same tables. The figures, charts and CSV are made on
//! the server only; the browser gets finished text.

pub mod functions;
pub mod page;
pub mod period;
pub mod types;

#[cfg(feature = "ssr")]
pub mod charts;
#[cfg(feature = "ssr")]
pub mod csv;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod demo;
#[cfg(feature = "ssr")]
pub mod figures;
#[cfg(feature = "ssr")]
pub mod suppress;
#[cfg(feature = "ssr")]
pub mod tables;
