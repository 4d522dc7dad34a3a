//! Surges and collective matters: who is surging, the matters, their cases and timeline, and
//! the obligations a matter pays out.

pub mod matters;
pub mod payouts;
pub mod surges;
