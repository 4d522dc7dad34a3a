//! Timeline entries that are not moves: the DNCRP stage's records (`hearing`, `decision`,
//! `ledger`, `referral`, `feedback`).

use ccms_domain::complaint::Complaint;
use ccms_persistence::complaints::events::Event;
use chrono::{DateTime, Utc};
use serde_json::Value;

use crate::Actor;

/// An entry of `kind` on `case`'s timeline, by `actor` at `at`.
pub fn entry(
    case: &Complaint,
    actor: &Actor,
    at: DateTime<Utc>,
    kind: &str,
    detail: Value,
) -> Event {
    Event {
        seq: 0,
        complaint_id: case.id,
        at,
        actor: actor.id.clone(),
        role: actor.role.clone(),
        kind: kind.to_owned(),
        action: None,
        from_state: None,
        to_state: None,
        staff_only: false,
        detail,
    }
}
