//! Outcome questionnaires: the study's questions asked of mentees and
//! mentors at the start, the end and six months on, and of every listed
//! mentor twice a year; each invitation made and emailed once by a sweep,
//! answered once at `/questions/:invitation`, and "don't ask me again".

pub mod functions;
pub mod open_list;
pub mod questionnaires;
pub mod questions_page;
pub mod schedule;
pub mod settings_section;

#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod sweep;
