//! Mentoring sessions: mentors' availability, booking in an active
//! relationship, rescheduling and cancelling, calendar invitations and
//! feeds, and reminders.

pub mod availability_form;
pub mod availability_functions;
pub mod availability_page;
pub mod booking_month;
pub mod booking_page;
pub mod booking_times;
pub mod functions;
pub mod rota;
pub mod rules;
pub mod sessions_page;
pub mod state;
pub mod views;

#[cfg(feature = "ssr")]
pub mod booking;
#[cfg(feature = "ssr")]
pub mod booking_grid;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod demo;
#[cfg(feature = "ssr")]
pub mod feed;
#[cfg(feature = "ssr")]
pub mod free_times;
#[cfg(feature = "ssr")]
pub mod ics;
#[cfg(feature = "ssr")]
pub mod preview;
#[cfg(feature = "ssr")]
pub mod slots;
#[cfg(feature = "ssr")]
pub mod sweep;
#[cfg(feature = "ssr")]
pub mod titles;
#[cfg(feature = "ssr")]
pub mod when;
