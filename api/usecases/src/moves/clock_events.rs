//! Every start, pause, resume, stop, reminder and breach of a clock is an entry on the case's
//! timeline; reminders and breaches are also announced through the outbox.

use ccms_domain::complaint::Complaint;
use ccms_domain::complaint::clocks::{ClockChange, ClockKind, Timing};
use ccms_persistence::complaints::events::Event;
use ccms_persistence::journal::Journal;
use chrono::{DateTime, Utc};
use serde_json::json;

use super::announce;

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
        journal.events.push(Event {
            seq: 0,
            complaint_id: case.id,
            at: now,
            actor: "system".into(),
            role: "system".into(),
            kind: "clock".into(),
            action: None,
            from_state: None,
            to_state: None,
            staff_only: false,
            detail: json!({ "clock": kind, "change": change, "deadline": deadline, "source": timing.source(*kind) }),
        });
        journal
            .outbox
            .extend(announce::deadline(case, *kind, *change, deadline, now));
    }
}
