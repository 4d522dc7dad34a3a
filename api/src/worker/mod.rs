//! The deadline worker on the server's runtime: the sweep itself is a use case
//! (`ccms_usecases::sweep`); this runs it every `interval` inside `ccms serve`.

use std::sync::Arc;
use std::time::Duration;

pub use ccms_usecases::sweep::{DeadlineWorker, SweepReport};

use crate::problem::cause_chain;

/// Sweeps every `interval` on the server's runtime until the server stops.
pub fn spawn(worker: DeadlineWorker, clock: Arc<dyn crate::clock::Clock>, interval: Duration) {
    let worker = Arc::new(worker);
    actix_web::rt::spawn(async move {
        let mut ticks = actix_web::rt::time::interval(interval);
        loop {
            ticks.tick().await;
            let (worker, now) = (worker.clone(), clock.now());
            match actix_web::web::block(move || worker.sweep(now)).await {
                Ok(Ok(report)) if report.total() > 0 => log::info!("deadline worker: {report:?}"),
                Ok(Ok(_)) => {}
                Ok(Err(error)) => log::error!("deadline worker: {}", cause_chain(&error)),
                Err(error) => log::error!("deadline worker: {error}"),
            }
        }
    });
}
