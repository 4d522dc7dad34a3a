//! A timeline entry by a person or the system: the domain's `Happening`, made a row by the store.

use ccms_domain::complaint::Complaint;
use ccms_domain::complaint::timeline::Happening;
use ccms_persistence::complaints::events::Event;
use chrono::{DateTime, Utc};

use crate::Actor;

/// `happening` on `case`'s timeline, by `actor` at `at`.
pub fn entry(case: &Complaint, actor: &Actor, at: DateTime<Utc>, happening: &Happening) -> Event {
    Event::of(case.id, at, (&actor.id, &actor.role), happening)
}
