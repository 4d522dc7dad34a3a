//! The time, injected: handlers and workers ask the clock, so tests can set it.

use std::sync::{Arc, Mutex};

use chrono::{DateTime, Duration, Utc};

pub trait Clock: Send + Sync {
    fn now(&self) -> DateTime<Utc>;

    /// Moves the time forward, where the clock allows it (a sandbox's, a test's); the system
    /// clock does not move.
    fn advance(&self, _by: Duration) -> bool {
        false
    }

    /// The time as parties outside CCMS reckon it, for what they check against their own
    /// clocks: a webhook signature's timestamp (receivers refuse one minutes away from theirs).
    /// Only a sandbox's moved clock answers something else here: the system's time.
    fn wall(&self) -> DateTime<Utc> {
        self.now()
    }
}

/// A sandbox's clock (`CCMS_SANDBOX_CLOCK`, never in production): the system's time plus how
/// far an admin has moved it, so integrators can watch deadlines fire without waiting days.
/// The offset lives in this process: every handler, token check, sweep and dispatch of it
/// follows, while a separate `ccms worker` would not.
#[derive(Default)]
pub struct SandboxClock {
    ahead_micros: std::sync::atomic::AtomicI64,
}

impl Clock for SandboxClock {
    fn now(&self) -> DateTime<Utc> {
        let ahead = self.ahead_micros.load(std::sync::atomic::Ordering::Acquire);
        SystemClock.now() + Duration::microseconds(ahead)
    }

    fn wall(&self) -> DateTime<Utc> {
        SystemClock.now()
    }

    fn advance(&self, by: Duration) -> bool {
        let micros = by.num_microseconds().unwrap_or(0).max(0);
        self.ahead_micros
            .fetch_add(micros, std::sync::atomic::Ordering::AcqRel);
        true
    }
}

pub struct SystemClock;

impl Clock for SystemClock {
    /// Truncated to microseconds, which both databases keep exactly, so a time the API
    /// answers with is the time it stored.
    fn now(&self) -> DateTime<Utc> {
        let now = Utc::now();
        DateTime::from_timestamp_micros(now.timestamp_micros()).unwrap_or(now)
    }
}

/// A clock that stands still until a test moves it.
#[derive(Clone)]
pub struct ManualClock(Arc<Mutex<DateTime<Utc>>>);

impl ManualClock {
    pub fn at(start: DateTime<Utc>) -> ManualClock {
        ManualClock(Arc::new(Mutex::new(start)))
    }

    pub fn advance(&self, by: Duration) {
        if let Ok(mut now) = self.0.lock() {
            *now += by;
        }
    }
}

impl Clock for ManualClock {
    fn now(&self) -> DateTime<Utc> {
        self.0
            .lock()
            .map(|now| *now)
            .unwrap_or_else(|poisoned| *poisoned.into_inner())
    }

    fn advance(&self, by: Duration) -> bool {
        ManualClock::advance(self, by);
        true
    }
}
