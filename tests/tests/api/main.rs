//! One test binary for the whole API (one link step); a module per concern.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test helpers outside #[test] fns

mod agencies;
mod businesses;
mod contract;
mod http_conventions;
mod operations;
mod pagination;
mod startup;
