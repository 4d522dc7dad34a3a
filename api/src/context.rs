//! What every handler can reach: the store, the clock, the policy and calendar versions, and a
//! way to run database work off the async executor with its audit entry in the same
//! transaction. It names no feature: a feature's own state (the evidence store, the hashing
//! gate, the SMS gateway, the webhook outlet, the scorecard cache) is its own `web::Data`,
//! registered in `application.rs` and taken by the handlers that need it.

use std::sync::Arc;

use actix_web::web;
use ccms_persistence::audit::{self, AuditEntry};
use ccms_persistence::{DbConnection, Store};
use chrono::{DateTime, Utc};

use ccms_usecases::books::{Books, CalendarBook, PolicyBook};

use crate::clock::Clock;
use crate::problem::ApiError;

pub struct AppContext {
    pub store: Store,
    pub clock: Arc<dyn Clock>,
    /// How long access tokens live.
    pub access_ttl: chrono::Duration,
    /// Development conveniences (`dev_code`) are on.
    pub development: bool,
    /// The published versions of the routing and escalation policy.
    pub policies: Arc<PolicyBook>,
    /// The published holiday calendars, for the legal clocks.
    pub calendar: Arc<CalendarBook>,
    /// The deployment's limit on each partner client (`partner_api_per_client`).
    pub partner_requests_per_minute: u32,
    /// A sandbox: an admin may move the clock forward (`CCMS_SANDBOX_CLOCK`).
    pub sandbox: bool,
}

pub use ccms_usecases::Actor;

/// Who reads personal data, for the audit log: the author of the entries, and whether the
/// reader is an official (only officials' reads are recorded). `Caller::read_by` makes it.
pub struct ReadBy {
    pub actor: Actor,
    pub official: bool,
}

impl AppContext {
    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    /// A rate rule as this deployment sets it: the domain's default, with the partner limit
    /// from the settings.
    pub fn rate_rule(&self, bucket: &str) -> Option<ccms_domain::identity::RateRule> {
        let mut rule = ccms_domain::identity::rate_rule(bucket)?;
        if bucket == "partner_api_per_client" {
            rule.limit = self.partner_requests_per_minute;
        }
        Some(rule)
    }

    /// Records an official's read of personal data in the audit log before the data is
    /// answered (a read that cannot be recorded is not answered): one entry for one record;
    /// for a page of several, one entry whose detail names them all (`shown`), found by each
    /// of them as its target. Consumers, businesses and partners reading their own cases are
    /// not recorded.
    pub async fn record_read(
        &self,
        ReadBy { actor, official }: ReadBy,
        (action, target_type): (&'static str, &'static str),
        targets: Vec<String>,
        detail: serde_json::Value,
    ) -> Result<(), ApiError> {
        if !official || targets.is_empty() {
            return Ok(());
        }
        let now = self.now();
        if let [target] = targets.as_slice() {
            let mut entry = actor.entry(now, action, target_type, target);
            entry.detail = detail;
            return self
                .transaction(move |conn| Ok(audit::record(conn, entry)?))
                .await;
        }
        let mut entry = actor.entry(now, action, target_type, "page");
        entry.detail = match detail {
            serde_json::Value::Object(mut fields) => {
                fields.insert("shown".into(), serde_json::json!(targets));
                serde_json::Value::Object(fields)
            }
            _ => serde_json::json!({ "shown": targets }),
        };
        self.transaction(move |conn| Ok(audit::record_page(conn, entry, &targets)?))
            .await
    }

    /// Runs `work` in one transaction on a blocking thread; any error rolls it all back.
    pub async fn transaction<T: Send + 'static>(
        &self,
        work: impl FnOnce(&mut DbConnection) -> Result<T, ApiError> + Send + 'static,
    ) -> Result<T, ApiError> {
        let store = self.store.clone();
        web::block(move || store.transaction(work))
            .await
            .map_err(|e| ApiError::Internal(e.to_string()))?
    }

    /// Runs a use case in one transaction, with the policy versions and holiday calendars it
    /// judges and times by.
    pub async fn use_case<T: Send + 'static>(
        &self,
        work: impl FnOnce(&mut DbConnection, &Books<'_>) -> Result<T, ApiError> + Send + 'static,
    ) -> Result<T, ApiError> {
        let (policies, calendars) = (self.policies.clone(), self.calendar.clone());
        self.transaction(move |conn| {
            let books = Books {
                policies: &policies,
                calendars: &calendars,
            };
            work(conn, &books)
        })
        .await
    }

    /// Runs read-only `work` on a blocking thread, without a transaction of its own.
    pub async fn read<T: Send + 'static>(
        &self,
        work: impl FnOnce(&mut DbConnection) -> Result<T, ApiError> + Send + 'static,
    ) -> Result<T, ApiError> {
        let store = self.store.clone();
        web::block(move || store.read(work))
            .await
            .map_err(|e| ApiError::Internal(e.to_string()))?
    }

    /// Runs a write and appends its audit entry, both in one transaction.
    pub async fn write<T: Send + 'static>(
        &self,
        work: impl FnOnce(&mut DbConnection) -> Result<T, ApiError> + Send + 'static,
        audit_entry: impl FnOnce(&T) -> AuditEntry + Send + 'static,
    ) -> Result<T, ApiError> {
        self.transaction(move |conn| {
            let done = work(conn)?;
            audit::record(conn, audit_entry(&done))?;
            Ok(done)
        })
        .await
    }
}
