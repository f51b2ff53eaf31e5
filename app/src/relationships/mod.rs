//! Mentoring relationships: the pair's own life from the mentor accepting
//! to a good end, with its state machine, its page at `/mentoring/:id`,
//! and the one place other domains ask whether a pair is under way.

pub mod agreement;
pub mod agreement_form;
pub mod attention;
pub mod attention_page;
pub mod attention_panel;
pub mod ending;
pub mod flags;
pub mod functions;
pub mod goals;
pub mod goals_section;
pub mod lifecycle;
pub mod links;
pub mod notes;
pub mod pair_sessions_section;
pub mod record;
pub mod relationship_page;
pub mod session_notes;
pub mod session_page;
pub mod views;

#[cfg(feature = "ssr")]
pub mod agreement_db;
#[cfg(feature = "ssr")]
pub mod attention_db;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod ending_db;
#[cfg(feature = "ssr")]
pub mod ending_sweep;
#[cfg(feature = "ssr")]
pub mod flow;
#[cfg(feature = "ssr")]
pub mod goals_db;
#[cfg(feature = "ssr")]
pub mod notes_db;
#[cfg(feature = "ssr")]
pub mod quiet;
