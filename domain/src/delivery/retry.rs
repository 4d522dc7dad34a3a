//! When a failed delivery is tried again. The wait grows with the delivery's age: as long as
//! it has waited so far, at least a minute and at most six hours, so the waits double (1, 1,
//! 2, 4, 8 minutes, ...) whatever the attempt count, and a replayed delivery starts again from a
//! minute. Each wait moves by up to a fifth either way, so a receiver coming back up is not hit
//! by every retry at once. Retries continue until the delivery is at least a day old.

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
    /// When to try again after a failed attempt at `now`, for a delivery (re)queued at
    /// `queued_at`; `None` when it is time to give up. `jitter` is in `[-1, 1]`.
    pub fn next_attempt(
        &self,
        queued_at: DateTime<Utc>,
        now: DateTime<Utc>,
        jitter: f64,
    ) -> Option<DateTime<Utc>> {
        let age = now - queued_at;
        if age >= self.give_up_after {
            return None;
        }
        let base = age.clamp(self.first_wait, self.longest_wait);
        let spread = base.num_milliseconds() as f64 * 0.2 * jitter.clamp(-1.0, 1.0);
        Some(now + base + Duration::milliseconds(spread as i64))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(minutes: i64) -> DateTime<Utc> {
        DateTime::<Utc>::UNIX_EPOCH + Duration::minutes(minutes)
    }

    #[test]
    fn waits_double_from_one_minute_up_to_six_hours() {
        let s = RetrySchedule::default();
        let (mut now, mut waits) = (at(0), Vec::new());
        while let Some(next) = s.next_attempt(at(0), now, 0.0) {
            waits.push((next - now).num_minutes());
            now = next;
        }
        assert_eq!(&waits[..8], &[1, 1, 2, 4, 8, 16, 32, 64]);
        assert!(waits.iter().all(|w| *w <= 360));
        assert!(now - at(0) >= Duration::hours(24));
    }

    #[test]
    fn jitter_moves_a_wait_by_at_most_a_fifth() {
        let s = RetrySchedule::default();
        let early = s.next_attempt(at(0), at(4), -1.0).map(|t| t - at(4));
        let late = s.next_attempt(at(0), at(4), 5.0).map(|t| t - at(4));
        assert_eq!(early, Some(Duration::seconds(192)));
        assert_eq!(late, Some(Duration::seconds(288)));
    }

    #[test]
    fn retries_last_at_least_a_day_then_stop() {
        let s = RetrySchedule::default();
        let (mut now, mut attempts) = (at(0), 1);
        while let Some(next) = s.next_attempt(at(0), now, 1.0) {
            now = next;
            attempts += 1;
        }
        assert!(now - at(0) >= Duration::hours(24));
        assert!(now - at(0) < Duration::hours(24) + Duration::hours(8));
        assert!(attempts > 10);
    }

    #[test]
    fn a_requeued_delivery_starts_again_from_a_minute() {
        let s = RetrySchedule::default();
        let next = s.next_attempt(at(600), at(600), 0.0);
        assert_eq!(next, Some(at(601)));
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
