//! Accounts: registration, email verification, sign-in and out, password
//! change and reset, roles, and a person's copy of what is held about them.

pub mod closure;
pub mod closure_page;
pub mod export;
pub mod functions;
pub mod my_data_page;
pub mod pages;
pub mod password_policy;
pub mod titles;
pub use crate::people::{CurrentUser, Role};

#[cfg(feature = "ssr")]
pub mod closure_db;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod erasure;
#[cfg(feature = "ssr")]
mod erasure_mentions;
#[cfg(feature = "ssr")]
pub mod hashing;
#[cfg(feature = "ssr")]
pub mod session;
#[cfg(feature = "ssr")]
pub mod throttle;
#[cfg(feature = "ssr")]
pub mod tokens;
