//! Signing in: one-time codes, password lockout, refresh-token rotation, rate limits, and the
//! accounts they lead to. Pure rules: the caller hashes, stores and reads the clock.

mod account;
mod lockout;
mod otp;
mod password;
mod rate;
mod refresh;

pub use account::{Account, NewStaff, StaffProblem};
pub use lockout::{LockoutPolicy, LoginFailures};
pub use otp::{OtpChallenge, OtpOutcome, OtpPolicy};
pub use password::Password;
pub use rate::{Budget, RATE_RULES, RateDecision, RateRule, RateWindow, rate_rule};
pub use refresh::{Redemption, RefreshToken, RefreshTokenPolicy};
