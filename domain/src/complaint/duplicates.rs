//! Likely re-filings, which intake flags for coordinators without refusing them (an open case
//! for the same order by the same consumer is refused outright, see `filing`): the same order
//! from another phone, or the same consumer against the same business again, without an order
//! reference, within the policy's window. A coordinator merges a real one into the original.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use super::Filing;

/// How far back intake looks for the same consumer's earlier case without an order reference.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct DuplicateWindow {
    /// Days, 1 to 365.
    pub days: u32,
    pub source: String,
}

impl Default for DuplicateWindow {
    fn default() -> DuplicateWindow {
        DuplicateWindow {
            days: 30,
            source: "CCMS policy (no statute sets one): the filing window of the Consumer Rights \
                     Protection Act 2009, s.60, within which a re-filing of the same incident can come"
                .into(),
        }
    }
}

/// What intake looks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DuplicateProbe {
    /// A case of another consumer against the same business for this order.
    SameOrderOtherPhone { order_reference: String },
    /// A case of the same consumer against the same business filed since.
    SameConsumerSince { since: DateTime<Utc> },
}

/// The probe for a new filing at `now`.
pub fn probe(filing: &Filing, window: &DuplicateWindow, now: DateTime<Utc>) -> DuplicateProbe {
    match &filing.order_reference {
        Some(order) => DuplicateProbe::SameOrderOtherPhone {
            order_reference: order.as_str().to_owned(),
        },
        None => DuplicateProbe::SameConsumerSince {
            since: now - Duration::days(i64::from(window.days)),
        },
    }
}

/// Why a case cannot be merged into the one named as its original.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BadMerge {
    /// A case is not its own duplicate.
    Itself,
    /// The original is against another business.
    OtherBusiness,
    /// The named case was itself merged into another: name that one.
    NotAnOriginal,
}

impl BadMerge {
    /// The field rule code of the refusal.
    pub fn rule(self) -> &'static str {
        match self {
            BadMerge::Itself => "merge_into_itself",
            BadMerge::OtherBusiness => "merge_other_business",
            BadMerge::NotAnOriginal => "merge_not_an_original",
        }
    }
}

/// Whether `case` may be merged into `original`.
pub fn may_merge(case: &super::Complaint, original: &super::Complaint) -> Result<(), BadMerge> {
    if case.id == original.id {
        Err(BadMerge::Itself)
    } else if case.filing.business_id != original.filing.business_id {
        Err(BadMerge::OtherBusiness)
    } else if original.merged_into.is_some() {
        Err(BadMerge::NotAnOriginal)
    } else {
        Ok(())
    }
}
