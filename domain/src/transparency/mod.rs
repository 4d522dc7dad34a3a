//! What the public may see: one row per case with no personal data, narratives scrubbed of
//! numbers and addresses that identify people, and each business's scorecard, computed from
//! those same rows so anyone can recompute it from the open dataset.

pub mod masking;
mod public_case;
mod redress;
pub mod response;
mod scorecard;
mod scrub;
mod statistics;

pub use public_case::{CaseRecord, PublicCase, dhaka_month};
pub use redress::{RedressFacts, RedressTally};
pub use scorecard::{Scorecard, ScorecardCounts, ScorecardTally};
pub use scrub::scrub;
pub use statistics::{ClockCompliance, Count, Statistics, TimeInState};
