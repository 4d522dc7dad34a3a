//! Sending due deliveries: each taken under a lease, signed, POSTed, and its attempt logged;
//! a transient failure is tried again on the retry schedule, and a subscription whose rounds
//! keep failing is disabled and its owner told. One delivery's trouble never stops the others.

use std::collections::HashMap;
use std::time::Instant;

use ccms_domain::delivery::{
    Attempt, Attempted, Delivery, DeliveryStatus, Destination, Subscription, SubscriptionStatus,
};
use ccms_persistence::DbConnection;
use ccms_persistence::webhooks::deliveries::{self, Outcome};
use ccms_persistence::webhooks::subscriptions;
use futures_util::future::join_all;
use uuid::Uuid;

use super::{DispatchReport, Dispatcher, LEASE, SEND_BATCH, WebhookRequest, in_store, jitter};
use crate::UseCaseError;
use crate::clock::Clock;

use super::owner;

pub(super) async fn due(
    dispatcher: &Dispatcher,
    clock: &dyn Clock,
    report: &mut DispatchReport,
) -> Result<(), UseCaseError> {
    let now = clock.now();
    let (taken, subs) = in_store(&dispatcher.store, move |conn| {
        let taken = deliveries::take_due(conn, now, LEASE, SEND_BATCH)?;
        let mut subs: HashMap<Uuid, Subscription> = HashMap::new();
        for d in &taken {
            if let std::collections::hash_map::Entry::Vacant(slot) = subs.entry(d.subscription_id) {
                slot.insert(subscriptions::find(conn, d.subscription_id)?);
            }
        }
        Ok((taken, subs))
    })
    .await?;
    let sends = taken.into_iter().filter_map(|d| {
        let sub = subs.get(&d.subscription_id)?.clone();
        Some(async move {
            let attempt = attempt(dispatcher, &d, &sub, clock).await;
            (d, sub, attempt)
        })
    });
    // Each subscription's round: did any attempt succeed, did any fail?
    let mut rounds: HashMap<Uuid, (Subscription, bool, bool)> = HashMap::new();
    for (delivery, sub, attempt) in join_all(sends).await {
        let outcome = outcome_of(dispatcher, &delivery, &attempt);
        let delivered = outcome.status == DeliveryStatus::Delivered;
        if delivered {
            report.delivered += 1;
        } else {
            report.failed_attempts += 1;
        }
        let round = rounds.entry(sub.id).or_insert((sub, false, false));
        round.1 |= delivered;
        round.2 |= !delivered;
        let recorded = in_store(&dispatcher.store, move |conn| {
            Ok(deliveries::record(conn, &delivery, &attempt, outcome)?)
        })
        .await;
        if recorded.is_err() {
            log::error!("dispatcher: an attempt could not be recorded: {recorded:?}");
        }
    }
    for (sub, succeeded, failed) in rounds.into_values() {
        let (now, rule) = (clock.now(), dispatcher.rules.disable);
        let counted = in_store(&dispatcher.store, move |conn| {
            count_round(conn, &sub, succeeded || !failed, now, rule)
        })
        .await;
        match counted {
            Ok(disabled) => report.disabled += usize::from(disabled),
            other => log::error!("dispatcher: a round could not be counted: {other:?}"),
        }
    }
    Ok(())
}

/// One signed POST; never fails, whatever the receiver does: the attempt says what happened.
async fn attempt(
    dispatcher: &Dispatcher,
    delivery: &Delivery,
    sub: &Subscription,
    clock: &dyn Clock,
) -> Attempt {
    let (started, at) = (Instant::now(), clock.now());
    // Signed at the receiver's idea of now, which a sandbox's moved clock is not.
    let sent = send(dispatcher, delivery, sub, clock.wall().timestamp()).await;
    let latency_ms = i64::try_from(started.elapsed().as_millis()).unwrap_or(i64::MAX);
    let (status_code, error) = match sent {
        Ok(status) => (Some(status), None),
        Err(error) => (None, Some(error)),
    };
    Attempt {
        attempt: delivery.attempts,
        at,
        status_code,
        latency_ms,
        error,
    }
}

async fn send(
    dispatcher: &Dispatcher,
    delivery: &Delivery,
    sub: &Subscription,
    timestamp: i64,
) -> Result<u16, String> {
    // An address literal never reaches the resolver: check it here, as at subscription time.
    let destination =
        Destination::parse(&sub.url, &dispatcher.rules.destinations).map_err(|e| {
            format!(
                "destination refused: {}",
                e.0.first().map_or("invalid", |f| f.rule)
            )
        })?;
    let secret = dispatcher.rules.key.secret_for(sub.id, &sub.secret_salt);
    let id = delivery.event_id.to_string();
    let signature = secret.sign(&id, timestamp, &delivery.body);
    let request = WebhookRequest {
        destination: &destination,
        headers: vec![
            ("content-type", "application/json".to_owned()),
            ("webhook-id", id),
            ("webhook-timestamp", timestamp.to_string()),
            ("webhook-signature", signature),
        ],
        body: &delivery.body,
    };
    dispatcher.courier.post(request).await
}

fn outcome_of(dispatcher: &Dispatcher, delivery: &Delivery, attempt: &Attempt) -> Outcome {
    let (status, next_attempt_at) = match Attempted::of_status(attempt.status_code) {
        Attempted::Delivered => (DeliveryStatus::Delivered, None),
        Attempted::Refused => (DeliveryStatus::Failed, None),
        Attempted::Transient => {
            match dispatcher
                .schedule
                .next_attempt(delivery.queued_at, attempt.at, jitter())
            {
                Some(next) => (DeliveryStatus::Pending, Some(next)),
                None => (DeliveryStatus::Failed, None),
            }
        }
    };
    Outcome {
        status,
        next_attempt_at,
    }
}

/// Counts the subscription's round and disables it when the rule says so. Returns whether it
/// did.
fn count_round(
    conn: &mut DbConnection,
    sub: &Subscription,
    succeeded: bool,
    now: chrono::DateTime<chrono::Utc>,
    rule: ccms_domain::delivery::DisableRule,
) -> Result<bool, UseCaseError> {
    let (run, since) = match subscriptions::count_round(conn, sub.id, succeeded, now) {
        Err(ccms_persistence::StoreError::NotFound) => return Ok(false),
        other => other?,
    };
    if !rule.disables(run, since, now) {
        return Ok(false);
    }
    let current = subscriptions::find(conn, sub.id)?;
    if current.status != SubscriptionStatus::Active {
        return Ok(false);
    }
    let reason = format!("{run} failed rounds in a row");
    let disabled = Subscription {
        status: SubscriptionStatus::Disabled,
        disabled_reason: Some(reason.clone()),
        updated_at: now,
        ..current.clone()
    };
    subscriptions::update(conn, &disabled, current.version)?;
    let actor = crate::Actor::system();
    let mut entry = actor.entry(now, "subscription.disabled", "subscription", sub.id);
    entry.detail = serde_json::json!({ "reason": reason });
    ccms_persistence::audit::record(conn, entry)?;
    owner::tell(conn, &disabled, now)?;
    Ok(true)
}
