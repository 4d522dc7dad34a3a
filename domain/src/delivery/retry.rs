//! When a failed delivery is tried again. Exponential backoff from one minute, capped at six
//! hours, each wait moved by up to a fifth either way so that a receiver coming back up is not
//! hit by every retry at once; retries continue until the delivery is at least a day old.

use chrono::{DateTime, Duration, Utc};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetrySchedule {
    pub first_wait: Duration,
    pub longest_wait: Duration,
    /// Retries continue until a delivery is this old, then it fails for good.
    pub give_up_after: Duration,
}

impl Default for RetrySchedule {
    fn default() -> Self {
        RetrySchedule {
            first_wait: Duration::minutes(1),
            longest_wait: Duration::hours(6),
            give_up_after: Duration::hours(24),
        }
    }
}

/// What one attempt came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attempted {
    /// The receiver answered 2xx.
    Delivered,
    /// A network error, a timeout, a 5xx, 408 or 429: worth trying again.
    Transient,
    /// Any other answer (a 4xx): the receiver refused it; trying again would not help.
    Refused,
}

impl Attempted {
    /// Classifies a receiver's answer; `None` is a network error or timeout.
    pub fn of_status(status: Option<u16>) -> Attempted {
        match status {
            Some(200..=299) => Attempted::Delivered,
            None | Some(408) | Some(429) | Some(500..=599) => Attempted::Transient,
            Some(_) => Attempted::Refused,
        }
    }
}

impl RetrySchedule {
    /// When to try again after the `attempts`-th failed attempt at `now`, for a delivery first
    /// queued at `queued_at`; `None` when it is time to give up. `jitter` is in `[-1, 1]`.
    pub fn next_attempt(
        &self,
        attempts: u32,
        queued_at: DateTime<Utc>,
        now: DateTime<Utc>,
        jitter: f64,
    ) -> Option<DateTime<Utc>> {
        if now - queued_at >= self.give_up_after {
            return None;
        }
        let doublings = attempts.saturating_sub(1).min(20);
        let base = self
            .first_wait
            .checked_mul(1 << doublings)
            .map_or(self.longest_wait, |w| w.min(self.longest_wait));
        let spread = base.num_milliseconds() as f64 * 0.2 * jitter.clamp(-1.0, 1.0);
        Some(now + base + Duration::milliseconds(spread as i64))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(hours: i64) -> DateTime<Utc> {
        DateTime::<Utc>::UNIX_EPOCH + Duration::hours(hours)
    }

    #[test]
    fn waits_double_from_one_minute_up_to_six_hours() {
        let s = RetrySchedule::default();
        let wait = |n| s.next_attempt(n, at(0), at(0), 0.0).map(|t| t - at(0));
        assert_eq!(wait(1), Some(Duration::minutes(1)));
        assert_eq!(wait(2), Some(Duration::minutes(2)));
        assert_eq!(wait(5), Some(Duration::minutes(16)));
        assert_eq!(wait(12), Some(Duration::hours(6)));
        assert_eq!(wait(60), Some(Duration::hours(6)));
    }

    #[test]
    fn jitter_moves_a_wait_by_at_most_a_fifth() {
        let s = RetrySchedule::default();
        let early = s.next_attempt(3, at(0), at(0), -1.0).map(|t| t - at(0));
        let late = s.next_attempt(3, at(0), at(0), 5.0).map(|t| t - at(0));
        assert_eq!(early, Some(Duration::seconds(192)));
        assert_eq!(late, Some(Duration::seconds(288)));
    }

    #[test]
    fn retries_last_at_least_a_day_then_stop() {
        let s = RetrySchedule::default();
        let (mut now, mut attempts) = (at(0), 1);
        while let Some(next) = s.next_attempt(attempts, at(0), now, 1.0) {
            now = next;
            attempts += 1;
        }
        assert!(now - at(0) >= Duration::hours(24));
        assert!(now - at(0) < Duration::hours(24) + Duration::hours(8));
        assert!(attempts > 10);
    }

    #[test]
    fn receivers_answers_are_classified() {
        assert_eq!(Attempted::of_status(Some(204)), Attempted::Delivered);
        assert_eq!(Attempted::of_status(None), Attempted::Transient);
        assert_eq!(Attempted::of_status(Some(503)), Attempted::Transient);
        assert_eq!(Attempted::of_status(Some(429)), Attempted::Transient);
        assert_eq!(Attempted::of_status(Some(404)), Attempted::Refused);
    }
}
