//! Email: written to the `outbox` table in the same transaction as the
//! change that causes it, then delivered by a background sender over SMTP.
//! With no SMTP server configured, coordinators read the outbox in the app.

pub mod body_links;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod private_links;
mod types;

pub use types::OutboxEmail;

#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod retention;
#[cfg(feature = "ssr")]
pub mod sender;
#[cfg(feature = "ssr")]
pub mod subjects;
#[cfg(feature = "ssr")]
pub mod transport;

#[cfg(feature = "ssr")]
pub use db::{enqueue, enqueue_with, Attachment, Email};
