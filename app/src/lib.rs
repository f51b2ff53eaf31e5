//! Mentorwell: pages, server functions and shared types.
//!
//! One folder per domain. Server-only code (SQL, hashing, email delivery)
//! sits behind the `ssr` feature so none of it reaches the wasm bundle.

pub mod accounts;
pub mod audit;
pub mod coordinator;
pub mod courses;
pub mod dates;
pub mod directory;
pub mod email;
pub mod error;
pub mod frame;
pub mod home;
pub mod outcomes;
pub mod people;
pub mod relationships;
pub mod report;
pub mod requests;
pub mod resources;
pub mod router;
pub mod sessions;
pub mod shell;
pub mod text;
pub mod vocabulary;

#[cfg(feature = "ssr")]
pub mod clock;
#[cfg(feature = "ssr")]
pub mod config;
#[cfg(feature = "ssr")]
pub mod cookies;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod demo;
#[cfg(feature = "ssr")]
pub mod request;
#[cfg(feature = "ssr")]
pub mod retention;
#[cfg(feature = "ssr")]
pub mod state;

pub use router::App;

/// The whole page the server sends: the document around the app.
pub fn shell(options: leptos::prelude::LeptosOptions) -> impl leptos::prelude::IntoView {
    use leptos::prelude::*;
    shell::document::document(options, view! { <App /> })
}
