//! Registering a webhook subscription: active from the start, with the salt its signing secret
//! is derived from, stored with its audit entry. Whose it is, which events it hears and whether
//! its address is public are checked before, at the edge and by the domain.

use ccms_domain::delivery::{Destination, Owner, Subscription, SubscriptionStatus};
use ccms_persistence::webhooks::subscriptions;
use ccms_persistence::{DbConnection, audit};
use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::{Actor, UseCaseError};

/// A subscription as its owner asks for it, its address and event types already checked.
pub struct Registration {
    pub owner: Owner,
    pub url: Destination,
    pub event_types: Vec<String>,
    pub description: Option<String>,
    /// Mixed with the deployment's webhook key to give the signing secret.
    pub secret_salt: String,
    pub actor: Actor,
}

/// Stores the new subscription at `now`, version 1, and answers it.
pub fn register(
    conn: &mut DbConnection,
    asked: Registration,
    now: DateTime<Utc>,
) -> Result<Subscription, UseCaseError> {
    let subscription = Subscription {
        id: Uuid::now_v7(),
        owner: asked.owner,
        url: asked.url.as_str().to_owned(),
        event_types: asked.event_types,
        description: asked.description,
        secret_salt: asked.secret_salt,
        status: SubscriptionStatus::Active,
        failure_run: 0,
        failing_since: None,
        disabled_reason: None,
        created_by: asked.actor.id.clone(),
        version: 1,
        created_at: now,
        updated_at: now,
    };
    subscriptions::insert(conn, &subscription)?;
    let entry = asked
        .actor
        .entry(now, "subscription.create", "subscription", subscription.id);
    audit::record(conn, entry)?;
    Ok(subscription)
}
