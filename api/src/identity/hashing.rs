//! The slow hash that guards passwords, one-time codes and client secrets (argon2id with the
//! parameters OWASP recommends: 19 MiB of memory, 2 passes, 1 lane) is the costliest thing an
//! anonymous caller can ask for. So every request that hashes first takes a place here: at most
//! one hash runs per core and a few requests wait; past that the request is answered
//! `503 overloaded` at once, before it touches the database. Sign-ins are bounded by this gate
//! instead of the server's general bound on requests in flight, so a storm of them cannot take
//! the places other requests need.
//!
//! Hashes run on the gate's own threads, one per core, never inside a transaction or while a
//! pooled connection is held. Few threads means few allocator arenas keep argon2's 19 MiB
//! blocks: memory stays flat however many sign-ins arrive.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex};

use super::secrets::{hash_secret, verify_secret};
use crate::problem::ApiError;

type Job = Box<dyn FnOnce() + Send>;

pub struct HashGate {
    jobs: Mutex<Sender<Job>>,
    /// Requests holding a place (hashing, waiting to, or doing the rest of their sign-in).
    admitted: Arc<AtomicUsize>,
    limit: usize,
}

/// A request's place at the gate, held from before its first database read to its answer.
pub struct Place(Arc<AtomicUsize>);

impl Drop for Place {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::AcqRel);
    }
}

impl HashGate {
    /// `threads` hashes at once and `places` requests admitted in all.
    pub fn new(threads: usize, places: usize) -> HashGate {
        let (jobs, queue) = channel::<Job>();
        let queue: Arc<Mutex<Receiver<Job>>> = Arc::new(Mutex::new(queue));
        for n in 0..threads.max(1) {
            let queue = queue.clone();
            let spawned = std::thread::Builder::new()
                .name(format!("ccms-hash-{n}"))
                .spawn(move || {
                    // Ends when the gate (the sender) is dropped.
                    while let Ok(job) = queue
                        .lock()
                        .map_err(drop)
                        .and_then(|q| q.recv().map_err(drop))
                    {
                        job();
                    }
                });
            if let Err(error) = spawned {
                log::error!("hash thread {n} could not start: {error}");
            }
        }
        HashGate {
            jobs: Mutex::new(jobs),
            admitted: Arc::new(AtomicUsize::new(0)),
            limit: places.max(1),
        }
    }

    /// A place, or `503 overloaded` at once.
    pub fn admit(&self) -> Result<Place, ApiError> {
        if self.admitted.fetch_add(1, Ordering::AcqRel) >= self.limit {
            self.admitted.fetch_sub(1, Ordering::AcqRel);
            return Err(ApiError::Overloaded);
        }
        Ok(Place(self.admitted.clone()))
    }

    async fn run<T: Send + 'static>(
        &self,
        _place: &Place,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, ApiError> {
        let (done, result) = tokio::sync::oneshot::channel();
        let job: Job = Box::new(move || {
            let _ = done.send(work());
        });
        self.jobs
            .lock()
            .map_err(|_| ApiError::Internal("hash queue poisoned".into()))?
            .send(job)
            .map_err(|_| ApiError::Internal("no hash thread".into()))?;
        result
            .await
            .map_err(|_| ApiError::Internal("a hash thread stopped".into()))
    }

    /// Whether `secret` matches the stored PHC string.
    pub async fn verify(
        &self,
        place: &Place,
        secret: String,
        stored: String,
    ) -> Result<bool, ApiError> {
        self.run(place, move || verify_secret(&secret, &stored))
            .await
    }

    /// A PHC string for `secret`.
    pub async fn hash(&self, place: &Place, secret: String) -> Result<String, ApiError> {
        self.run(place, move || hash_secret(&secret)).await?
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn past_its_places_the_gate_refuses_at_once_and_a_place_comes_back_when_dropped() {
        let gate = HashGate::new(1, 2);
        let first = gate.admit().unwrap();
        let second = gate.admit().unwrap();
        assert!(matches!(gate.admit(), Err(ApiError::Overloaded)));
        drop(first);
        let third = gate.admit().unwrap();
        actix_web::rt::System::new().block_on(async {
            let stored = gate.hash(&second, "a secret".into()).await.unwrap();
            assert!(
                gate.verify(&third, "a secret".into(), stored.clone())
                    .await
                    .unwrap()
            );
            assert!(!gate.verify(&third, "another".into(), stored).await.unwrap());
        });
    }
}
