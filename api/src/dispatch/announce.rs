//! Announcing outbox rows: each becomes a delivery for every active subscription of its
//! audience that asked for its type, and a notice for the consumer when it is one of the
//! moments consumers hear about. All in the transaction that marks the rows announced, so a
//! row is announced exactly once.

use std::collections::HashMap;

use ccms_domain::complaint::State;
use ccms_domain::delivery::notice::{self, Channel, Moment, Notice, NoticeStatus};
use ccms_domain::delivery::{Audience, Delivery, DeliveryStatus, EventType, Owner, Subscription};
use ccms_persistence::outbox::{self, OutboxMessage};
use ccms_persistence::webhooks::{deliveries, subscriptions};
use ccms_persistence::{DbConnection, complaints, notifications};
use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::problem::ApiError;

pub(super) fn batch(
    conn: &mut DbConnection,
    now: DateTime<Utc>,
    limit: i64,
) -> Result<usize, ApiError> {
    let messages = outbox::lock_unannounced(conn, limit)?;
    let mut audiences: HashMap<Owner, Vec<Subscription>> = HashMap::new();
    let (mut queued, mut notices) = (Vec::new(), Vec::new());
    for (_, message) in &messages {
        if let Some((event, owner)) = addressee(message) {
            if !audiences.contains_key(&owner) {
                let found = subscriptions::active_of(conn, &owner)?;
                audiences.insert(owner.clone(), found);
            }
            let listening: Vec<Uuid> = audiences
                .get(&owner)
                .map(|subs| {
                    subs.iter()
                        .filter(|s| s.hears(event))
                        .map(|s| s.id)
                        .collect()
                })
                .unwrap_or_default();
            if !listening.is_empty() {
                let body = body_of(conn, message, now)?;
                queued.extend(listening.into_iter().map(|subscription_id| Delivery {
                    id: Uuid::now_v7(),
                    subscription_id,
                    event_id: message.event_id,
                    event_type: message.event_type.clone(),
                    body: body.clone(),
                    status: DeliveryStatus::Pending,
                    attempts: 0,
                    next_attempt_at: Some(now),
                    queued_at: now,
                    finished_at: None,
                }));
            }
        }
        notices.extend(consumer_notices(conn, message, now)?);
    }
    deliveries::queue(conn, &queued)?;
    notifications::queue(conn, &notices)?;
    let seqs: Vec<i64> = messages.iter().map(|(seq, _)| *seq).collect();
    outbox::mark_announced(conn, &seqs, now)?;
    Ok(messages.len())
}

/// The event's catalogue entry and whose subscriptions may hear it.
fn addressee(message: &OutboxMessage) -> Option<(&'static EventType, Owner)> {
    let event = EventType::find(&message.event_type)?;
    let owner = match event.audience {
        Audience::Business => Owner::Business(message.business_id?),
        Audience::Agency => Owner::Agency(
            message
                .payload
                .pointer("/data/agency_code")?
                .as_str()?
                .to_owned(),
        ),
    };
    Some((event, owner))
}

/// The exact JSON sent: the outbox payload, with the referral packet built into it for
/// `referral.packet`.
fn body_of(
    conn: &mut DbConnection,
    message: &OutboxMessage,
    now: DateTime<Utc>,
) -> Result<String, ApiError> {
    let mut payload = message.payload.clone();
    if message.event_type == "referral.packet"
        && let Some(id) = message.complaint_id
    {
        let case = complaints::find(conn, id)?;
        let packet = crate::authority::packet::build(conn, &case, now)?;
        if let Some(data) = payload.get_mut("data").and_then(|d| d.as_object_mut()) {
            data.insert(
                "packet".into(),
                serde_json::to_value(packet).map_err(|e| ApiError::Internal(e.to_string()))?,
            );
        }
    }
    serde_json::to_string(&payload).map_err(|e| ApiError::Internal(e.to_string()))
}

/// An SMS (and an e-mail, if the consumer gave an address) when the event is a moment the
/// consumer hears about, in the language the case was filed in.
fn consumer_notices(
    conn: &mut DbConnection,
    message: &OutboxMessage,
    now: DateTime<Utc>,
) -> Result<Vec<Notice>, ApiError> {
    let to_state: Option<State> = message
        .payload
        .pointer("/data/to_state")
        .and_then(|s| serde_json::from_value(s.clone()).ok());
    let (Some(moment), Some(id)) = (
        Moment::of_event(&message.event_type, to_state),
        message.complaint_id,
    ) else {
        return Ok(Vec::new());
    };
    let case = complaints::find(conn, id)?;
    let (language, email) = complaints::contacts::find(conn, id)?;
    let text = notice::text(moment, language, case.tracking_number.as_str());
    let to = |channel, recipient: &str| Notice {
        id: Uuid::now_v7(),
        event_id: message.event_id,
        channel,
        recipient: recipient.to_owned(),
        language,
        text: text.clone(),
        status: NoticeStatus::Pending,
        attempts: 0,
        next_attempt_at: Some(now),
        created_at: now,
    };
    let mut notices = vec![to(Channel::Sms, case.consumer_phone.as_str())];
    if let Some(email) = email {
        notices.push(to(Channel::Email, &email));
    }
    Ok(notices)
}
