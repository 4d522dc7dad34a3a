//! Records of the DNCRP stage: hearings, decisions, the compensation ledger, referrals and
//! consumer feedback. Every change here is written in the caller's transaction, with the case
//! move, timeline and audit entries that go with it.

pub mod appeals;
pub mod assignment;
pub mod decisions;
pub mod feedback;
pub mod hearings;
pub mod obligations;
pub mod referrals;
pub mod reviews;
