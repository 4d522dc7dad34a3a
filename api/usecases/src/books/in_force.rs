//! Which published version is in force, as this process last read it. A version never changes
//! once published, but a newer one may be published by another `ccms` process: the number is
//! asked of the database at most every `RECHECK`, and at once after this process publishes, so
//! a request does not spend a round trip on it.

use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

/// How long a process trusts the version in force it last read.
pub const RECHECK: Duration = Duration::from_secs(5);

#[derive(Default)]
pub struct InForce(Mutex<Option<(u32, Instant)>>);

impl InForce {
    /// The number in force: the one last read if it is fresh, else `read`'s (asked without
    /// the lock held, so no request waits on another's query).
    pub fn number<E>(&self, read: impl FnOnce() -> Result<u32, E>) -> Result<u32, E> {
        let trusted = *self.0.lock().unwrap_or_else(PoisonError::into_inner);
        match trusted {
            Some((number, read_at)) if read_at.elapsed() < RECHECK => Ok(number),
            _ => {
                let number = read()?;
                self.set(number);
                Ok(number)
            }
        }
    }

    /// This process has just published `number`: it applies here from now on.
    pub fn set(&self, number: u32) {
        *self.0.lock().unwrap_or_else(PoisonError::into_inner) = Some((number, Instant::now()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_request_asks_the_database_and_the_next_ones_trust_the_answer() {
        let in_force = InForce::default();
        assert_eq!(in_force.number(|| Ok::<u32, ()>(3)), Ok(3));
        assert_eq!(in_force.number(|| Err::<u32, ()>(())), Ok(3));
    }

    #[test]
    fn a_version_this_process_published_applies_at_once() {
        let in_force = InForce::default();
        assert_eq!(in_force.number(|| Ok::<u32, ()>(3)), Ok(3));
        in_force.set(4);
        assert_eq!(in_force.number(|| Ok::<u32, ()>(3)), Ok(4));
    }
}
