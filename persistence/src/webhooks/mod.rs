//! Webhook subscriptions, their deliveries and the log of every attempt.

pub mod deliveries;
pub mod subscriptions;
