//! The frame around every page that knows who is signed in: the header
//! with its navigation and sign-out button, the footer, and the page
//! context loaded once for the app. It stands on accounts (signing in and
//! out) and the shell; only the router stands on it.

pub mod context;
pub mod layout;
