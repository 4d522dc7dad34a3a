//! The contract's `webhooks` section: one entry per event type CCMS announces, with the
//! signature headers and the payload. A test validates real deliveries against it.

#![allow(dead_code)] // The payload types exist for their schemas; the outbox writes JSON.

use ccms_domain::authority::hearing::{HearingMode, HearingStatus};
use ccms_domain::authority::ledger::{ObligationKind, ObligationStatus};
use ccms_domain::authority::referral::ReferralStatus;
use ccms_domain::complaint::clocks::ClockKind;
use ccms_domain::complaint::{Action, Category, Channel, Decision, State};
use ccms_domain::delivery::EVENT_TYPES;
use chrono::{DateTime, Utc};
use serde_json::{Value, json};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::authority::packet::ReferralPacket;

/// The case an event is about.
#[derive(ToSchema)]
pub struct EventComplaint {
    pub id: Uuid,
    pub tracking_number: String,
    pub business_id: Uuid,
    pub state: State,
}

#[derive(ToSchema)]
pub struct CreatedData {
    pub category: Category,
    pub channel: Channel,
}

#[derive(ToSchema)]
pub struct StatusChangedData {
    pub from_state: State,
    pub to_state: State,
    pub action: Action,
}

#[derive(ToSchema)]
pub struct MessageAddedData {
    /// The writer's role; read the message on the case's timeline.
    pub role: String,
}

#[derive(ToSchema)]
pub struct DeadlineData {
    pub clock: ClockKind,
    pub deadline: Option<DateTime<Utc>>,
}

#[derive(ToSchema)]
pub struct HearingEventData {
    pub hearing_id: Uuid,
    pub scheduled_at: DateTime<Utc>,
    pub mode: HearingMode,
    pub status: HearingStatus,
}

#[derive(ToSchema)]
pub struct DecidedData {
    pub verdict: Decision,
    pub fine_poisha: i64,
    pub compensation_poisha: i64,
    pub appeal_until: DateTime<Utc>,
}

#[derive(ToSchema)]
pub struct ObligationEventData {
    pub obligation_id: Uuid,
    pub kind: ObligationKind,
    pub status: ObligationStatus,
    pub amount_poisha: i64,
    /// Present on `obligation.overdue`.
    pub due_at: Option<DateTime<Utc>>,
    /// The payment reference of a `paid` step, the reason of a `disputed` one.
    pub note: Option<String>,
}

#[derive(ToSchema)]
pub struct ReviewOverdueData {
    /// The agency whose officer reviews the case.
    pub agency_code: String,
    pub reviewer: Uuid,
    pub due_at: DateTime<Utc>,
}

#[derive(ToSchema)]
pub struct InfoRequestedData {
    /// What was asked.
    pub note: Option<String>,
}

#[derive(ToSchema)]
pub struct AppealedData {
    pub appeal_id: Uuid,
    /// Who appealed: `consumer` or `business`.
    pub party: ccms_domain::authority::ledger::Party,
    pub court: String,
    pub reference: String,
    pub filed_on: chrono::NaiveDate,
}

#[derive(ToSchema)]
pub struct PacketData {
    pub agency_code: String,
    /// Present when an officer made the referral.
    pub referral_id: Option<Uuid>,
    pub packet: ReferralPacket,
}

#[derive(ToSchema)]
pub struct ReferralEventData {
    pub referral_id: Uuid,
    pub agency_code: String,
    pub status: ReferralStatus,
}

/// Each event type's `data` schema.
const DATA: &[(&str, &str)] = &[
    ("complaint.created", "CreatedData"),
    ("complaint.status_changed", "StatusChangedData"),
    ("complaint.message_added", "MessageAddedData"),
    ("deadline.approaching", "DeadlineData"),
    ("deadline.breached", "DeadlineData"),
    ("hearing.scheduled", "HearingEventData"),
    ("hearing.rescheduled", "HearingEventData"),
    ("hearing.cancelled", "HearingEventData"),
    ("hearing.held", "HearingEventData"),
    ("complaint.decided", "DecidedData"),
    ("complaint.appealed", "AppealedData"),
    ("complaint.info_requested", "InfoRequestedData"),
    ("review.overdue", "ReviewOverdueData"),
    ("obligation.due_soon", "ObligationEventData"),
    ("obligation.updated", "ObligationEventData"),
    ("obligation.overdue", "ObligationEventData"),
    ("referral.packet", "PacketData"),
    ("referral.updated", "ReferralEventData"),
    ("business.surge_started", "SurgeData"),
    ("business.surge_ended", "SurgeData"),
    ("surge.started", "SurgeData"),
    ("surge.ended", "SurgeData"),
];

/// A surge of complaints against a business began or ended (events about a business, not one
/// case: they carry no `complaint`).
#[derive(ToSchema)]
pub struct SurgeData {
    pub surge: ccms_domain::collective::Surge,
    /// The directorate told (`surge.*` events only).
    pub agency_code: Option<String>,
}

const SIGNING: &str = "Signed as the Standard Webhooks specification says: `webhook-id` is the event id \
(deduplicate by it: delivery is at least once), `webhook-timestamp` the Unix time of sending, and \
`webhook-signature` is `v1,` and the base64 HMAC-SHA256, keyed with the subscription's secret (the \
base64 after `whsec_`), of `{webhook-id}.{webhook-timestamp}.{body}`. Any Standard Webhooks \
library verifies it. Answer 2xx to acknowledge; 5xx, 408, 429 and network errors are retried with \
exponential backoff and jitter for at least 24 hours, any other answer fails the delivery.";

/// The name of the component schema of one event type's whole payload.
pub fn event_schema_name(code: &str) -> String {
    let words: String = code
        .split(['.', '_'])
        .map(|w| {
            let mut chars = w.chars();
            chars.next().map_or(String::new(), |c| {
                c.to_ascii_uppercase().to_string() + chars.as_str()
            })
        })
        .collect();
    format!("{words}Event")
}

fn header(name: &str, description: &str, example: &str) -> Value {
    json!({
        "name": name, "in": "header", "required": true, "description": description,
        "schema": { "type": "string", "maxLength": 1000 }, "example": example,
    })
}

/// The payload schemas, one per event type, for the contract's components.
pub fn event_schemas() -> Vec<(String, Value)> {
    DATA.iter()
        .map(|(code, data)| {
            // An event about the business as a whole names no case.
            let required = if code.starts_with("business.") || code.starts_with("surge.") {
                json!(["id", "type", "occurred_at", "data"])
            } else {
                json!(["id", "type", "occurred_at", "complaint", "data"])
            };
            let schema = json!({
                "type": "object",
                "required": required,
                "properties": {
                    "id": { "type": "string", "format": "uuid", "description": "The event id; also `webhook-id`." },
                    "type": { "type": "string", "enum": [code] },
                    "occurred_at": { "type": "string", "format": "date-time" },
                    "complaint": { "$ref": "#/components/schemas/EventComplaint" },
                    "data": { "$ref": format!("#/components/schemas/{data}") },
                },
            });
            (event_schema_name(code), schema)
        })
        .collect()
}

/// The `webhooks` section: a POST to the subscriber's URL per event type.
pub fn section() -> Value {
    let mut section = serde_json::Map::new();
    for event in EVENT_TYPES {
        let name = event_schema_name(event.code);
        section.insert(event.code.to_owned(), json!({ "post": {
            "operationId": format!("on_{}", event.code.replace('.', "_")),
            "tags": ["events"],
            "summary": event.summary,
            // Receivers authenticate CCMS by the signature, not by credentials.
            "security": [],
            "description": format!("{} {SIGNING}", event.summary),
            "parameters": [
                header("webhook-id", "The event id; the same on every retry and replay.", "01938f4e-7a2b-7c3d-9e4f-5a6b7c8d9e0f"),
                header("webhook-timestamp", "Unix seconds when this attempt was sent.", "1764374400"),
                header("webhook-signature", "`v1,` and the base64 HMAC-SHA256 signature.", "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="),
            ],
            "requestBody": { "required": true, "content": { "application/json": {
                "schema": { "$ref": format!("#/components/schemas/{name}") },
            } } },
            "responses": { "200": { "description": "Received (any 2xx acknowledges it)." } },
        } }));
    }
    Value::Object(section)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_event_type_has_a_payload_schema() {
        for event in EVENT_TYPES {
            assert!(
                DATA.iter().any(|(code, _)| *code == event.code),
                "{}",
                event.code
            );
        }
        assert_eq!(DATA.len(), EVENT_TYPES.len());
        assert_eq!(
            event_schema_name("complaint.status_changed"),
            "ComplaintStatusChangedEvent"
        );
    }
}
