//! The first three entries of every case's timeline.

use ccms_domain::access::Role;
use ccms_domain::complaint::{Action, Complaint};
use ccms_persistence::complaints::events::Event;
use ccms_persistence::journal::Journal;
use serde_json::json;

/// The first three entries of every timeline: filed, routed, and the routing move.
pub(super) fn record_intake(
    journal: &mut Journal,
    case: &Complaint,
    role: &Role,
    actor: &str,
    first: Action,
) {
    let at = case.created_at;
    let entry = |actor: &str, role: &str, kind: &str| Event {
        seq: 0,
        complaint_id: case.id,
        at,
        actor: actor.to_owned(),
        role: role.to_owned(),
        kind: kind.to_owned(),
        action: None,
        from_state: None,
        to_state: None,
        staff_only: false,
        detail: json!({}),
    };
    let decision = serde_json::to_value(&case.routing).unwrap_or_default();
    let code = |value: serde_json::Result<serde_json::Value>| {
        value.ok().and_then(|v| v.as_str().map(str::to_owned))
    };
    journal.events.extend([
        Event {
            to_state: Some("submitted".into()),
            ..entry(actor, role.code(), "filed")
        },
        Event {
            detail: decision,
            ..entry("system", "system", "routed")
        },
        Event {
            action: code(serde_json::to_value(first)),
            from_state: Some("submitted".into()),
            to_state: code(serde_json::to_value(case.state)),
            ..entry("system", "system", "transition")
        },
    ]);
}
