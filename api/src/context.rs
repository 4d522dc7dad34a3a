//! What every handler can reach: the store, the clock, and a way to run database work off
//! the async executor with its audit entry in the same transaction.

use std::sync::Arc;

use actix_web::{HttpMessage, HttpRequest, web};
use ccms_persistence::audit::{self, AuditEntry};
use ccms_persistence::{DbConnection, Store};
use chrono::{DateTime, Utc};

use ccms_usecases::books::Books;

use crate::auth::Caller;
use crate::clock::Clock;
use crate::http::RequestId;
use crate::problem::ApiError;

pub struct AppContext {
    pub store: Store,
    pub clock: Arc<dyn Clock>,
    /// Where one-time codes go at once (case notices go through the dispatcher).
    pub gateway: Arc<crate::dispatch::Gateway>,
    /// How long access tokens live.
    pub access_ttl: chrono::Duration,
    /// Development conveniences (`dev_code`) are on.
    pub development: bool,
    /// The published versions of the routing and escalation policy.
    pub policies: Arc<crate::policy::PolicyBook>,
    /// The published holiday calendars, for the legal clocks.
    pub calendar: Arc<crate::calendar::CalendarBook>,
    /// Where evidence files are kept.
    pub evidence: crate::complaints::EvidenceStore,
    /// Where webhooks may be sent.
    pub destinations: ccms_domain::delivery::DestinationRules,
    /// How their host names are resolved.
    pub names: crate::dispatch::guard::Names,
    /// The key subscriptions' signing secrets are derived from.
    pub webhook_key: ccms_usecases::dispatch::WebhookKey,
    /// Public scorecards counted in the last minute.
    pub scorecards: crate::transparency::ScorecardCache,
    /// Where passwords, codes and client secrets are hashed and checked, a few at a time.
    pub hashing: Arc<crate::identity::HashGate>,
    /// The deployment's limit on each partner client (`partner_api_per_client`).
    pub partner_requests_per_minute: u32,
    /// A sandbox: an admin may move the clock forward (`CCMS_SANDBOX_CLOCK`).
    pub sandbox: bool,
}

pub use ccms_usecases::Actor;

/// The id of the request being served, as the request-id middleware assigned it.
pub fn request_id(request: &HttpRequest) -> Option<String> {
    request
        .extensions()
        .get::<RequestId>()
        .map(|id| id.0.clone())
}

/// The caller of a request, as the author of what it writes.
pub fn actor_of(caller: &Caller, request: &HttpRequest) -> Actor {
    Actor {
        id: caller.0.sub.clone(),
        role: caller.role().code().to_owned(),
        request_id: request_id(request),
    }
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

    /// Records an official's read of personal data in the audit log, one entry per record
    /// read, before the data is answered: a read that cannot be recorded is not answered.
    /// Consumers, businesses and partners reading their own cases are not recorded.
    pub async fn record_read(
        &self,
        caller: &Caller,
        request: &HttpRequest,
        (action, target_type): (&'static str, &'static str),
        targets: Vec<String>,
        detail: serde_json::Value,
    ) -> Result<(), ApiError> {
        if !caller.role().is_official() || targets.is_empty() {
            return Ok(());
        }
        let (actor, now) = (actor_of(caller, request), self.now());
        let entries: Vec<AuditEntry> = targets
            .into_iter()
            .map(|target| {
                let mut entry = actor.entry(now, action, target_type, target);
                entry.detail = detail.clone();
                entry
            })
            .collect();
        self.transaction(move |conn| Ok(audit::record_all(conn, entries)?))
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
