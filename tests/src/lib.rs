#![doc = include_str!("../README.md")]
// Test support: a failed setup should stop the test loudly.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

pub mod bench;
mod database;
pub mod export_bench;
pub mod fixtures;
pub mod mixed_bench;
pub mod receiver;
mod server;

pub use database::TestDatabase;
pub use server::{Answer, TestApp, test_epoch};
