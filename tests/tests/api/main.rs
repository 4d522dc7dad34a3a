//! One test binary for the whole API (one link step); a module per concern.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test helpers outside #[test] fns

mod access_matrix;
mod admin;
mod agencies;
mod audit;
mod auth_consumer;
mod auth_keys;
mod auth_partner;
mod auth_sms;
mod auth_staff;
mod auth_tokens;
mod authority;
mod businesses;
mod complaint_reading;
mod complaints;
mod contract;
mod cors;
mod deadlines;
mod evidence;
mod filing_limits;
mod filing_scope;
mod http_conventions;
mod http_hardening;
mod idempotency;
mod info_requests;
mod kill;
mod operations;
mod overload;
mod oversight;
mod pagination;
mod policy;
mod policy_versions;
mod races;
mod startup;
mod transparency;
mod webhooks;
