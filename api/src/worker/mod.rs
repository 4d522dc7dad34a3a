//! The deadline worker on the server's runtime: the sweep itself is a use case
//! (`ccms_usecases::sweep`); this runs it every `interval` inside `ccms serve`, then its
//! [`upkeep`] (as `ccms worker` does too): erasing what is past its retention, removing the
//! erased evidence bytes from the object store, and now and then collecting stray objects.

use std::sync::Arc;
use std::time::Duration;

pub use ccms_usecases::sweep::{DeadlineWorker, SweepReport};
use chrono::{DateTime, Utc};

use crate::evidence_store::{EvidenceStore, collect_orphans, remove_erased};
use crate::problem::cause_chain;

/// Rounds between two collections of stray objects (a listing of the whole store).
const COLLECT_EVERY: u64 = 60;

/// Whether round `round` collects stray objects, and at which wall-clock time (the store's
/// object times are in it, whatever clock the worker reads).
pub fn collects(round: u64) -> Option<DateTime<Utc>> {
    round.is_multiple_of(COLLECT_EVERY).then(Utc::now)
}

/// What one round did besides the sweep.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Upkeep {
    /// Cases whose personal data was erased (retention ran out).
    pub erased: usize,
    /// Evidence objects removed: of erased cases, and strays.
    pub objects_removed: usize,
}

/// Erases what is past its retention at `now` and removes the erased bytes; with `collect_at`
/// (the wall clock's time, which the store's object times are in), also every object whose
/// record is erased or missing (older than the grace). Failures are logged; the next round
/// tries again.
pub async fn upkeep(
    worker: &Arc<DeadlineWorker>,
    evidence: &EvidenceStore,
    now: DateTime<Utc>,
    collect_at: Option<DateTime<Utc>>,
) -> Upkeep {
    let mut done = Upkeep::default();
    let erasing = worker.clone();
    match actix_web::web::block(move || erasing.erase_expired(now)).await {
        Ok(Ok(erased)) => {
            done.erased = erased.len();
            done.objects_removed += remove_erased(evidence, &erased).await;
        }
        Ok(Err(error)) => log::error!("retention: {}", cause_chain(&error)),
        Err(error) => log::error!("retention: {error}"),
    }
    if let Some(wall) = collect_at {
        match collect_orphans(evidence, worker.store(), wall).await {
            Ok(removed) => done.objects_removed += removed,
            Err(error) => log::error!("evidence collector: {error:?}"),
        }
    }
    done
}

/// Sweeps every `interval` on the server's runtime until the server stops.
pub fn spawn(
    worker: DeadlineWorker,
    evidence: EvidenceStore,
    clock: Arc<dyn crate::clock::Clock>,
    interval: Duration,
) {
    let worker = Arc::new(worker);
    actix_web::rt::spawn(async move {
        let mut ticks = actix_web::rt::time::interval(interval);
        for round in 0_u64.. {
            ticks.tick().await;
            let (sweeping, now) = (worker.clone(), clock.now());
            match actix_web::web::block(move || sweeping.sweep(now)).await {
                Ok(Ok(report)) if report.total() > 0 => log::info!("deadline worker: {report:?}"),
                Ok(Ok(_)) => {}
                Ok(Err(error)) => log::error!("deadline worker: {}", cause_chain(&error)),
                Err(error) => log::error!("deadline worker: {error}"),
            }
            let done = upkeep(&worker, &evidence, now, collects(round)).await;
            if done != Upkeep::default() {
                log::info!("retention: {done:?}");
            }
        }
    });
}
