//! One-time codes for consumers: 6 digits, 5 minutes, 5 attempts. Every try uses an attempt,
//! taken before the code is compared, so parallel guesses cannot exceed the limit.

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

    /// Whether a try may be made at all.
    pub fn is_live(&self, now: DateTime<Utc>) -> bool {
        !self.consumed && self.attempts_left > 0 && now < self.expires_at
    }

    /// The outcome of a try that took an attempt, leaving `attempts_left`.
    pub fn outcome(code_matches: bool, attempts_left: u32) -> OtpOutcome {
        match (code_matches, attempts_left) {
            (true, _) => OtpOutcome::Verified,
            (false, 0) => OtpOutcome::Spent,
            (false, left) => OtpOutcome::Wrong {
                attempts_left: left,
            },
        }
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
        assert!(OtpPolicy::DEFAULT.is_code("012345") && !OtpPolicy::DEFAULT.is_code("12345a"));
    }

    #[test]
    fn a_code_lives_five_minutes_and_five_tries() {
        let challenge = OtpChallenge::issue(&OtpPolicy::DEFAULT, start());
        assert!(challenge.is_live(start() + Duration::minutes(4)));
        assert!(!challenge.is_live(start() + Duration::minutes(5)));
        let spent = OtpChallenge {
            attempts_left: 0,
            ..challenge.clone()
        };
        assert!(!spent.is_live(start()));
        let used = OtpChallenge {
            consumed: true,
            ..challenge
        };
        assert!(!used.is_live(start()));
    }

    #[test]
    fn the_last_wrong_try_spends_the_code() {
        assert_eq!(
            OtpChallenge::outcome(false, 4),
            OtpOutcome::Wrong { attempts_left: 4 }
        );
        assert_eq!(OtpChallenge::outcome(false, 0), OtpOutcome::Spent);
        assert_eq!(OtpChallenge::outcome(true, 0), OtpOutcome::Verified);
    }
}
