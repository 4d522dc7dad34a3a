//! A webhook subscription and the deliveries made to it.

use chrono::{DateTime, Utc};
use serde::Serialize;
use uuid::Uuid;

use super::events::{Audience, EventType};

/// Who registered a subscription, and so which events it may hear.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Owner {
    /// A business (its agents and its partner client), for cases against it.
    Business(Uuid),
    /// A government agency (its regulators), for cases escalated or referred to it.
    Agency(String),
}

impl Owner {
    pub fn audience(&self) -> Audience {
        match self {
            Owner::Business(_) => Audience::Business,
            Owner::Agency(_) => Audience::Agency,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SubscriptionStatus {
    Active,
    /// Stopped after a run of failed attempts (or by its owner); pending deliveries wait.
    Disabled,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Subscription {
    pub id: Uuid,
    pub owner: Owner,
    pub url: String,
    pub event_types: Vec<String>,
    pub description: Option<String>,
    /// Mixed with the server's webhook key to give the signing secret; a new salt rotates it.
    pub secret_salt: String,
    pub status: SubscriptionStatus,
    /// Dispatcher rounds in a row in which every attempt to it failed.
    pub failure_run: u32,
    /// When the current run of failures began.
    pub failing_since: Option<DateTime<Utc>>,
    pub disabled_reason: Option<String>,
    pub created_by: String,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Subscription {
    /// Whether this subscription receives `event`. A disabled subscription still does: its
    /// deliveries wait until it is enabled again.
    pub fn hears(&self, event: &EventType) -> bool {
        event.audience == self.owner.audience() && self.event_types.iter().any(|t| t == event.code)
    }
}

/// When a failing subscription is disabled: after `rounds` failed rounds in a row that have
/// lasted at least `lasting`, so a receiver down for a short deploy is not cut off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DisableRule {
    pub rounds: u32,
    pub lasting: chrono::Duration,
}

impl DisableRule {
    pub fn disables(
        &self,
        run: u32,
        failing_since: Option<DateTime<Utc>>,
        now: DateTime<Utc>,
    ) -> bool {
        run >= self.rounds && failing_since.is_some_and(|since| now - since >= self.lasting)
    }
}

/// Most event types one subscription may list (repeats included).
pub const MAX_EVENT_TYPES: usize = 20;

/// Event type codes a subscriber asked for, checked against the catalogue and its audience.
pub fn check_event_types(owner: &Owner, asked: &[String]) -> Result<Vec<String>, crate::Invalid> {
    let mut issues = Vec::new();
    if asked.is_empty() || asked.len() > MAX_EVENT_TYPES {
        issues.push(crate::FieldError::new("event_types", "length"));
    }
    for (i, code) in asked.iter().enumerate() {
        match EventType::find(code) {
            Some(event) if event.audience == owner.audience() => {}
            Some(_) => issues.push(crate::FieldError::new(
                format!("event_types[{i}]"),
                "event_not_for_owner",
            )),
            None => issues.push(crate::FieldError::new(
                format!("event_types[{i}]"),
                "unknown_event_type",
            )),
        }
    }
    if !issues.is_empty() {
        return Err(crate::Invalid(issues));
    }
    let mut kept = asked.to_vec();
    kept.sort_unstable();
    kept.dedup();
    Ok(kept)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum DeliveryStatus {
    /// Waiting for its next attempt.
    Pending,
    /// The receiver answered 2xx.
    Delivered,
    /// Refused (4xx), or still failing a day after it was queued.
    Failed,
}

/// One event on its way to one subscription.
#[derive(Debug, Clone, PartialEq)]
pub struct Delivery {
    pub id: Uuid,
    pub subscription_id: Uuid,
    pub event_id: Uuid,
    pub event_type: String,
    /// The exact bytes sent and signed.
    pub body: String,
    pub status: DeliveryStatus,
    pub attempts: u32,
    pub next_attempt_at: Option<DateTime<Utc>>,
    pub queued_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
}

/// One try, as the delivery log shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Attempt {
    /// 1 for the first try of this delivery.
    pub attempt: u32,
    pub at: DateTime<Utc>,
    /// The receiver's HTTP status; absent when it could not be reached.
    pub status_code: Option<u16>,
    pub latency_ms: i64,
    /// Why it failed, when it did (a network error, a timeout, a refused address).
    pub error: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_subscription_is_disabled_only_after_enough_rounds_over_enough_time() {
        let rule = DisableRule {
            rounds: 3,
            lasting: chrono::Duration::hours(24),
        };
        let start = DateTime::<Utc>::UNIX_EPOCH;
        let later = |h| start + chrono::Duration::hours(h);
        assert!(!rule.disables(50, Some(start), later(2)), "a short outage");
        assert!(!rule.disables(2, Some(start), later(30)), "too few rounds");
        assert!(rule.disables(3, Some(start), later(24)));
        assert!(!rule.disables(3, None, later(24)));
    }

    #[test]
    fn a_business_cannot_subscribe_to_agency_events() {
        let owner = Owner::Business(Uuid::nil());
        let asked = vec![
            "complaint.created".to_owned(),
            "referral.packet".to_owned(),
            "x.y".to_owned(),
        ];
        let rules: Vec<_> = check_event_types(&owner, &asked)
            .unwrap_err()
            .0
            .into_iter()
            .map(|e| (e.field, e.rule))
            .collect();
        assert_eq!(
            rules,
            vec![
                ("event_types[1]".to_owned(), "event_not_for_owner"),
                ("event_types[2]".to_owned(), "unknown_event_type"),
            ]
        );
    }

    #[test]
    fn duplicate_event_types_are_kept_once() {
        let owner = Owner::Agency("BTRC".into());
        let asked = vec!["referral.packet".to_owned(), "referral.packet".to_owned()];
        assert_eq!(
            check_event_types(&owner, &asked).unwrap(),
            vec!["referral.packet".to_owned()]
        );
    }
}
