//! A business's proposed resolution, as something that can be kept: the remedy, the money it
//! moves and the date it is promised by. Accepting it puts the remedy on the case's ledger,
//! exactly like a decision's orders (`Offer::obligation`), so CCMS tracks whether it arrived.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::admissibility::dhaka_today;
use super::{Poisha, Remedy};
use crate::authority::ledger::{Obligation, ObligationKind};
use crate::error::{Collector, Invalid};

/// The furthest ahead a remedy may be promised.
pub const LONGEST_PROMISE_DAYS: i64 = 365;

/// The remedies that move money, and so must name an amount.
const MOVES_MONEY: &[Remedy] = &[Remedy::Refund];

/// Where a proposal stands. A counter-proposal replaces the earlier one, which stays on record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum OfferStatus {
    Proposed,
    Replaced,
    Accepted,
    Rejected,
    /// The consumer did not answer within their clock.
    Lapsed,
}

/// The remedy a business proposes, parsed: what, how much, by when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Remedial {
    pub remedy: Remedy,
    /// In poisha; required where money moves, else the value of the goods if given.
    pub amount: Option<Poisha>,
    /// The Dhaka date the remedy is promised by.
    pub promised_by: NaiveDate,
}

impl Remedial {
    /// Checks the raw parts at `now`: money named where it moves (and more than nothing), the
    /// promise neither in the past nor more than a year ahead.
    pub fn parse(
        remedy: Remedy,
        amount: Option<i64>,
        promised_by: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<Remedial, Invalid> {
        let mut fields = Collector::default();
        let amount = match amount {
            None if MOVES_MONEY.contains(&remedy) => {
                fields.take::<()>("amount_poisha", Err(Invalid::field("", "required")));
                None
            }
            Some(0) if MOVES_MONEY.contains(&remedy) => {
                fields.take::<()>("amount_poisha", Err(Invalid::field("", "range")));
                None
            }
            None => None,
            Some(value) => fields.take("amount_poisha", Poisha::new(value)),
        };
        let today = dhaka_today(now);
        if promised_by < today {
            fields.take::<()>("promised_by", Err(Invalid::field("", "before_today")));
        } else if promised_by > today + Duration::days(LONGEST_PROMISE_DAYS) {
            fields.take::<()>("promised_by", Err(Invalid::field("", "range")));
        }
        fields.finish()?;
        Ok(Remedial {
            remedy,
            amount,
            promised_by,
        })
    }

    /// The kind of obligation accepting it creates.
    pub fn obligation_kind(&self) -> ObligationKind {
        if MOVES_MONEY.contains(&self.remedy) {
            ObligationKind::Refund
        } else {
            ObligationKind::Remedy
        }
    }

    /// The end of the promised day in Dhaka: the first instant the promise is broken.
    pub fn promised_until(&self) -> DateTime<Utc> {
        let next = self.promised_by + Duration::days(1);
        next.and_time(chrono::NaiveTime::MIN).and_utc() - Duration::hours(6)
    }
}

/// A proposal as kept on the case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Offer {
    pub id: Uuid,
    pub complaint_id: Uuid,
    pub remedy: Remedy,
    pub amount_poisha: Option<i64>,
    pub promised_by: NaiveDate,
    /// The business's words, in either language.
    pub note: Option<String>,
    pub status: OfferStatus,
    pub proposed_at: DateTime<Utc>,
}

impl Offer {
    pub fn remedial(&self) -> Remedial {
        Remedial {
            remedy: self.remedy,
            amount: self.amount_poisha.and_then(|a| Poisha::new(a).ok()),
            promised_by: self.promised_by,
        }
    }

    /// The obligation accepting this offer at `now` creates: a refund is due by the promised
    /// day or the policy's refund clock (`refund_due`), whichever comes first [DCOG 2021: refund
    /// within 10 days]; goods or a service by the promised day.
    pub fn obligation(
        &self,
        id: Uuid,
        refund_due: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Obligation {
        let remedial = self.remedial();
        let kind = remedial.obligation_kind();
        let due = match kind {
            ObligationKind::Refund => remedial.promised_until().min(refund_due),
            ObligationKind::Remedy
            | ObligationKind::Compensation
            | ObligationKind::Fine
            | ObligationKind::ComplainantShare => remedial.promised_until(),
        };
        let amount = self.amount_poisha.unwrap_or(0);
        Obligation::owed(id, self.complaint_id, (kind, amount), due, now)
    }
}

#[cfg(test)]
#[path = "offer_tests.rs"]
mod tests;
