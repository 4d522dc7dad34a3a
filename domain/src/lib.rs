#![doc = include_str!("../README.md")]

pub mod access;
pub mod audit;
pub mod authority;
pub mod calendar;
pub mod collective;
pub mod complaint;
pub mod contact;
pub mod delivery;
pub mod error;
#[cfg(test)]
mod fixtures;
pub mod identity;
pub mod inbound;
pub mod intake;
pub mod privacy;
pub mod registry;
pub mod search;
pub mod text;
pub mod transparency;
pub mod triage;

pub use error::{Collector, FieldError, Invalid};
