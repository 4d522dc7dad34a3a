//! Staff sign-in lockout: after repeated failures an e-mail address is locked for a while,
//! whether or not an account has it, so the lock reveals nothing about who has an account.

use chrono::{DateTime, Duration, Utc};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LockoutPolicy {
    pub max_failures: u32,
    /// Failures older than this no longer count.
    pub window: Duration,
    pub lock_for: Duration,
}

impl LockoutPolicy {
    pub const DEFAULT: LockoutPolicy = LockoutPolicy {
        max_failures: 5,
        window: Duration::minutes(15),
        lock_for: Duration::minutes(15),
    };
}

/// Recent failed sign-ins for one e-mail address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoginFailures {
    pub count: u32,
    pub first_at: DateTime<Utc>,
    pub locked_until: Option<DateTime<Utc>>,
}

impl LoginFailures {
    /// When sign-in opens again, if it is locked now.
    pub fn locked(&self, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        self.locked_until.filter(|until| now < *until)
    }

    /// The record after one more failure at `now`.
    pub fn after_failure(
        previous: Option<LoginFailures>,
        policy: &LockoutPolicy,
        now: DateTime<Utc>,
    ) -> LoginFailures {
        let fresh = LoginFailures {
            count: 0,
            first_at: now,
            locked_until: None,
        };
        let current = previous
            .filter(|p| now - p.first_at < policy.window && p.locked(now).is_none())
            .unwrap_or(fresh);
        let count = current.count + 1;
        LoginFailures {
            count,
            first_at: current.first_at,
            locked_until: (count >= policy.max_failures).then(|| now + policy.lock_for),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn t(minutes: i64) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 28, 10, 0, 0).unwrap() + Duration::minutes(minutes)
    }

    fn fail(times: u32, at: DateTime<Utc>, start: Option<LoginFailures>) -> Option<LoginFailures> {
        (0..times).fold(start, |previous, _| {
            Some(LoginFailures::after_failure(
                previous,
                &LockoutPolicy::DEFAULT,
                at,
            ))
        })
    }

    #[test]
    fn the_fifth_failure_locks_for_fifteen_minutes() {
        let four = fail(4, t(0), None).unwrap();
        assert_eq!(four.locked(t(0)), None);
        let five = fail(1, t(1), Some(four)).unwrap();
        assert_eq!(five.locked(t(1)), Some(t(16)));
        assert_eq!(five.locked(t(16)), None);
    }

    #[test]
    fn old_failures_fall_out_of_the_window() {
        let four = fail(4, t(0), None);
        let later = fail(1, t(20), four).unwrap();
        assert_eq!(later.count, 1);
        assert_eq!(later.locked(t(20)), None);
    }
}
