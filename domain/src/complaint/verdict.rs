//! The consumer's verdict on a closed case: was it resolved, and how satisfied were they (1 to
//! 5). Given once, within the policy's window after the case closed; scorecards carry it.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

/// How long after a case closes the consumer may give their verdict, with its source: policy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct VerdictWindow {
    /// Days after the case closed, 1 to 365.
    pub days: u32,
    pub source: String,
}

impl Default for VerdictWindow {
    fn default() -> VerdictWindow {
        VerdictWindow {
            days: 30,
            source: "CCMS policy (no statute sets one): as long as the reopen window, DOMAIN.md \
                     \"reopen window\" clock"
                .into(),
        }
    }
}

impl VerdictWindow {
    /// Whether a case closed at `closed_at` still takes a verdict at `now`.
    pub fn open(&self, closed_at: Option<DateTime<Utc>>, now: DateTime<Utc>) -> bool {
        closed_at.is_some_and(|closed| now < closed + Duration::days(i64::from(self.days)))
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    #[test]
    fn a_verdict_is_taken_until_the_window_ends_and_never_before_the_case_closes() {
        let closed = Utc.with_ymd_and_hms(2026, 12, 1, 6, 0, 0).unwrap();
        let window = VerdictWindow::default();
        let end = closed + Duration::days(30);
        assert!(window.open(Some(closed), end - Duration::seconds(1)));
        assert!(!window.open(Some(closed), end));
        assert!(!window.open(None, closed));
    }
}
