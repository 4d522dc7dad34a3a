//! How long a closed case keeps the personal data in it: a field of the policy, with its source.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

/// Days after a case closes (or is withdrawn or rejected) before its personal data is erased.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Retention {
    /// Days, 365 to 3650.
    pub closed_case_days: u32,
    pub source: String,
}

/// A year at least, longer than any clock a policy may set (the reopen and appeal windows, a
/// review's), so no case is erased while one of them could still bring it back; ten years at
/// most.
pub const RETENTION_DAYS: std::ops::RangeInclusive<u32> = 365..=3650;

impl Default for Retention {
    fn default() -> Retention {
        Retention {
            closed_case_days: 1095,
            source:
                "Personal Data Protection Ordinance 2025: personal data kept no longer than its \
                     purpose needs; three years, the Limitation Act 1908's period for a suit for \
                     money, within which a closed case may still be needed as evidence"
                    .into(),
        }
    }
}

impl Retention {
    /// The latest closing whose case is due for erasure at `now`: a case closed at this
    /// instant or before is due; one closed a second later is kept.
    pub fn cutoff(&self, now: DateTime<Utc>) -> DateTime<Utc> {
        now - Duration::days(i64::from(self.closed_case_days))
    }

    /// Whether a case closed at `closed_at` is past its retention at `now`.
    pub fn expired(&self, closed_at: DateTime<Utc>, now: DateTime<Utc>) -> bool {
        closed_at <= self.cutoff(now)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_case_is_kept_until_the_last_second_of_its_retention() {
        let retention = Retention::default();
        let closed = crate::fixtures::now();
        let end = closed + Duration::days(1095);
        assert!(!retention.expired(closed, end - Duration::seconds(1)));
        assert!(retention.expired(closed, end));
    }
}
