//! The slow hash that guards passwords, one-time codes and client secrets (argon2id with the
//! parameters OWASP recommends: 19 MiB of memory, 2 passes, 1 lane) is the costliest thing an
//! anonymous caller can ask for. So it runs on the blocking pool, never inside a transaction or
//! while a pooled connection is held; at most one per core runs at once, and a bounded number
//! wait. Past that the caller is told at once to come back (503 with `Retry-After`) rather than
//! queued without bound: a storm of wrong sign-ins then costs a fixed amount of memory and
//! leaves the rest of the service its database connections.

use std::sync::atomic::{AtomicUsize, Ordering};

use actix_web::web;
use tokio::sync::Semaphore;

use super::secrets::{hash_secret, verify_secret};
use crate::problem::ApiError;

pub struct HashGate {
    running: Semaphore,
    /// Hashes running or waiting.
    admitted: AtomicUsize,
    limit: usize,
}

/// Gives the admitted count back however the hash ends (even if the request is dropped).
struct Admission<'a>(&'a AtomicUsize);

impl Drop for Admission<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::AcqRel);
    }
}

impl HashGate {
    /// `slots` hashes at once (the cores), and up to `waiting` more queued behind them.
    pub fn new(slots: usize, waiting: usize) -> HashGate {
        let slots = slots.max(1);
        HashGate {
            running: Semaphore::new(slots),
            admitted: AtomicUsize::new(0),
            limit: slots + waiting,
        }
    }

    /// One slot per core, four waiting per slot (at least sixteen).
    pub fn for_this_machine() -> HashGate {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        HashGate::new(cores, (4 * cores).max(16))
    }

    async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, ApiError> {
        if self.admitted.fetch_add(1, Ordering::AcqRel) >= self.limit {
            self.admitted.fetch_sub(1, Ordering::AcqRel);
            return Err(ApiError::Overloaded);
        }
        let _admission = Admission(&self.admitted);
        let _slot = self
            .running
            .acquire()
            .await
            .map_err(|e| ApiError::Internal(e.to_string()))?;
        web::block(work)
            .await
            .map_err(|e| ApiError::Internal(e.to_string()))
    }

    /// Whether `secret` matches the stored PHC string.
    pub async fn verify(&self, secret: String, stored: String) -> Result<bool, ApiError> {
        self.run(move || verify_secret(&secret, &stored)).await
    }

    /// A PHC string for `secret`.
    pub async fn hash(&self, secret: String) -> Result<String, ApiError> {
        self.run(move || hash_secret(&secret)).await?
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn past_the_queue_a_hash_is_refused_at_once_and_the_place_is_given_back() {
        actix_web::rt::System::new().block_on(async {
            let gate = HashGate::new(1, 0);
            let (release, hold) = std::sync::mpsc::channel::<()>();
            let first = gate.run(move || hold.recv().is_ok());
            let second = async {
                // The first holds the only place: the second is refused without waiting.
                let refused = gate.run(|| true).await;
                release.send(()).ok();
                refused
            };
            let (first, second) = futures_util::future::join(first, second).await;
            assert!(first.unwrap());
            assert!(matches!(second, Err(ApiError::Overloaded)));
            assert!(gate.run(|| true).await.unwrap());
        });
    }
}
