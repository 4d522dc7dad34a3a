//! Triage: where the backlog stands. Open cases by age and state, each officer's and office's
//! open cases and overdue deadlines, each regulator's referrals by step and age, each
//! business's open cases by the clock running on them. Counted here from the rows the store
//! streams, so every backend counts the same and memory holds only the totals.

mod age;
mod tally;

pub use age::{AGE_BUCKETS, age_bucket};
pub use tally::{OpenCase, OpenReferral, Triage, TriageRow};
