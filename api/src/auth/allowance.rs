//! A partner client's request budget (`partner_api_per_client`), drawn from the counter every
//! server shares a slice at a time (`RateRule::slice`) and spent here in memory. A busy
//! marketplace then costs the database one counting transaction per slice instead of one per
//! request; the shared counter still holds every server to the limit together.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use ccms_domain::identity::{Budget, RateRule, RateWindow};
use ccms_persistence::identity::throttles;
use chrono::{DateTime, Utc};

use crate::context::AppContext;
use crate::problem::ApiError;

pub const BUCKET: &str = "partner_api_per_client";

/// What this server has drawn for one client and not spent yet.
#[derive(Clone, Copy)]
struct Slice {
    /// The shared counter's window and count when the slice was drawn.
    window: RateWindow,
    left: u32,
}

/// One client's slice; its lock is held while a new slice is drawn, so a burst of the
/// client's requests draws one slice, not one each.
type Held = Arc<tokio::sync::Mutex<Option<Slice>>>;

#[derive(Default)]
pub struct PartnerAllowance {
    slices: Mutex<HashMap<String, Held>>,
}

impl PartnerAllowance {
    /// Admits one request of `client`: from its slice, or from a new one drawn from the shared
    /// counter; 429 with `Retry-After` when the window's limit is spent.
    pub async fn admit(&self, ctx: &AppContext, client: &str) -> Result<Budget, ApiError> {
        let rule = ctx
            .rate_rule(BUCKET)
            .ok_or_else(|| ApiError::Internal(format!("no rate rule {BUCKET}")))?;
        let held = self
            .slices
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .entry(client.to_owned())
            .or_default()
            .clone();
        let mut slice = held.lock().await;
        let now = ctx.now();
        if let Some(budget) = spend(&rule, slice.as_mut(), now) {
            return Ok(budget);
        }
        let (drawn, key) = (rule.slice(), client.to_owned());
        let counter = ctx
            .transaction(move |conn| {
                Ok(throttles::bump_by(
                    conn,
                    (BUCKET, &key),
                    now,
                    rule.per,
                    drawn,
                )?)
            })
            .await?;
        let window = RateWindow {
            started: counter.window_started,
            count: counter.count,
        };
        let granted = rule.granted(window, drawn);
        if granted == 0 {
            let retry_after = (window.started + rule.per - now).num_seconds().max(1);
            return Err(ApiError::RateLimited {
                retry_after_secs: retry_after,
            });
        }
        let drawn = Slice {
            window,
            left: granted - 1,
        };
        *slice = Some(drawn);
        Ok(budget(&rule, drawn, now))
    }
}

/// One request from the client's slice, if it has one left in a window not over.
fn spend(rule: &RateRule, slice: Option<&mut Slice>, now: DateTime<Utc>) -> Option<Budget> {
    let slice = slice?;
    if slice.left == 0 || slice.window.started + rule.per <= now {
        return None;
    }
    slice.left -= 1;
    Some(budget(rule, *slice, now))
}

/// What is left of the window: the shared count less what this server holds unspent.
fn budget(rule: &RateRule, slice: Slice, now: DateTime<Utc>) -> Budget {
    let used = RateWindow {
        count: slice.window.count.saturating_sub(slice.left),
        ..slice.window
    };
    rule.budget(used, now)
}
