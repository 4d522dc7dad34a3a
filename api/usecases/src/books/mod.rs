//! The published policy versions and holiday calendars, each version read once per process.

mod calendar;
mod policy;

pub use calendar::{CalendarBook, publish_first};
pub use policy::{PolicyBook, publish_shipped};
