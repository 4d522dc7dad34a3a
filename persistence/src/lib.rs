#![doc = include_str!("../README.md")]

pub mod audit;
pub mod authority;
pub mod backlog;
pub mod calendar;
pub mod collective;
pub mod complaints;
pub mod db;
mod error;
pub mod idempotency;
pub mod identity;
pub mod intake;
pub mod journal;
pub mod notifications;
pub mod outbox;
pub mod page;
pub mod policy;
pub mod privacy;
pub mod registry;
mod schema;
pub mod tallies;
pub mod transparency;
pub mod triage;
pub mod webhooks;

pub use db::{Backend, Batch, DbConnection, Store, StoreSettings};
pub use error::StoreError;
pub use page::{Page, PageRequest};
