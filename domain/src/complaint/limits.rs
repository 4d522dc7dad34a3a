//! How much one party may ask of the system: a consumer's filings per day, and a business's
//! requests for information on one case (each pauses the clocks). Both are policy, with their
//! source, so a published version can change them.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The window filings are counted over: the last 24 hours.
pub const FILING_WINDOW_HOURS: i64 = 24;

/// How many complaints one consumer may file in any 24 hours, in all and against one business.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct FilingLimits {
    pub per_consumer_per_day: u32,
    pub per_business_per_day: u32,
    pub source: String,
}

impl Default for FilingLimits {
    fn default() -> FilingLimits {
        FilingLimits {
            per_consumer_per_day: 10,
            per_business_per_day: 3,
            source: "CCMS policy: at most 10 complaints a day per consumer, 3 against one business"
                .into(),
        }
    }
}

/// How many times a business may ask the consumer for information on one case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct InfoRequestLimit {
    pub per_case: u32,
    pub source: String,
}

impl Default for InfoRequestLimit {
    fn default() -> InfoRequestLimit {
        InfoRequestLimit {
            per_case: 2,
            source: "CCMS policy: a business asks for information at most twice per case, \
                     since each request pauses its clocks"
                .into(),
        }
    }
}

/// Which filing limit a new complaint would pass.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FilingLimit {
    PerConsumer,
    PerBusiness,
}

/// A filing refused by a limit, and how long until one more is allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OverLimit {
    pub limit: FilingLimit,
    pub retry_after: Duration,
}

/// One earlier filing by the same consumer: when, and against whom.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EarlierFiling {
    pub at: DateTime<Utc>,
    pub business_id: Uuid,
}

impl FilingLimits {
    /// Whether one more filing against `business` at `now` stays within both limits, given the
    /// consumer's filings of the last 24 hours (older ones are ignored).
    pub fn admit(
        &self,
        earlier: &[EarlierFiling],
        business: Uuid,
        now: DateTime<Utc>,
    ) -> Result<(), OverLimit> {
        let window = Duration::hours(FILING_WINDOW_HOURS);
        let mut recent: Vec<&EarlierFiling> =
            earlier.iter().filter(|f| now - f.at < window).collect();
        recent.sort_by_key(|f| f.at);
        let against: Vec<&EarlierFiling> = recent
            .iter()
            .copied()
            .filter(|f| f.business_id == business)
            .collect();
        for (limit, counted, allowed) in [
            (FilingLimit::PerConsumer, &recent, self.per_consumer_per_day),
            (
                FilingLimit::PerBusiness,
                &against,
                self.per_business_per_day,
            ),
        ] {
            let allowed = allowed as usize;
            if counted.len() >= allowed {
                // One more is allowed once enough of the oldest have left the window.
                let freeing = counted[counted.len() - allowed];
                let retry_after = (freeing.at + window - now).max(Duration::seconds(1));
                return Err(OverLimit { limit, retry_after });
            }
        }
        Ok(())
    }
}

#[cfg(test)]
#[path = "limits_tests.rs"]
mod tests;
