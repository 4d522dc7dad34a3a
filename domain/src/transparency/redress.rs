//! What a case's remedy and the consumer's verdict add to the open dataset, and how a business's
//! scorecard adds them up. The published formula:
//! - `money_promised_poisha` / `money_confirmed_poisha`: refunds and compensation the business
//!   owes consumers, and the part of it the consumers confirmed (goods are not money);
//! - `paid_on_time_share`: obligations to consumers paid by their due time ÷ those that fell due
//!   (paid, or past their due time), rounded to 4 decimals;
//! - `obligations_overdue`: obligations to consumers overdue now;
//! - `consumer_resolved_share`: verdicts saying "resolved" ÷ verdicts given;
//! - `mean_satisfaction`: the mean rating (1 to 5) over the cases rated, rounded to 2 decimals.

use chrono::{DateTime, Utc};

use crate::authority::ledger::{Obligation, ObligationKind, ObligationStatus, Party};
use crate::complaint::Remedy;

/// A case's remedy and verdict, as the dataset shows them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RedressFacts {
    /// The remedy of the offer the consumer accepted.
    pub remedy: Option<Remedy>,
    pub promised_poisha: i64,
    pub confirmed_poisha: i64,
    pub obligations_due: u32,
    pub paid_on_time: u32,
    pub overdue: u32,
    pub consumer_resolved: Option<bool>,
    pub satisfaction: Option<i32>,
    /// The business's response, once a coordinator published it (as written; shown scrubbed).
    pub business_response: Option<String>,
}

/// Obligations that move money from the business to the consumer.
const MONEY: &[ObligationKind] = &[ObligationKind::Refund, ObligationKind::Compensation];

impl RedressFacts {
    /// The facts of one case at `now`: its accepted remedy, its obligations, its verdict
    /// (`resolved` is none on ratings given before CCMS asked) and rating.
    pub fn of(
        remedy: Option<Remedy>,
        obligations: &[Obligation],
        verdict: Option<(Option<bool>, i32)>,
        now: DateTime<Utc>,
    ) -> RedressFacts {
        let to_consumer: Vec<&Obligation> = obligations
            .iter()
            .filter(|o| o.payer == Party::Business && o.receiver == Party::Consumer)
            .collect();
        let money = |o: &&&Obligation| MONEY.contains(&o.kind);
        let count = |keep: &dyn Fn(&Obligation) -> bool| {
            u32::try_from(to_consumer.iter().filter(|o| keep(o)).count()).unwrap_or(u32::MAX)
        };
        RedressFacts {
            remedy,
            promised_poisha: to_consumer
                .iter()
                .filter(money)
                .map(|o| o.amount_poisha)
                .sum(),
            confirmed_poisha: to_consumer
                .iter()
                .filter(money)
                .filter(|o| o.status == ObligationStatus::Confirmed)
                .map(|o| o.amount_poisha)
                .sum(),
            obligations_due: count(&|o| o.paid_at.is_some() || o.due_at <= now),
            paid_on_time: count(&|o| o.paid_at.is_some_and(|paid| paid <= o.due_at)),
            overdue: count(&|o| o.status == ObligationStatus::Overdue),
            consumer_resolved: verdict.and_then(|(resolved, _)| resolved),
            satisfaction: verdict.map(|(_, rating)| rating),
            business_response: None,
        }
    }
}

/// Adds up the redress of a business's cases.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RedressTally {
    pub promised_poisha: i64,
    pub confirmed_poisha: i64,
    pub obligations_due: u64,
    pub paid_on_time: u64,
    pub overdue: u64,
    pub verdicts: u64,
    pub consumer_resolved: u64,
    pub ratings: u64,
    pub rating_sum: i64,
}

impl RedressTally {
    pub fn add(&mut self, facts: &RedressFacts) {
        self.promised_poisha += facts.promised_poisha;
        self.confirmed_poisha += facts.confirmed_poisha;
        self.obligations_due += u64::from(facts.obligations_due);
        self.paid_on_time += u64::from(facts.paid_on_time);
        self.overdue += u64::from(facts.overdue);
        self.verdicts += u64::from(facts.consumer_resolved.is_some());
        self.consumer_resolved += u64::from(facts.consumer_resolved == Some(true));
        self.ratings += u64::from(facts.satisfaction.is_some());
        self.rating_sum += i64::from(facts.satisfaction.unwrap_or(0));
    }

    /// `paid_on_time_share`, `consumer_resolved_share` and `mean_satisfaction`, as published.
    pub fn shares(&self) -> (Option<f64>, Option<f64>, Option<f64>) {
        let ratio = |part: f64, whole: u64, places: i32| {
            let scale = 10_f64.powi(places);
            (whole > 0).then(|| (part / whole as f64 * scale).round() / scale)
        };
        (
            ratio(self.paid_on_time as f64, self.obligations_due, 4),
            ratio(self.consumer_resolved as f64, self.verdicts, 4),
            ratio(self.rating_sum as f64, self.ratings, 2),
        )
    }
}

#[cfg(test)]
#[path = "redress_tests.rs"]
mod tests;
