//! Queries of complaints: intake with tracking numbers sequential per year, reading scoped to the caller,
//! moves with optimistic concurrency, and the append-only timeline.

mod cases;
pub mod contacts;
mod due;
pub mod duplicates;
pub mod events;
pub mod evidence;
mod moves;
mod recent;
pub mod redress;
mod row;
pub mod search;
mod tracking;

pub use cases::{
    ComplaintFilter, Visibility, find, find_by_tracking, find_open_duplicate, insert,
    insert_batched, list, lock, mark_routed, pushed_by,
};
pub(crate) use cases::{reached_business, visible_to};
pub use due::lock_due;
pub use moves::{CaseMove, record_moves};
pub use recent::filings_since;
pub(crate) use row::Row;
pub use tracking::next_tracking_number;
