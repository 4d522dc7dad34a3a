//! Every start, pause, resume and stop of a clock is an entry on the case's timeline.

use ccms_domain::complaint::Complaint;
use ccms_domain::complaint::clocks::{ClockChange, ClockKind, Clocks};
use ccms_persistence::DbConnection;
use ccms_persistence::complaints::events::{self, Event};
use chrono::{DateTime, Utc};
use serde_json::json;

use crate::problem::ApiError;

pub fn record(
    conn: &mut DbConnection,
    case: &Complaint,
    changes: &[(ClockKind, ClockChange)],
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    for (kind, change) in changes {
        let deadline = case
            .clocks
            .0
            .iter()
            .find(|c| c.kind == *kind)
            .and_then(|c| c.deadline);
        let event = Event {
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
            detail: json!({ "clock": kind, "change": change, "deadline": deadline, "source": Clocks::source(*kind) }),
        };
        events::append(conn, event)?;
    }
    Ok(())
}
