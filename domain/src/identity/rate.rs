//! Rate limits as data: which bucket, how many requests, per how long. Counted in fixed
//! windows; the store of counts is the caller's.

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
];

pub fn rate_rule(bucket: &str) -> Option<RateRule> {
    RATE_RULES
        .iter()
        .copied()
        .find(|rule| rule.bucket == bucket)
}

/// Requests counted in the current window for one key.
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

impl RateRule {
    /// Counts one more request; returns the decision and the window to store.
    pub fn admit(
        &self,
        window: Option<RateWindow>,
        now: DateTime<Utc>,
    ) -> (RateDecision, RateWindow) {
        let current = window
            .filter(|w| now - w.started < self.per)
            .unwrap_or(RateWindow {
                started: now,
                count: 0,
            });
        if current.count >= self.limit {
            let retry_after = current.started + self.per - now;
            return (RateDecision::Deny { retry_after }, current);
        }
        (
            RateDecision::Allow,
            RateWindow {
                count: current.count + 1,
                ..current
            },
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn the_fourth_code_request_for_a_phone_waits_for_the_window() {
        let rule = rate_rule("otp_request_per_phone").unwrap();
        let start = Utc.with_ymd_and_hms(2026, 11, 28, 10, 0, 0).unwrap();
        let mut window = None;
        for _ in 0..3 {
            let (decision, next) = rule.admit(window, start);
            assert_eq!(decision, RateDecision::Allow);
            window = Some(next);
        }
        let (decision, _) = rule.admit(window, start + Duration::minutes(5));
        assert_eq!(
            decision,
            RateDecision::Deny {
                retry_after: Duration::minutes(10)
            }
        );
        let (decision, _) = rule.admit(window, start + Duration::minutes(15));
        assert_eq!(decision, RateDecision::Allow);
    }

    #[test]
    fn bucket_names_are_unique() {
        let mut names: Vec<&str> = RATE_RULES.iter().map(|r| r.bucket).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), RATE_RULES.len());
    }
}
