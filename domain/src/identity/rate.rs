//! Rate limits as data: which bucket, how many requests, per how long. Counted in fixed
//! windows; the count (this request included) comes from the caller's store.

use chrono::{DateTime, Duration, Utc};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateRule {
    pub bucket: &'static str,
    pub limit: u32,
    pub per: Duration,
}

/// The default limits. Keys: a phone number, a client address, or a partner client id.
pub const RATE_RULES: &[RateRule] = &[
    RateRule {
        bucket: "otp_request_per_phone",
        limit: 3,
        per: Duration::minutes(15),
    },
    RateRule {
        bucket: "otp_request_per_address",
        limit: 20,
        per: Duration::hours(1),
    },
    RateRule {
        bucket: "otp_verify_per_phone",
        limit: 10,
        per: Duration::minutes(15),
    },
    RateRule {
        bucket: "otp_verify_per_address",
        limit: 60,
        per: Duration::minutes(15),
    },
    RateRule {
        bucket: "staff_login_per_address",
        limit: 30,
        per: Duration::minutes(15),
    },
    RateRule {
        bucket: "partner_token_per_address",
        limit: 30,
        per: Duration::minutes(15),
    },
    RateRule {
        bucket: "partner_api_per_client",
        limit: 600,
        per: Duration::minutes(1),
    },
    // A hotline operator reads out a status per call; more than one a minute on average for an
    // hour is a search for phones' cases, not calls.
    RateRule {
        bucket: "status_read_out_per_operator",
        limit: 60,
        per: Duration::hours(1),
    },
    // A consumer's download of their data reads all of it: a few an hour is plenty.
    RateRule {
        bucket: "export_per_account",
        limit: 10,
        per: Duration::hours(1),
    },
    // An erasure request walks every case of the account: a few an hour is plenty (after the
    // first that erases the account, the rest find nothing).
    RateRule {
        bucket: "erasure_per_account",
        limit: 5,
        per: Duration::hours(1),
    },
    // What one phone may text CCMS: enough for a consumer, not for an auto-responder's loop.
    RateRule {
        bucket: "inbound_sms_per_phone",
        limit: 20,
        per: Duration::hours(1),
    },
];

pub fn rate_rule(bucket: &str) -> Option<RateRule> {
    RATE_RULES
        .iter()
        .copied()
        .find(|rule| rule.bucket == bucket)
}

/// Requests counted in the current window for one key, this one included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateWindow {
    pub started: DateTime<Utc>,
    pub count: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RateDecision {
    Allow,
    /// Refused; the window reopens after this long.
    Deny {
        retry_after: Duration,
    },
}

/// What is left of a key's window: what the `RateLimit` and `RateLimit-Policy` headers tell a
/// caller before it reaches a 429.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Budget {
    pub bucket: &'static str,
    pub limit: u32,
    pub window_secs: i64,
    pub remaining: u32,
    /// Seconds until the window starts over.
    pub reset_secs: i64,
}

impl RateRule {
    pub fn budget(&self, window: RateWindow, now: DateTime<Utc>) -> Budget {
        Budget {
            bucket: self.bucket,
            limit: self.limit,
            window_secs: self.per.num_seconds(),
            remaining: self.limit.saturating_sub(window.count),
            reset_secs: (window.started + self.per - now).num_seconds().max(0),
        }
    }

    /// The budget of a key refused until `reset_secs` from now: nothing left.
    pub fn spent(&self, reset_secs: i64) -> Budget {
        Budget {
            bucket: self.bucket,
            limit: self.limit,
            window_secs: self.per.num_seconds(),
            remaining: 0,
            reset_secs,
        }
    }

    /// How many requests a server draws from the shared counter at once: a twentieth of the
    /// limit (at least one). A busy client then costs the database one count per slice, not
    /// one per request; what a server has drawn and not used is lost when the window ends, so
    /// with several servers a client may get somewhat less than its limit, never more.
    pub fn slice(&self) -> u32 {
        (self.limit / 20).max(1)
    }

    /// Of `drawn` requests just counted, which brought the window to `window.count`, how many
    /// fall within the limit.
    pub fn granted(&self, window: RateWindow, drawn: u32) -> u32 {
        let before = window.count.saturating_sub(drawn);
        drawn.min(self.limit.saturating_sub(before))
    }

    pub fn judge(&self, window: RateWindow, now: DateTime<Utc>) -> RateDecision {
        if window.count <= self.limit {
            RateDecision::Allow
        } else {
            RateDecision::Deny {
                retry_after: window.started + self.per - now,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn the_budget_counts_down_to_zero_and_tells_when_the_window_resets() {
        let rule = rate_rule("partner_api_per_client").unwrap();
        let start = Utc.with_ymd_and_hms(2026, 11, 28, 10, 0, 0).unwrap();
        let used = |count| RateWindow {
            started: start,
            count,
        };
        let now = start + Duration::seconds(18);
        assert_eq!(rule.budget(used(1), now).remaining, 599);
        assert_eq!(rule.budget(used(601), now).remaining, 0);
        assert_eq!(rule.budget(used(1), now).reset_secs, 42);
    }

    #[test]
    fn the_fourth_code_request_for_a_phone_waits_for_the_window() {
        let rule = rate_rule("otp_request_per_phone").unwrap();
        let start = Utc.with_ymd_and_hms(2026, 11, 28, 10, 0, 0).unwrap();
        let third = RateWindow {
            started: start,
            count: 3,
        };
        assert_eq!(rule.judge(third, start), RateDecision::Allow);
        let fourth = RateWindow {
            started: start,
            count: 4,
        };
        assert_eq!(
            rule.judge(fourth, start + Duration::minutes(5)),
            RateDecision::Deny {
                retry_after: Duration::minutes(10)
            }
        );
    }

    #[test]
    fn a_slice_is_granted_up_to_the_limit_and_no_further() {
        let rule = rate_rule("partner_api_per_client").unwrap();
        assert_eq!(rule.slice(), 30);
        let at = |count| RateWindow {
            started: Utc.with_ymd_and_hms(2026, 12, 7, 10, 0, 0).unwrap(),
            count,
        };
        assert_eq!(rule.granted(at(30), 30), 30);
        assert_eq!(rule.granted(at(600), 30), 30);
        assert_eq!(rule.granted(at(610), 30), 20);
        assert_eq!(rule.granted(at(630), 30), 0);
        assert_eq!(rule.granted(at(700), 30), 0);
        let strict = RateRule { limit: 5, ..rule };
        assert_eq!(
            (
                strict.slice(),
                strict.granted(at(5), 1),
                strict.granted(at(6), 1)
            ),
            (1, 1, 0)
        );
    }

    #[test]
    fn bucket_names_are_unique() {
        let mut names: Vec<&str> = RATE_RULES.iter().map(|r| r.bucket).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), RATE_RULES.len());
    }
}
