//! Personal data over its life: what one consumer's export reads (`export`), the legal holds
//! coordinators place (`holds`), and the erasure of a case's personal data (`erasure`).

pub mod erasure;
mod export;
pub mod holds;
mod notices;
mod texts;

pub use export::*;
