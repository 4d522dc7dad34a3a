//! Who may file what: each rule is data, with the law it comes from. A complaint that breaks one
//! is refused with the rule's code.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::Filing;
use super::facts::DESCRIPTION_MIN;
use crate::registry::BusinessStatus;

/// Today's date in Bangladesh (UTC+6 all year, no daylight saving): the dates people write.
pub fn dhaka_today(now: DateTime<Utc>) -> NaiveDate {
    (now + Duration::hours(6)).date_naive()
}

/// How many days after the incident a complaint may be filed, with the law that says so: policy,
/// so a published version follows the law if it changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct FilingWindow {
    /// Days after the incident (Dhaka dates), 1 to 365.
    pub days: u32,
    pub source: String,
}

impl Default for FilingWindow {
    fn default() -> FilingWindow {
        FilingWindow {
            days: 30,
            source: "Consumer Rights Protection Act 2009, s.60: complaint within 30 days of the \
                     cause of action"
                .into(),
        }
    }
}

/// What intake found out about the complaint before the rules look at it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IntakeContext {
    /// The named business's status, if it is registered at all.
    pub business: Option<BusinessStatus>,
    pub now: DateTime<Utc>,
    /// The policy's filing window, in days.
    pub filing_window_days: u32,
}

/// Why a complaint is not admissible: one per rule, so the API maps each to its problem
/// code by an exhaustive match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    BusinessNotRegistered,
    BusinessSuspended,
    IncidentInFuture,
    OrderDateInFuture,
    ContactDateInFuture,
    FilingWindowExpired,
    DescriptionTooShort,
}

impl Refusal {
    /// The stable code clients see.
    pub fn code(self) -> &'static str {
        match self {
            Refusal::BusinessNotRegistered => "business_not_registered",
            Refusal::BusinessSuspended => "business_suspended",
            Refusal::IncidentInFuture => "incident_in_future",
            Refusal::OrderDateInFuture => "order_date_in_future",
            Refusal::ContactDateInFuture => "contact_date_in_future",
            Refusal::FilingWindowExpired => "filing_window_expired",
            Refusal::DescriptionTooShort => "description_too_short",
        }
    }
}

/// A rule of admissibility: why it refuses, the legal source, and the test it applies.
pub struct Rule {
    pub refusal: Refusal,
    pub source: &'static str,
    passes: fn(&Filing, &IntakeContext) -> bool,
}

/// The rules in the order they are checked.
pub const RULES: &[Rule] = &[
    Rule {
        refusal: Refusal::BusinessNotRegistered,
        source: "Digital Commerce Operation Guidelines 2021: complaints name a registered business",
        passes: |_, ctx| ctx.business.is_some(),
    },
    Rule {
        refusal: Refusal::BusinessSuspended,
        source: "CCMS registry policy: only active businesses can be named in a new complaint",
        passes: |_, ctx| ctx.business != Some(BusinessStatus::Suspended),
    },
    Rule {
        refusal: Refusal::IncidentInFuture,
        source: "CCMS intake: dates cannot be in the future",
        passes: |c, ctx| c.incident_date <= dhaka_today(ctx.now),
    },
    Rule {
        refusal: Refusal::OrderDateInFuture,
        source: "CCMS intake: dates cannot be in the future",
        passes: |c, ctx| c.order_date.is_none_or(|d| d <= dhaka_today(ctx.now)),
    },
    Rule {
        refusal: Refusal::ContactDateInFuture,
        source: "CCMS intake: dates cannot be in the future",
        passes: |c, ctx| {
            c.contacted_business_on
                .is_none_or(|d| d <= dhaka_today(ctx.now))
        },
    },
    Rule {
        refusal: Refusal::FilingWindowExpired,
        source: "Consumer Rights Protection Act 2009, s.60: complaint within 30 days of the cause of action",
        passes: |c, ctx| {
            dhaka_today(ctx.now) - c.incident_date <= Duration::days(ctx.filing_window_days.into())
        },
    },
    Rule {
        refusal: Refusal::DescriptionTooShort,
        source: "CCMS intake: a description of at least 20 characters",
        passes: |c, _| c.description.as_str().chars().count() >= DESCRIPTION_MIN,
    },
];

/// A complaint that breaks a rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Inadmissible {
    pub refusal: Refusal,
    pub source: &'static str,
}

/// The first rule the complaint breaks, if any.
pub fn check(complaint: &Filing, context: &IntakeContext) -> Result<(), Inadmissible> {
    match RULES.iter().find(|rule| !(rule.passes)(complaint, context)) {
        Some(rule) => Err(Inadmissible {
            refusal: rule.refusal,
            source: rule.source,
        }),
        None => Ok(()),
    }
}

/// An open case of the same consumer against the same business for the same order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Duplicate {
    pub existing: Uuid,
}

#[cfg(test)]
#[path = "admissibility_tests.rs"]
mod tests;
