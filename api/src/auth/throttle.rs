//! Applies the rate rules of `ccms_domain::identity::RATE_RULES`, counting in the database so
//! every server instance shares the counts. Counts commit on their own, before the work they
//! guard, so a failing request still counts.

use ccms_domain::identity::{RateDecision, RateWindow};
use ccms_persistence::identity::throttles;

use crate::context::AppContext;
use crate::problem::ApiError;

/// Counts one request in each `(bucket, key)`; 429 with `Retry-After` if any is over its limit.
/// (A partner's request budget is spent from `PartnerAllowance` instead.)
pub async fn admit(ctx: &AppContext, keys: Vec<(&'static str, String)>) -> Result<(), ApiError> {
    let now = ctx.now();
    let rules = keys
        .into_iter()
        .map(|(bucket, key)| {
            let rule = ctx
                .rate_rule(bucket)
                .ok_or_else(|| ApiError::Internal(format!("no rate rule {bucket}")))?;
            Ok((rule, key))
        })
        .collect::<Result<Vec<_>, ApiError>>()?;
    let wait = ctx
        .transaction(move |conn| {
            let mut wait = None;
            for (rule, key) in rules {
                let bucket = rule.bucket;
                let counter = throttles::bump(conn, bucket, &key, now, rule.per)?;
                let window = RateWindow {
                    started: counter.window_started,
                    count: counter.count,
                };
                if let RateDecision::Deny { retry_after } = rule.judge(window, now) {
                    wait = wait.max(Some(retry_after.num_seconds().max(1)));
                }
            }
            Ok(wait)
        })
        .await?;
    match wait {
        Some(retry_after_secs) => Err(ApiError::RateLimited { retry_after_secs }),
        None => Ok(()),
    }
}
