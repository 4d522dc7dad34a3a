//! What the subscription endpoints take and answer.

use ccms_domain::Invalid;
use ccms_domain::access::Disclosure;
use ccms_domain::delivery::{Attempt, Delivery, DeliveryStatus, Subscription, SubscriptionStatus};
use ccms_domain::text::Line;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;
use validator::Validate;

#[derive(Debug, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct NewSubscriptionBody {
    /// Where events are POSTed: `https://`, resolving to public addresses only (unless the
    /// deployment allows otherwise).
    #[schema(max_length = 2000, example = "https://hooks.example.com.bd/ccms")]
    pub url: String,
    /// Event types to receive; see the contract's `webhooks` for each one's payload.
    #[validate(length(min = 1, max = 20))]
    #[schema(min_items = 1, max_items = 20, example = json!(["complaint.created", "complaint.status_changed"]))]
    pub event_types: Vec<String>,
    /// Coordinators only, and required from them: the registered agency whose endpoint this
    /// is (for `referral.packet` and `referral.updated`).
    #[schema(max_length = 16, pattern = "^[A-Z0-9_]{2,16}$", example = "BTRC")]
    pub agency_code: Option<String>,
    /// A note for the owner's own use.
    #[validate(length(max = 200))]
    #[schema(max_length = 200)]
    pub description: Option<String>,
}

impl NewSubscriptionBody {
    /// The owner's note: none when blank, else one line of at most 200 characters.
    pub fn description(&self) -> Result<Option<String>, Invalid> {
        match self.description.as_deref().map(str::trim) {
            Some("") | None => Ok(None),
            Some(text) => Ok(Some(
                Line::<200>::parse(text)
                    .map_err(|e| e.at("description"))?
                    .as_str()
                    .to_owned(),
            )),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SubscriptionView {
    pub id: Uuid,
    pub url: String,
    pub event_types: Vec<String>,
    pub description: Option<String>,
    pub status: SubscriptionStatus,
    /// Failed attempts since the last success; at the deployment's limit the subscription
    /// is disabled.
    pub failure_run: u32,
    pub disabled_reason: Option<String>,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl SubscriptionView {
    /// The view as `reader` may see it: auditors get the address reduced to scheme and host
    /// (receivers often keep tokens in the path) and the owner's note scrubbed.
    pub fn for_reader(s: Subscription, reader: Disclosure) -> SubscriptionView {
        let url = reader.address(&s.url);
        let description = s.description.as_deref().map(|d| reader.text(d));
        SubscriptionView {
            url,
            description,
            ..SubscriptionView::from(s)
        }
    }
}

impl From<Subscription> for SubscriptionView {
    fn from(s: Subscription) -> Self {
        SubscriptionView {
            id: s.id,
            url: s.url,
            event_types: s.event_types,
            description: s.description,
            status: s.status,
            failure_run: s.failure_run,
            disabled_reason: s.disabled_reason,
            version: s.version,
            created_at: s.created_at,
            updated_at: s.updated_at,
        }
    }
}

/// A new subscription and its signing secret, which is shown this once.
#[derive(Debug, Serialize, ToSchema)]
pub struct SubscriptionCreated {
    pub subscription: SubscriptionView,
    /// `whsec_` and base64: give it to a Standard Webhooks library to verify each request.
    #[schema(example = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")]
    pub secret: String,
}

/// One event on its way to the subscription, with every attempt.
#[derive(Debug, Serialize, ToSchema)]
pub struct DeliveryView {
    pub id: Uuid,
    /// Also the `webhook-id` header: deduplicate by it.
    pub event_id: Uuid,
    pub event_type: String,
    pub status: DeliveryStatus,
    pub next_attempt_at: Option<DateTime<Utc>>,
    pub queued_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
    /// The request body as sent.
    #[schema(value_type = Object)]
    pub payload: serde_json::Value,
    pub attempts: Vec<Attempt>,
}

impl DeliveryView {
    pub fn new(d: Delivery, attempts: Vec<Attempt>) -> DeliveryView {
        DeliveryView {
            id: d.id,
            event_id: d.event_id,
            event_type: d.event_type,
            status: d.status,
            next_attempt_at: d.next_attempt_at,
            queued_at: d.queued_at,
            finished_at: d.finished_at,
            payload: serde_json::from_str(&d.body).unwrap_or(serde_json::Value::Null),
            attempts,
        }
    }
}
