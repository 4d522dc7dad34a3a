//! Publishing the next version of a versioned document, the routing policy or the holiday
//! calendar: checked whole, stored under the next number with its audit entry, never changed
//! after. A draft says which version it was edited from (`If-Match`, or its own `version`); a
//! stale one is refused, after its content's own checks (RFC 9110, 13.2.2).

mod calendar;
mod policy;

pub use calendar::publish_calendar;
pub use policy::{Retention, publish_policy};

use ccms_persistence::StoreError;

use crate::UseCaseError;
use crate::acting::Precondition;

/// Which version a draft was edited from: the request's precondition and the draft's own
/// `version`, if it states one.
#[derive(Debug, Clone)]
pub struct EditedFrom {
    pub precondition: Precondition,
    pub stated: Option<u32>,
}

impl EditedFrom {
    /// A stale version unless the draft was edited from `current`.
    fn check(&self, current: u32) -> Result<(), UseCaseError> {
        let stale = StoreError::StaleVersion {
            current: i64::from(current),
        };
        if !self.precondition.admits(i64::from(current))
            || self.stated.is_some_and(|v| v != current)
        {
            return Err(stale.into());
        }
        Ok(())
    }
}

/// Storing version `current + 1` failed: if another publisher took the number a moment ago,
/// the draft is stale.
fn next_version_taken(current: u32) -> impl FnOnce(StoreError) -> UseCaseError {
    move |error| match error {
        StoreError::Conflict(_) => StoreError::StaleVersion {
            current: i64::from(current + 1),
        }
        .into(),
        other => other.into(),
    }
}
