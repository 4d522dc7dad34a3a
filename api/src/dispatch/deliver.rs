//! Sending due deliveries: each taken under a lease, signed, POSTed, and its attempt logged;
//! a transient failure is tried again on the retry schedule, and a subscription whose
//! failures run too long is disabled and its owner told.

use std::collections::HashMap;
use std::time::Instant;

use ccms_domain::delivery::notice::{Channel, Language, Notice, NoticeStatus, NoticeText};
use ccms_domain::delivery::{
    Attempt, Attempted, Delivery, DeliveryStatus, Destination, Owner, Subscription,
    SubscriptionStatus,
};
use ccms_persistence::registry::{agencies, businesses};
use ccms_persistence::webhooks::deliveries::{self, Outcome};
use ccms_persistence::webhooks::subscriptions;
use ccms_persistence::{DbConnection, notifications};
use chrono::{DateTime, Utc};
use futures_util::future::join_all;
use uuid::Uuid;

use super::{DispatchReport, Dispatcher, LEASE, SEND_BATCH, jitter};
use crate::problem::ApiError;

pub(super) async fn due(
    dispatcher: &Dispatcher,
    now: DateTime<Utc>,
    report: &mut DispatchReport,
) -> Result<(), ApiError> {
    let store = dispatcher.store.clone();
    let taken = actix_web::web::block(move || {
        store.transaction(|conn| {
            let taken = deliveries::take_due(conn, now, LEASE, SEND_BATCH)?;
            let mut subs: HashMap<Uuid, Subscription> = HashMap::new();
            for d in &taken {
                if let std::collections::hash_map::Entry::Vacant(slot) =
                    subs.entry(d.subscription_id)
                {
                    slot.insert(subscriptions::find(conn, d.subscription_id)?);
                }
            }
            Ok::<_, ApiError>((taken, subs))
        })
    })
    .await
    .map_err(|e| ApiError::Internal(e.to_string()))??;
    let (taken, subs) = taken;
    let sends = taken.iter().filter_map(|d| {
        let sub = subs.get(&d.subscription_id)?;
        Some(async move { (d, sub, attempt(dispatcher, d, sub, now).await) })
    });
    let results: Vec<(Delivery, Subscription, Attempt)> = join_all(sends)
        .await
        .into_iter()
        .map(|(d, s, a)| (d.clone(), s.clone(), a))
        .collect();
    for (delivery, sub, attempt) in results {
        let outcome = outcome_of(dispatcher, &delivery, &attempt, now);
        match outcome.status {
            DeliveryStatus::Delivered => report.delivered += 1,
            _ => report.failed_attempts += 1,
        }
        let store = dispatcher.store.clone();
        let disable_after = dispatcher.disable_after;
        let disabled = actix_web::web::block(move || {
            store
                .transaction(|conn| record(conn, &delivery, &sub, &attempt, outcome, disable_after))
        })
        .await
        .map_err(|e| ApiError::Internal(e.to_string()))??;
        report.disabled += usize::from(disabled);
    }
    Ok(())
}

/// One signed POST; never fails, whatever the receiver does: the attempt says what happened.
async fn attempt(
    dispatcher: &Dispatcher,
    delivery: &Delivery,
    sub: &Subscription,
    now: DateTime<Utc>,
) -> Attempt {
    let started = Instant::now();
    let sent = send(dispatcher, delivery, sub, now).await;
    let latency_ms = i64::try_from(started.elapsed().as_millis()).unwrap_or(i64::MAX);
    let (status_code, error) = match sent {
        Ok(status) => (Some(status), None),
        Err(error) => (None, Some(error)),
    };
    Attempt {
        attempt: delivery.attempts,
        at: now,
        status_code,
        latency_ms,
        error,
    }
}

async fn send(
    dispatcher: &Dispatcher,
    delivery: &Delivery,
    sub: &Subscription,
    now: DateTime<Utc>,
) -> Result<u16, String> {
    // An address literal never reaches the resolver: check it here, as at subscription time.
    let destination = Destination::parse(&sub.url, &dispatcher.rules).map_err(|e| {
        format!(
            "destination refused: {}",
            e.0.first().map_or("invalid", |f| f.rule)
        )
    })?;
    let secret = dispatcher.key.secret_for(sub.id, &sub.secret_salt);
    let id = delivery.event_id.to_string();
    let timestamp = now.timestamp();
    let response = dispatcher
        .client
        .post(destination.as_str())
        .header("content-type", "application/json")
        .header("webhook-id", &id)
        .header("webhook-timestamp", timestamp.to_string())
        .header(
            "webhook-signature",
            secret.sign(&id, timestamp, &delivery.body),
        )
        .body(delivery.body.clone())
        .send()
        .await
        .map_err(describe)?;
    Ok(response.status().as_u16())
}

/// A network error in words, without the URL (which may carry a receiver's token).
fn describe(error: reqwest::Error) -> String {
    let kind = if error.is_timeout() {
        "timeout"
    } else if error.is_connect() {
        "connection failed"
    } else {
        "request failed"
    };
    let mut cause = String::new();
    let mut source = std::error::Error::source(&error);
    while let Some(inner) = source {
        cause = inner.to_string();
        source = inner.source();
    }
    if cause.is_empty() {
        kind.to_owned()
    } else {
        format!("{kind}: {cause}")
    }
}

fn outcome_of(
    dispatcher: &Dispatcher,
    delivery: &Delivery,
    attempt: &Attempt,
    now: DateTime<Utc>,
) -> Outcome {
    match Attempted::of_status(attempt.status_code) {
        Attempted::Delivered => Outcome {
            status: DeliveryStatus::Delivered,
            next_attempt_at: None,
        },
        Attempted::Refused => Outcome {
            status: DeliveryStatus::Failed,
            next_attempt_at: None,
        },
        Attempted::Transient => match dispatcher.schedule.next_attempt(
            attempt.attempt,
            delivery.queued_at,
            now,
            jitter(),
        ) {
            Some(next) => Outcome {
                status: DeliveryStatus::Pending,
                next_attempt_at: Some(next),
            },
            None => Outcome {
                status: DeliveryStatus::Failed,
                next_attempt_at: None,
            },
        },
    }
}

/// Logs the attempt and its outcome; counts it against the subscription's run of failures and
/// disables the subscription when the run reaches `disable_after`. Returns whether it did.
fn record(
    conn: &mut DbConnection,
    delivery: &Delivery,
    sub: &Subscription,
    attempt: &Attempt,
    outcome: Outcome,
    disable_after: u32,
) -> Result<bool, ApiError> {
    if !deliveries::record(conn, delivery.id, attempt, outcome)? {
        return Ok(false);
    }
    let succeeded = outcome.status == DeliveryStatus::Delivered;
    let run = subscriptions::count_outcome(conn, sub.id, succeeded, attempt.at)?;
    if succeeded || run < disable_after {
        return Ok(false);
    }
    let current = subscriptions::find(conn, sub.id)?;
    if current.status != SubscriptionStatus::Active {
        return Ok(false);
    }
    let reason = format!("{run} failed attempts in a row");
    let disabled = Subscription {
        status: SubscriptionStatus::Disabled,
        disabled_reason: Some(reason.clone()),
        updated_at: attempt.at,
        ..current.clone()
    };
    subscriptions::update(conn, &disabled, current.version)?;
    let actor = crate::worker::system();
    let mut entry = actor.entry(attempt.at, "subscription.disabled", "subscription", sub.id);
    entry.detail = serde_json::json!({ "reason": reason });
    ccms_persistence::audit::record(conn, entry)?;
    tell_owner(conn, &disabled, attempt.at)?;
    Ok(true)
}

/// An e-mail to the owner's registered contact address, in both languages.
fn tell_owner(
    conn: &mut DbConnection,
    sub: &Subscription,
    at: DateTime<Utc>,
) -> Result<(), ApiError> {
    let contact = match &sub.owner {
        Owner::Business(id) => businesses::find(conn, *id)?
            .details
            .contact
            .email
            .map(|e| e.as_str().to_owned()),
        Owner::Agency(code) => {
            let code =
                ccms_domain::registry::AgencyCode::parse(code).map_err(|_| ApiError::NotFound)?;
            agencies::find_by_code(conn, &code)?
                .details
                .contact_email
                .map(|e| e.as_str().to_owned())
        }
    };
    let Some(recipient) = contact else {
        log::warn!(
            "subscription {} disabled; its owner has no contact e-mail",
            sub.id
        );
        return Ok(());
    };
    let text = NoticeText {
        subject: "CCMS webhook subscription disabled / CCMS ওয়েবহুক সাবস্ক্রিপশন বন্ধ".into(),
        body: format!(
            "CCMS stopped delivering to {url} after {reason}. Deliveries wait; enable the subscription (POST /api/v1/subscriptions/{id}/enable) once the receiver works.\n\nCCMS {url}-এ পাঠানো বন্ধ করেছে ({reason})। বার্তাগুলো অপেক্ষায় আছে; রিসিভার ঠিক হলে সাবস্ক্রিপশনটি আবার চালু করুন।",
            url = sub.url,
            reason = sub.disabled_reason.clone().unwrap_or_default(),
            id = sub.id,
        ),
    };
    notifications::queue(
        conn,
        &[Notice {
            id: Uuid::now_v7(),
            event_id: Uuid::now_v7(),
            channel: Channel::Email,
            recipient,
            language: Language::En,
            text,
            status: NoticeStatus::Pending,
            attempts: 0,
            next_attempt_at: Some(at),
            created_at: at,
        }],
    )?;
    Ok(())
}
