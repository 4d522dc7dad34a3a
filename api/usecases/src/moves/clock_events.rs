//! Every start, pause, resume, stop, reminder and breach of a clock is an entry on the case's
//! timeline; reminders and breaches are also announced through the outbox.

use ccms_domain::complaint::Complaint;
use ccms_domain::complaint::clocks::{ClockChange, ClockKind, Timing};
use ccms_domain::complaint::timeline::Happening;
use ccms_persistence::journal::Journal;
use chrono::{DateTime, Utc};

use super::{announce, timeline};
use crate::Actor;

/// Notes `changes` to the clocks of `case` (as it stands after them, or before a breach).
pub fn record(
    journal: &mut Journal,
    case: &Complaint,
    changes: &[(ClockKind, ClockChange)],
    now: DateTime<Utc>,
    timing: &Timing<'_>,
) {
    for (kind, change) in changes {
        let deadline = case.clocks.deadline_of(*kind);
        let happening = Happening::Clock {
            clock: *kind,
            change: *change,
            deadline,
            source: timing.source(*kind).to_owned(),
        };
        journal
            .events
            .push(timeline::entry(case, &Actor::system(), now, &happening));
        journal
            .outbox
            .extend(announce::deadline(case, *kind, *change, deadline, now));
    }
}
