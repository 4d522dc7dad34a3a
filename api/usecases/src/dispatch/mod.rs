//! The dispatcher: turns committed outbox rows into webhook deliveries and consumer notices,
//! sends what is due, and logs every attempt. Runs inside `ccms serve` and in `ccms worker`.
//! Delivery is at least once: a process that dies between sending and recording sends again
//! after restart, so receivers deduplicate by `webhook-id` (the event id). On PostgreSQL
//! several processes share the work without taking the same row (`SKIP LOCKED` and leases).
//! What leaves CCMS goes through the `ports` the HTTP crate fills.

use std::sync::Arc;

use ccms_domain::delivery::{DestinationRules, DisableRule, RetrySchedule};
use ccms_persistence::{DbConnection, Store};

use crate::UseCaseError;
use crate::clock::Clock;

mod announce;
mod deliver;
mod notices;
mod notify;
mod owner;
pub mod ports;
pub mod signing;

pub use ports::{Courier, NoticeGateway, WebhookRequest};
pub use signing::{SigningSecret, WebhookKey};

/// Outbox rows announced per transaction.
const ANNOUNCE_BATCH: i64 = 200;
/// Deliveries (and notices) taken per round, sent concurrently.
const SEND_BATCH: i64 = 32;
/// How long a taken delivery is reserved for the process that took it; longer than any
/// request may take (the HTTP crate's webhook client gives up after 10 seconds).
const LEASE: chrono::Duration = chrono::Duration::seconds(60);

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

/// How a deployment delivers: the key secrets are derived from, where webhooks may go, when a
/// failing subscription is disabled.
pub struct DeliveryRules {
    pub key: WebhookKey,
    pub destinations: DestinationRules,
    pub disable: DisableRule,
}

pub struct Dispatcher {
    store: Store,
    rules: DeliveryRules,
    schedule: RetrySchedule,
    courier: Arc<dyn Courier>,
    gateway: Arc<dyn NoticeGateway>,
}

impl Dispatcher {
    pub fn new(
        store: Store,
        rules: DeliveryRules,
        courier: Arc<dyn Courier>,
        gateway: Arc<dyn NoticeGateway>,
    ) -> Dispatcher {
        Dispatcher {
            store,
            rules,
            schedule: RetrySchedule::default(),
            courier,
            gateway,
        }
    }

    /// One round: announce everything in the outbox, then send what is due. The clock is read
    /// at each step (taking, signing, recording), so a long backlog never makes a lease or a
    /// signature's timestamp stale.
    pub async fn run_once(&self, clock: &dyn Clock) -> Result<DispatchReport, UseCaseError> {
        let mut report = DispatchReport::default();
        loop {
            let now = clock.now();
            let announced = in_store(&self.store, move |conn| {
                announce::batch(conn, now, ANNOUNCE_BATCH)
            })
            .await?;
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
    async fn count(&self, report: &DispatchReport, clock: &dyn Clock) -> Result<(), UseCaseError> {
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
        let now = clock.now();
        in_store(&self.store, move |conn| {
            Ok(tallies::add(conn, &happened, now)?)
        })
        .await
    }
}

/// Runs `work` in one transaction on a blocking thread.
async fn in_store<T: Send + 'static>(
    store: &Store,
    work: impl FnOnce(&mut DbConnection) -> Result<T, UseCaseError> + Send + 'static,
) -> Result<T, UseCaseError> {
    let store = store.clone();
    tokio::task::spawn_blocking(move || store.transaction(work))
        .await
        .map_err(|e| UseCaseError::Broken(format!("dispatcher task: {e}")))?
}

/// A number in `[-1, 1]` to spread retries.
fn jitter() -> f64 {
    let mut bytes = [0u8; 4];
    if getrandom::fill(&mut bytes).is_err() {
        return 0.0;
    }
    f64::from(u32::from_le_bytes(bytes)) / f64::from(u32::MAX) * 2.0 - 1.0
}
