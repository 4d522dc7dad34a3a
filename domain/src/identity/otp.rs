//! One-time codes for consumers: 6 digits, 5 minutes, 5 attempts.

use chrono::{DateTime, Duration, Utc};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OtpPolicy {
    pub digits: u32,
    pub lifetime: Duration,
    pub attempts: u32,
}

impl OtpPolicy {
    pub const DEFAULT: OtpPolicy = OtpPolicy {
        digits: 6,
        lifetime: Duration::minutes(5),
        attempts: 5,
    };

    /// The shape of a code as typed, for the contract.
    pub const CODE_PATTERN: &'static str = "^[0-9]{6}$";

    /// Whether `raw` has the shape of a code of this policy.
    pub fn is_code(&self, raw: &str) -> bool {
        raw.len() == self.digits as usize && raw.bytes().all(|b| b.is_ascii_digit())
    }

    /// Turns a random number into a code of exactly `digits` digits (leading zeros kept).
    pub fn code_from(&self, random: u32) -> String {
        let modulus = 10u32.pow(self.digits);
        format!("{:0width$}", random % modulus, width = self.digits as usize)
    }
}

/// A code sent to a phone, as stored (the code itself only as a hash).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OtpChallenge {
    pub expires_at: DateTime<Utc>,
    pub attempts_left: u32,
    pub consumed: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OtpOutcome {
    Verified,
    /// Wrong code; this many tries remain.
    Wrong {
        attempts_left: u32,
    },
    /// Too late, all tries spent, or already used: ask for a new code.
    Spent,
}

impl OtpChallenge {
    pub fn issue(policy: &OtpPolicy, now: DateTime<Utc>) -> OtpChallenge {
        OtpChallenge {
            expires_at: now + policy.lifetime,
            attempts_left: policy.attempts,
            consumed: false,
        }
    }

    pub fn is_live(&self, now: DateTime<Utc>) -> bool {
        !self.consumed && self.attempts_left > 0 && now < self.expires_at
    }

    /// One try at the code. Returns the outcome and the challenge as it must be stored after.
    pub fn attempt(&self, now: DateTime<Utc>, code_matches: bool) -> (OtpOutcome, OtpChallenge) {
        if !self.is_live(now) {
            return (OtpOutcome::Spent, self.clone());
        }
        if code_matches {
            return (
                OtpOutcome::Verified,
                OtpChallenge {
                    consumed: true,
                    ..self.clone()
                },
            );
        }
        let left = self.attempts_left - 1;
        let after = OtpChallenge {
            attempts_left: left,
            ..self.clone()
        };
        let outcome = if left == 0 {
            OtpOutcome::Spent
        } else {
            OtpOutcome::Wrong {
                attempts_left: left,
            }
        };
        (outcome, after)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn start() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 28, 10, 0, 0).unwrap()
    }

    #[test]
    fn codes_are_six_digits_with_leading_zeros() {
        assert_eq!(OtpPolicy::DEFAULT.code_from(42), "000042");
        assert_eq!(OtpPolicy::DEFAULT.code_from(1_234_567), "234567");
    }

    #[test]
    fn a_right_code_verifies_once() {
        let challenge = OtpChallenge::issue(&OtpPolicy::DEFAULT, start());
        let (outcome, after) = challenge.attempt(start() + Duration::minutes(4), true);
        assert_eq!(outcome, OtpOutcome::Verified);
        assert_eq!(after.attempt(start(), true).0, OtpOutcome::Spent);
    }

    #[test]
    fn a_code_expires_after_five_minutes() {
        let challenge = OtpChallenge::issue(&OtpPolicy::DEFAULT, start());
        assert_eq!(
            challenge.attempt(start() + Duration::minutes(5), true).0,
            OtpOutcome::Spent
        );
    }

    #[test]
    fn five_wrong_codes_spend_the_challenge_even_for_the_right_code_after() {
        let mut challenge = OtpChallenge::issue(&OtpPolicy::DEFAULT, start());
        for expected_left in (1..5).rev() {
            let (outcome, after) = challenge.attempt(start(), false);
            assert_eq!(
                outcome,
                OtpOutcome::Wrong {
                    attempts_left: expected_left
                }
            );
            challenge = after;
        }
        let (outcome, after) = challenge.attempt(start(), false);
        assert_eq!(outcome, OtpOutcome::Spent);
        assert_eq!(after.attempt(start(), true).0, OtpOutcome::Spent);
    }
}
