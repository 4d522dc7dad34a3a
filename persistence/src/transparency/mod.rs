//! Reading cases for the public: the open dataset's rows, a page at a time in id order (so a
//! full export streams in constant memory), and the staff statistics.

mod dataset;
mod redress;
pub mod responses;
mod scorecard;
mod statistics;

pub use dataset::{PublicFilter, public_rows};
pub use redress::{Cases, redress_of};
pub use scorecard::scorecard_counts;
pub use statistics::{Statistics, statistics};
