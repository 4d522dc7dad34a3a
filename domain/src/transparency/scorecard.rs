//! A business's scorecard, tallied from its rows of the open dataset. The formula, as the
//! contract and README publish it:
//! - `received`: cases filed against the business in the period;
//! - `resolved_by_business_share`: cases that ended resolved by the business ÷ received;
//! - `acted_within_72h_share`: cases the business first acted on within 72 hours ÷ received;
//! - `median_first_response_hours`: the median of `first_response_minutes` over the cases it
//!   acted on (the mean of the middle two when even), ÷ 60;
//! - `escalations`: cases escalated to the directorate; `upheld`: complaints it upheld;
//! - `reopened`: cases the consumer reopened because the agreed remedy never came (a reopened
//!   case counts as resolved by the business no longer, until it closes again).
//!
//! - the remedy and verdict figures of `super::redress` (money promised and confirmed, paid on
//!   time, overdue now, resolved as the consumers judge it, mean satisfaction).
//!
//! Shares are rounded to 4 decimals, hours to 2; counts are exact.

use serde::Serialize;
use uuid::Uuid;

use super::{PublicCase, RedressTally};

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Scorecard {
    pub business_id: Uuid,
    pub business_name: String,
    /// First month counted (`YYYY-MM`), if the period is bounded.
    pub from: Option<String>,
    /// Last month counted (`YYYY-MM`), if the period is bounded.
    pub to: Option<String>,
    pub received: u64,
    pub resolved_by_business: u64,
    pub resolved_by_business_share: Option<f64>,
    pub acted_within_72h: u64,
    pub acted_within_72h_share: Option<f64>,
    pub responded: u64,
    pub median_first_response_hours: Option<f64>,
    pub escalations: u64,
    pub upheld: u64,
    pub reopened: u64,
    pub money_promised_poisha: i64,
    pub money_confirmed_poisha: i64,
    pub obligations_due: u64,
    pub obligations_paid_on_time: u64,
    pub paid_on_time_share: Option<f64>,
    pub obligations_overdue: u64,
    pub consumer_verdicts: u64,
    pub consumer_resolved: u64,
    pub consumer_resolved_share: Option<f64>,
    pub mean_satisfaction: Option<f64>,
    /// While the business is in a surge of complaints (the policy's `surge` rule): a notice
    /// to the public.
    pub surge_notice: Option<crate::collective::SurgeNotice>,
}

/// Adds up rows one at a time (only the response times are kept, for the median).
#[derive(Debug, Clone, Default)]
pub struct ScorecardTally {
    received: u64,
    resolved: u64,
    acted: u64,
    escalations: u64,
    upheld: u64,
    reopened: u64,
    response_minutes: Vec<i64>,
    redress: RedressTally,
}

fn round(value: f64, places: i32) -> f64 {
    let scale = 10_f64.powi(places);
    (value * scale).round() / scale
}

/// What the store counts of a business's cases in a period, for its scorecard.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ScorecardCounts {
    pub received: u64,
    pub resolved_by_business: u64,
    pub escalations: u64,
    pub upheld: u64,
    pub reopened: u64,
    /// Whole minutes from filing to the business's first move, one per case it acted on.
    pub response_minutes: Vec<i64>,
    /// The cases' remedies and verdicts, added up.
    pub redress: RedressTally,
}

impl ScorecardTally {
    /// The tally of counts the store made in place of reading every row; the same formula.
    pub fn of_counts(counts: ScorecardCounts) -> ScorecardTally {
        ScorecardTally {
            received: counts.received,
            resolved: counts.resolved_by_business,
            acted: counts
                .response_minutes
                .iter()
                .filter(|m| **m <= super::public_case::WITHIN_72H_MINUTES)
                .count() as u64,
            escalations: counts.escalations,
            upheld: counts.upheld,
            reopened: counts.reopened,
            response_minutes: counts.response_minutes,
            redress: counts.redress,
        }
    }

    pub fn add(&mut self, row: &PublicCase) {
        self.received += 1;
        self.resolved += u64::from(row.resolved_by_business);
        self.acted += u64::from(row.acted_within_72h);
        self.escalations += u64::from(row.escalated);
        self.upheld += u64::from(row.upheld);
        self.reopened += u64::from(row.reopened);
        self.response_minutes.extend(row.first_response_minutes);
        self.redress.add(&row.redress());
    }

    pub fn finish(
        mut self,
        business_id: Uuid,
        business_name: String,
        period: (Option<String>, Option<String>),
    ) -> Scorecard {
        let share =
            |count: u64| (self.received > 0).then(|| round(count as f64 / self.received as f64, 4));
        self.response_minutes.sort_unstable();
        let n = self.response_minutes.len();
        let median_minutes = match n {
            0 => None,
            _ if n % 2 == 1 => Some(self.response_minutes[n / 2] as f64),
            _ => {
                Some((self.response_minutes[n / 2 - 1] + self.response_minutes[n / 2]) as f64 / 2.0)
            }
        };
        let redress = &self.redress;
        let (paid_on_time_share, consumer_resolved_share, mean_satisfaction) = redress.shares();
        Scorecard {
            money_promised_poisha: redress.promised_poisha,
            money_confirmed_poisha: redress.confirmed_poisha,
            obligations_due: redress.obligations_due,
            obligations_paid_on_time: redress.paid_on_time,
            paid_on_time_share,
            obligations_overdue: redress.overdue,
            consumer_verdicts: redress.verdicts,
            consumer_resolved: redress.consumer_resolved,
            consumer_resolved_share,
            mean_satisfaction,
            business_id,
            business_name,
            from: period.0,
            to: period.1,
            received: self.received,
            resolved_by_business: self.resolved,
            resolved_by_business_share: share(self.resolved),
            acted_within_72h: self.acted,
            acted_within_72h_share: share(self.acted),
            responded: n as u64,
            median_first_response_hours: median_minutes.map(|m| round(m / 60.0, 2)),
            escalations: self.escalations,
            upheld: self.upheld,
            reopened: self.reopened,
            surge_notice: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::complaint::{Category, Channel, State};

    fn row(minutes: Option<i64>, resolved: bool) -> PublicCase {
        PublicCase {
            id: Uuid::nil(),
            category: Category::NonDelivery,
            business_id: Uuid::nil(),
            business_name: "Shop".into(),
            channel: Channel::App,
            month_filed: "2026-11".into(),
            state: State::Closed,
            outcome: None,
            responded: minutes.is_some(),
            first_response_minutes: minutes,
            acted_within_72h: minutes.is_some_and(|m| m <= 72 * 60),
            resolved_by_business: resolved,
            escalated: !resolved,
            upheld: false,
            reopened: false,
            remedy: None,
            promised_poisha: 0,
            confirmed_poisha: 0,
            obligations_due: 0,
            obligations_paid_on_time: 0,
            obligations_overdue: 0,
            consumer_resolved: None,
            satisfaction: None,
            business_response: None,
            narrative: None,
        }
    }

    #[test]
    fn shares_and_the_median_follow_the_published_formula() {
        let mut tally = ScorecardTally::default();
        for r in [
            row(Some(60), true),
            row(Some(90), true),
            row(None, false),
            row(Some(5000), false),
        ] {
            tally.add(&r);
        }
        let card = tally.finish(Uuid::nil(), "Shop".into(), (None, None));
        assert_eq!(
            (
                card.received,
                card.resolved_by_business,
                card.acted_within_72h
            ),
            (4, 2, 2)
        );
        assert_eq!(card.resolved_by_business_share, Some(0.5));
        assert_eq!(card.median_first_response_hours, Some(1.5));
        assert_eq!(card.escalations, 2);
    }

    #[test]
    fn a_business_without_cases_has_no_shares() {
        let card = ScorecardTally::default().finish(Uuid::nil(), "Shop".into(), (None, None));
        assert_eq!(
            (
                card.received,
                card.resolved_by_business_share,
                card.median_first_response_hours
            ),
            (0, None, None)
        );
    }
}
