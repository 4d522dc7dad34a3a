//! The outbox messages a case change announces: to the business's subscriptions (webhooks) and,
//! later, to the consumer (notifications). Receivers deduplicate by `event_id`.

use ccms_domain::complaint::clocks::{ClockChange, ClockKind};
use ccms_domain::complaint::{Action, Complaint, State};
use ccms_persistence::outbox::OutboxMessage;
use chrono::{DateTime, Utc};
use serde_json::{Value, json};
use uuid::Uuid;

/// An event about `case`, with `data` particular to its type. A case that never reached its
/// business (held for its caller's code, or closed unconfirmed) is news to its consumer only.
pub fn message(
    case: &Complaint,
    event_type: &str,
    at: DateTime<Utc>,
    data: Value,
) -> OutboxMessage {
    let event_id = Uuid::now_v7();
    OutboxMessage {
        event_id,
        event_type: event_type.to_owned(),
        complaint_id: Some(case.id),
        business_id: case.reached_business().then_some(case.filing.business_id),
        payload: json!({
            "id": event_id,
            "type": event_type,
            "occurred_at": at,
            "complaint": {
                "id": case.id,
                "tracking_number": case.tracking_number.as_str(),
                "business_id": case.filing.business_id,
                "state": case.state,
            },
            "data": data,
        }),
        created_at: at,
    }
}

/// An event for an agency (the referral packet, a regulator's step): addressed to the agency in
/// its data, never to the respondent business's subscriptions.
pub fn to_agency(
    case: &Complaint,
    event_type: &str,
    at: DateTime<Utc>,
    data: Value,
) -> OutboxMessage {
    OutboxMessage {
        business_id: None,
        ..message(case, event_type, at, data)
    }
}

/// A case was filed.
pub fn created(case: &Complaint, at: DateTime<Utc>) -> OutboxMessage {
    message(
        case,
        "complaint.created",
        at,
        json!({ "category": case.filing.category, "channel": case.filing.channel }),
    )
}

/// A move changed the case's state.
pub fn status_changed(
    after: &Complaint,
    from: State,
    action: Action,
    at: DateTime<Utc>,
) -> OutboxMessage {
    message(
        after,
        "complaint.status_changed",
        at,
        json!({ "from_state": from, "to_state": after.state, "action": action }),
    )
}

/// A clock's reminder fired, or it ran out.
pub fn deadline(
    case: &Complaint,
    kind: ClockKind,
    change: ClockChange,
    deadline: Option<DateTime<Utc>>,
    at: DateTime<Utc>,
) -> Option<OutboxMessage> {
    let event_type = match change {
        ClockChange::Approaching => "deadline.approaching",
        ClockChange::Breached => "deadline.breached",
        _ => return None,
    };
    Some(message(
        case,
        event_type,
        at,
        json!({ "clock": kind, "deadline": deadline }),
    ))
}
