#![doc = include_str!("../README.md")]
// Test support: a failed setup should stop the test loudly.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod database;
pub mod fixtures;
pub mod mailbox;
pub mod receiver;
mod server;

pub use database::TestDatabase;
pub use server::{Answer, TestApp, test_epoch};
