//! Staff sign-in lockout: after repeated failures an e-mail address is locked for a while,
//! whether or not an account has it, so the lock reveals nothing about who has an account.
//! Every attempt is counted before the password is checked, so parallel guesses cannot
//! slip past the limit.

use chrono::{DateTime, Duration, Utc};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LockoutPolicy {
    pub max_failures: u32,
    /// Attempts older than this no longer count.
    pub window: Duration,
    pub lock_for: Duration,
}

impl LockoutPolicy {
    pub const DEFAULT: LockoutPolicy = LockoutPolicy {
        max_failures: 5,
        window: Duration::minutes(15),
        lock_for: Duration::minutes(15),
    };

    /// Whether the `attempt`-th try in the window (this one included) may check the password.
    pub fn may_try(&self, attempt: u32) -> bool {
        attempt <= self.max_failures
    }

    /// Whether the `attempt`-th try, having failed, locks the address; and until when.
    pub fn lock_after_failure(&self, attempt: u32, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        (attempt >= self.max_failures).then(|| now + self.lock_for)
    }
}

/// The state of one e-mail address's sign-in attempts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoginFailures {
    pub locked_until: Option<DateTime<Utc>>,
}

impl LoginFailures {
    /// When sign-in opens again, if it is locked now.
    pub fn locked(&self, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        self.locked_until.filter(|until| now < *until)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn t(minutes: i64) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 28, 10, 0, 0).unwrap() + Duration::minutes(minutes)
    }

    #[test]
    fn the_fifth_failed_attempt_locks_for_fifteen_minutes() {
        let policy = LockoutPolicy::DEFAULT;
        assert_eq!(policy.lock_after_failure(4, t(0)), None);
        assert_eq!(policy.lock_after_failure(5, t(1)), Some(t(16)));
        assert!(policy.may_try(5) && !policy.may_try(6));
        let locked = LoginFailures {
            locked_until: Some(t(16)),
        };
        assert_eq!(locked.locked(t(15)), Some(t(16)));
        assert_eq!(locked.locked(t(16)), None);
    }
}
