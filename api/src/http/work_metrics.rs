//! The background work as metrics: the deadline worker's sweeps (the last one's time, cases
//! moved), webhook deliveries by outcome and consumer notices sent. Read from the database's
//! running totals (`worker_tallies`), so any API process reports the work of every process,
//! a separate `ccms worker` included.

use ccms_persistence::tallies::{Tally, names as tally};
use prometheus::{Gauge, IntCounter, IntCounterVec, Opts, Registry};

#[derive(Clone)]
pub struct WorkMetrics {
    last_sweep: Gauge,
    sweeps: IntCounter,
    cases_moved: IntCounter,
    deliveries: IntCounterVec,
    notices: IntCounter,
}

impl WorkMetrics {
    pub fn register(registry: &Registry) -> Result<WorkMetrics, prometheus::Error> {
        let work = WorkMetrics {
            last_sweep: Gauge::new(
                "worker_last_sweep_timestamp_seconds",
                "When the deadline worker last finished a sweep (Unix time; 0 before the first)",
            )?,
            sweeps: IntCounter::new("worker_sweeps_total", "Deadline sweeps finished")?,
            cases_moved: IntCounter::new(
                "worker_cases_moved_total",
                "Cases the deadline worker moved: escalated, closed, flagged, expired, reminded, and obligations made overdue",
            )?,
            deliveries: IntCounterVec::new(
                Opts::new(
                    "webhook_deliveries_total",
                    "Webhook delivery attempts by outcome (delivered, failed) and subscriptions disabled after a run of failures",
                ),
                &["outcome"],
            )?,
            notices: IntCounter::new("notices_sent_total", "Consumer notices (SMS, e-mail) sent")?,
        };
        registry.register(Box::new(work.last_sweep.clone()))?;
        registry.register(Box::new(work.sweeps.clone()))?;
        registry.register(Box::new(work.cases_moved.clone()))?;
        registry.register(Box::new(work.deliveries.clone()))?;
        registry.register(Box::new(work.notices.clone()))?;
        // Each outcome shown from the start (at 0), so a dashboard's rate has a series to read.
        for outcome in ["delivered", "failed", "subscription_disabled"] {
            work.deliveries.with_label_values(&[outcome]);
        }
        Ok(work)
    }

    /// Brings each counter up to its stored total (totals only grow).
    pub fn set(&self, tallies: &[Tally]) {
        for tally in tallies {
            let counter = match tally.name.as_str() {
                tally::SWEEPS => {
                    self.last_sweep
                        .set(tally.updated_at.timestamp_millis() as f64 / 1000.0);
                    self.sweeps.clone()
                }
                tally::CASES_MOVED => self.cases_moved.clone(),
                tally::DELIVERED => self.deliveries.with_label_values(&["delivered"]),
                tally::FAILED_ATTEMPTS => self.deliveries.with_label_values(&["failed"]),
                tally::SUBSCRIPTIONS_DISABLED => self
                    .deliveries
                    .with_label_values(&["subscription_disabled"]),
                tally::NOTICES_SENT => self.notices.clone(),
                _ => continue,
            };
            let behind = u64::try_from(tally.total)
                .unwrap_or(0)
                .saturating_sub(counter.get());
            counter.inc_by(behind);
        }
    }
}
