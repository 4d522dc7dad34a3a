//! The published policy versions and holiday calendars, each version read once per process.

mod calendar;
mod in_force;
mod policy;

pub use calendar::{CalendarBook, publish_first};
pub use in_force::RECHECK;
pub use policy::{PolicyBook, publish_shipped};

/// The policy versions and holiday calendars a use case judges and times by.
pub struct Books<'a> {
    pub policies: &'a PolicyBook,
    pub calendars: &'a CalendarBook,
}
