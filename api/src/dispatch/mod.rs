//! The dispatcher: turns committed outbox rows into webhook deliveries and consumer notices,
//! sends what is due, and logs every attempt. Runs inside `ccms serve` and in `ccms worker`.
//! Delivery is at least once: a process that dies between sending and recording sends again
//! after restart, so receivers deduplicate by `webhook-id` (the event id). On PostgreSQL
//! several processes share the work without taking the same row (`SKIP LOCKED` and leases).

use std::sync::Arc;
use std::time::Duration;

use ccms_domain::delivery::{DestinationRules, DisableRule, RetrySchedule};
use ccms_persistence::Store;

use crate::clock::Clock;
use crate::problem::ApiError;
use crate::webhooks::signing::WebhookKey;

mod announce;
mod deliver;
mod gateway;
mod notify;
mod settings;

pub use gateway::Gateway;
pub use settings::{Allowance, DeliveryError, DeliverySettings};

/// Outbox rows announced per transaction.
const ANNOUNCE_BATCH: i64 = 200;
/// Deliveries (and notices) taken per round, sent concurrently.
const SEND_BATCH: i64 = 32;
/// How long a taken delivery is reserved for the process that took it; longer than any
/// request may take (`REQUEST_TIMEOUT`).
const LEASE: chrono::Duration = chrono::Duration::seconds(60);
const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);

/// What one round did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DispatchReport {
    /// Outbox rows turned into deliveries and notices.
    pub announced: usize,
    pub delivered: usize,
    /// Attempts that failed (to be retried or given up).
    pub failed_attempts: usize,
    /// Subscriptions disabled after a run of failures.
    pub disabled: usize,
    pub notices_sent: usize,
}

impl DispatchReport {
    pub fn total(&self) -> usize {
        self.announced + self.delivered + self.failed_attempts + self.notices_sent
    }
}

pub struct Dispatcher {
    store: Store,
    key: WebhookKey,
    rules: DestinationRules,
    disable: DisableRule,
    schedule: RetrySchedule,
    client: reqwest::Client,
    gateway: Gateway,
}

fn client(builder: reqwest::ClientBuilder) -> Result<reqwest::Client, DeliveryError> {
    builder
        .timeout(REQUEST_TIMEOUT)
        .redirect(reqwest::redirect::Policy::none())
        .user_agent("CCMS-Webhooks/1")
        .build()
        .map_err(|e| DeliveryError::HttpClient(e.to_string()))
}

impl Dispatcher {
    pub fn new(
        store: Store,
        settings: &DeliverySettings,
        production: bool,
    ) -> Result<Dispatcher, DeliveryError> {
        let rules = settings.destination_rules();
        // No proxy: a proxy would resolve the destination itself, around the address guard.
        let webhooks = client(reqwest::Client::builder().no_proxy().dns_resolver(Arc::new(
            crate::webhooks::guard::GuardedResolver(rules, settings.names.clone()),
        )))?;
        Ok(Dispatcher {
            store,
            key: settings.webhook_key(production)?,
            rules,
            disable: settings.disable_rule(),
            schedule: RetrySchedule::default(),
            client: webhooks,
            gateway: Gateway::from_settings(settings, production)?,
        })
    }

    /// One round: announce everything in the outbox, then send what is due. The clock is read
    /// at each step (taking, signing, recording), so a long backlog never makes a lease or a
    /// signature's timestamp stale.
    pub async fn run_once(&self, clock: &dyn Clock) -> Result<DispatchReport, ApiError> {
        let mut report = DispatchReport::default();
        loop {
            let (store, now) = (self.store.clone(), clock.now());
            let announced = actix_web::web::block(move || {
                store.transaction(|conn| announce::batch(conn, now, ANNOUNCE_BATCH))
            })
            .await
            .map_err(|e| ApiError::Internal(e.to_string()))??;
            report.announced += announced;
            if announced < usize::try_from(ANNOUNCE_BATCH).unwrap_or(usize::MAX) {
                break;
            }
        }
        deliver::due(self, clock, &mut report).await?;
        notify::due(self, clock, &mut report).await?;
        self.count(&report, clock).await?;
        Ok(report)
    }

    /// Adds the round's deliveries and notices to the running totals `/metrics` reports.
    async fn count(&self, report: &DispatchReport, clock: &dyn Clock) -> Result<(), ApiError> {
        use ccms_persistence::tallies::{self, names};
        let n = |count: usize| i64::try_from(count).unwrap_or(i64::MAX);
        let counts = [
            (names::DELIVERED, n(report.delivered)),
            (names::FAILED_ATTEMPTS, n(report.failed_attempts)),
            (names::SUBSCRIPTIONS_DISABLED, n(report.disabled)),
            (names::NOTICES_SENT, n(report.notices_sent)),
        ];
        let happened: Vec<(&str, i64)> = counts.into_iter().filter(|(_, c)| *c > 0).collect();
        if happened.is_empty() {
            return Ok(());
        }
        let (store, now) = (self.store.clone(), clock.now());
        actix_web::web::block(move || store.transaction(|conn| tallies::add(conn, &happened, now)))
            .await
            .map_err(|e| ApiError::Internal(e.to_string()))??;
        Ok(())
    }
}

/// Runs a round every `interval` on the server's runtime until the server stops.
pub fn spawn(dispatcher: Dispatcher, clock: Arc<dyn Clock>, interval: Duration) {
    actix_web::rt::spawn(async move {
        let mut ticks = actix_web::rt::time::interval(interval);
        loop {
            ticks.tick().await;
            match dispatcher.run_once(clock.as_ref()).await {
                Ok(report) if report.total() > 0 => log::info!("dispatcher: {report:?}"),
                Ok(_) => {}
                Err(error) => log::error!("dispatcher: {}", crate::problem::cause_chain(&error)),
            }
        }
    });
}

/// A number in `[-1, 1]` to spread retries.
fn jitter() -> f64 {
    let mut bytes = [0u8; 4];
    if getrandom::fill(&mut bytes).is_err() {
        return 0.0;
    }
    f64::from(u32::from_le_bytes(bytes)) / f64::from(u32::MAX) * 2.0 - 1.0
}
