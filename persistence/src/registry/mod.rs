//! Queries of the registries.

pub mod agencies;
mod business_row;
pub mod businesses;
pub(crate) mod codes;
pub mod respondents;
