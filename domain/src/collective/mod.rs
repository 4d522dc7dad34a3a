//! Many complaints against one business handled together: noticing a surge of them, a
//! collective matter with one officer, one hearing and one decision for all its cases, and the
//! payout of what that decision orders through a payment gateway or escrow agent.

pub mod matter;
pub mod payout;
pub mod surge;

pub use matter::{JoinRefusal, Matter, MatterDecision, MatterStatus, RefundBasis};
pub use payout::{PayoutLine, PayoutResult, Reconciled};
pub use surge::{Surge, SurgeNotice, SurgeRule, SurgeState};
