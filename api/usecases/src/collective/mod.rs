//! Surges and collective matters: noticing a surge (the worker), opening a matter and adding
//! cases to it, one decision for all its cases, and paying out what it ordered.

pub mod deciding;
pub mod hearing;
pub mod joining;
pub mod matters;
pub mod payouts;
pub mod surging;
