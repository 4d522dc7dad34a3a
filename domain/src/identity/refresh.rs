//! Refresh tokens rotate on every use; presenting a spent one means it was stolen, so the
//! whole chain it belongs to is revoked.

use chrono::{DateTime, Duration, Utc};
use uuid::Uuid;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RefreshTokenPolicy {
    pub lifetime: Duration,
}

impl RefreshTokenPolicy {
    pub const DEFAULT: RefreshTokenPolicy = RefreshTokenPolicy {
        lifetime: Duration::days(30),
    };
}

/// A refresh token as stored (its value only as a hash).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefreshToken {
    pub id: Uuid,
    pub account_id: Uuid,
    /// Every token rotated from the same sign-in shares the family.
    pub family: Uuid,
    pub expires_at: DateTime<Utc>,
    pub spent: bool,
    pub revoked: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Redemption {
    /// Issue a new token in the same family and spend this one.
    Rotate,
    /// A spent token came back: revoke the whole family.
    ReuseDetected,
    /// Expired or revoked: sign in again.
    Refused,
}

impl RefreshToken {
    pub fn redeem(&self, now: DateTime<Utc>) -> Redemption {
        match (self.revoked, self.spent, now < self.expires_at) {
            (true, _, _) => Redemption::Refused,
            (false, true, _) => Redemption::ReuseDetected,
            (false, false, false) => Redemption::Refused,
            (false, false, true) => Redemption::Rotate,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn token(spent: bool, revoked: bool) -> RefreshToken {
        RefreshToken {
            id: Uuid::nil(),
            account_id: Uuid::nil(),
            family: Uuid::nil(),
            expires_at: Utc.with_ymd_and_hms(2026, 12, 28, 0, 0, 0).unwrap(),
            spent,
            revoked,
        }
    }

    #[test]
    fn a_live_token_rotates_and_a_spent_one_betrays_theft() {
        let now = Utc.with_ymd_and_hms(2026, 11, 28, 0, 0, 0).unwrap();
        assert_eq!(token(false, false).redeem(now), Redemption::Rotate);
        assert_eq!(token(true, false).redeem(now), Redemption::ReuseDetected);
        assert_eq!(token(true, true).redeem(now), Redemption::Refused);
        let later = Utc.with_ymd_and_hms(2027, 1, 1, 0, 0, 0).unwrap();
        assert_eq!(token(false, false).redeem(later), Redemption::Refused);
    }
}
