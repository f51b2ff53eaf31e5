//! SQL for courses, by table group: runs and their days, places and
//! attendance, completions and accreditation. No decisions live here:
//! [`super::places`] makes them and [`super::flow`] runs each change in
//! one write transaction that first takes the run's row ([`lock_run`]).

mod accreditation;
mod places;
mod runs;

pub use accreditation::*;
pub use places::*;
pub use runs::*;
