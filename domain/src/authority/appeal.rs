//! An appeal of a DNCRP decision to the court (the Sessions Judge, CRPA 2009): recorded on the
//! case by the consumer or the business, with the court, its reference and the filing date, only
//! while the decision's appeal window runs. CCMS records it; the court decides.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use uuid::Uuid;

use super::ledger::Party;
use crate::complaint::admissibility::dhaka_today;
use crate::error::{Collector, Invalid};

/// An appeal as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Appeal {
    pub id: Uuid,
    pub complaint_id: Uuid,
    /// Who appealed: `consumer` or `business`.
    pub party: Party,
    pub court: String,
    /// The court's own case reference.
    pub reference: String,
    /// The Dhaka date the appeal was filed in court.
    pub filed_on: NaiveDate,
    pub recorded_at: DateTime<Utc>,
}

/// Whether an appeal may still be recorded at `now` on a decision whose window ends at
/// `appeal_until` (its last instant counts).
pub fn window_open(appeal_until: DateTime<Utc>, now: DateTime<Utc>) -> bool {
    now <= appeal_until
}

/// The parties who may appeal a decision.
pub const APPELLANTS: &[Party] = &[Party::Consumer, Party::Business];

/// A filing date is one a court could have: not before the decision, not after today.
pub fn check_filed_on(
    filed_on: NaiveDate,
    decided_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<(), Invalid> {
    let mut fields = Collector::default();
    if filed_on > dhaka_today(now) {
        fields.take::<()>("filed_on", Err(Invalid::field("", "in_the_future")));
    } else if filed_on < dhaka_today(decided_at) {
        fields.take::<()>("filed_on", Err(Invalid::field("", "before_the_decision")));
    }
    fields.finish()
}

#[cfg(test)]
mod tests {
    use chrono::{Duration, TimeZone};

    use super::*;

    #[test]
    fn an_appeal_is_recorded_until_the_last_instant_of_the_window_and_not_after() {
        let decided = Utc.with_ymd_and_hms(2026, 11, 2, 6, 0, 0).unwrap();
        let until = decided + Duration::days(60);
        assert!(window_open(until, until));
        assert!(!window_open(until, until + Duration::seconds(1)));
    }

    #[test]
    fn a_filing_date_falls_between_the_decision_and_today() {
        let decided = Utc.with_ymd_and_hms(2026, 11, 2, 6, 0, 0).unwrap();
        let now = decided + Duration::days(10);
        let day = |d| NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
        assert!(check_filed_on(day(2), decided, now).is_ok());
        assert!(check_filed_on(day(12), decided, now).is_ok());
        let rule = |d| check_filed_on(day(d), decided, now).unwrap_err().0[0].rule;
        assert_eq!(rule(13), "in_the_future");
        assert_eq!(rule(1), "before_the_decision");
    }
}
