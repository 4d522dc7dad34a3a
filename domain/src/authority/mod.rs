//! The DNCRP stage: hearings, decisions, the compensation ledger and referrals to sector
//! regulators. Each is a small state machine written as a table, like the case lifecycle.

pub mod appeal;
pub mod assignment;
pub mod decision;
pub mod hearing;
pub mod ledger;
pub mod packet;
pub mod referral;
pub mod review;
mod settlement;

#[cfg(test)]
mod tests;

#[cfg(test)]
mod redress_tests;
