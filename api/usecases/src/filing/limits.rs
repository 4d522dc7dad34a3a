//! The policy's daily filing limits, applied at intake.

use ccms_domain::complaint::limits::FILING_WINDOW_HOURS;
use ccms_domain::complaint::routing::RoutingPolicy;
use ccms_persistence::DbConnection;
use ccms_persistence::complaints as stored;
use chrono::{DateTime, Duration, Utc};
use uuid::Uuid;

use crate::UseCaseError;

/// One more filing by this consumer stays within the policy's daily limits (counted with the
/// consumer's filing turn held, so parallel filings cannot all pass); 429 with `Retry-After`
/// and the rule's source otherwise.
pub(super) fn check(
    conn: &mut DbConnection,
    policy: &RoutingPolicy,
    consumer: Uuid,
    business: Uuid,
    now: DateTime<Utc>,
) -> Result<(), UseCaseError> {
    let limits = &policy.filing_limits;
    let since = now - Duration::hours(FILING_WINDOW_HOURS);
    let earlier = stored::filings_since(
        conn,
        consumer,
        since,
        i64::from(limits.per_consumer_per_day),
    )?;
    limits
        .admit(&earlier, business, now)
        .map_err(|over| UseCaseError::FilingLimit {
            limit: over.limit,
            retry_after_secs: over.retry_after.num_seconds().max(1),
            legal_source: limits.source.clone(),
        })
}
