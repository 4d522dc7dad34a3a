//! Announcing outbox rows: each becomes a delivery for every subscription of its audience that
//! asked for its type (a disabled one's wait), and the notices it brings (`notices`: the
//! consumer's moments, the e-mail to a business that subscribed to nothing). Each row is announced under a savepoint: a row that cannot
//! be announced is logged and set aside, never allowed to hold up the rest.

use std::collections::HashMap;

use ccms_domain::delivery::{Audience, Delivery, DeliveryStatus, EventType, Owner, Subscription};
use ccms_persistence::db::savepoint;
use ccms_persistence::identity::partners;
use ccms_persistence::outbox::{self, OutboxMessage};
use ccms_persistence::registry::businesses;
use ccms_persistence::webhooks::{deliveries, subscriptions};
use ccms_persistence::{DbConnection, complaints, notifications};
use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::notices;
use crate::UseCaseError;

type Audiences = HashMap<Owner, Vec<Subscription>>;

pub(super) fn batch(
    conn: &mut DbConnection,
    now: DateTime<Utc>,
    limit: i64,
) -> Result<usize, UseCaseError> {
    let messages = outbox::lock_unannounced(conn, limit)?;
    let mut audiences = Audiences::new();
    for (seq, message) in &messages {
        let announced = savepoint(conn, |conn| one(conn, message, now, &mut audiences));
        if let Err(error) = announced {
            log::error!(
                "outbox row {seq} ({}) set aside: {error}",
                message.event_type
            );
        }
    }
    let seqs: Vec<i64> = messages.iter().map(|(seq, _)| *seq).collect();
    outbox::mark_announced(conn, &seqs, now)?;
    Ok(messages.len())
}

fn one(
    conn: &mut DbConnection,
    message: &OutboxMessage,
    now: DateTime<Utc>,
    audiences: &mut Audiences,
) -> Result<(), UseCaseError> {
    if let Some(event) = EventType::find(&message.event_type) {
        let mut listening: Vec<Uuid> = Vec::new();
        for owner in addressees(conn, event, message)? {
            if !audiences.contains_key(&owner) {
                let found = subscriptions::of_owner(conn, &owner)?;
                audiences.insert(owner.clone(), found);
            }
            for sub in audiences.get(&owner).into_iter().flatten() {
                if sub.hears(event) && !listening.contains(&sub.id) {
                    listening.push(sub.id);
                }
            }
        }
        if listening.is_empty() && event.audience == Audience::Agency {
            let notice = notices::to_agency(conn, event, message, now)?;
            notifications::queue(conn, &notice)?;
        }
        if !listening.is_empty() {
            let body = body_of(conn, message, now)?;
            let queued: Vec<Delivery> = listening
                .into_iter()
                .map(|subscription_id| Delivery {
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
                })
                .collect();
            deliveries::queue(conn, &queued)?;
        }
        let respondent_hears = message.business_id.is_some_and(|business| {
            audiences
                .get(&Owner::Business(business))
                .is_some_and(|subs| subs.iter().any(|s| s.hears(event)))
        });
        if !respondent_hears {
            let notice = notices::to_business(conn, event, message, now)?;
            notifications::queue(conn, &notice)?;
        }
    }
    let notices = notices::to_consumer(conn, message, now)?;
    notifications::queue(conn, &notices)?;
    let notices = notices::to_intake_operator(conn, message, now)?;
    notifications::queue(conn, &notices)?;
    Ok(())
}

/// Whose subscriptions may hear the event: the respondent business and, for a case a
/// marketplace pushed against one of its sellers, the marketplace too (never one it pushed
/// outside its marketplace); or the agency named in its data.
fn addressees(
    conn: &mut DbConnection,
    event: &EventType,
    message: &OutboxMessage,
) -> Result<Vec<Owner>, UseCaseError> {
    Ok(match event.audience {
        Audience::Business => {
            let mut owners: Vec<Owner> = message
                .business_id
                .map(Owner::Business)
                .into_iter()
                .collect();
            if let Some(id) = message.complaint_id
                && let Some(client) = complaints::pushed_by(conn, id)?
                && let Some((partner, _)) = partners::by_client_id(conn, &client)?
                && let Some(respondent) = message.business_id
                && partner.business_id != respondent
                && ccms_domain::access::filing::partner_reaches(
                    Some(partner.business_id),
                    crate::cases::respondent(&businesses::find(conn, respondent)?),
                )
            {
                owners.push(Owner::Business(partner.business_id));
            }
            owners
        }
        Audience::Agency => message
            .payload
            .pointer("/data/agency_code")
            .and_then(|code| code.as_str())
            .map(|code| Owner::Agency(code.to_owned()))
            .into_iter()
            .collect(),
    })
}

/// The exact JSON sent: the outbox payload, with the referral packet built into it for
/// `referral.packet`.
fn body_of(
    conn: &mut DbConnection,
    message: &OutboxMessage,
    now: DateTime<Utc>,
) -> Result<String, UseCaseError> {
    let mut payload = message.payload.clone();
    if message.event_type == "referral.packet"
        && let Some(id) = message.complaint_id
    {
        let case = complaints::find(conn, id)?;
        let packet = crate::packet::build(conn, &case, now)?;
        if let Some(data) = payload.get_mut("data").and_then(|d| d.as_object_mut()) {
            let packet =
                serde_json::to_value(packet).map_err(|e| UseCaseError::Broken(e.to_string()))?;
            data.insert("packet".into(), packet);
        }
    }
    serde_json::to_string(&payload).map_err(|e| UseCaseError::Broken(e.to_string()))
}
