//! One case as the open dataset shows it.

use chrono::{DateTime, FixedOffset, Utc};
use serde::Serialize;
use uuid::Uuid;

use super::RedressFacts;
use crate::complaint::{Category, Channel, Outcome, Remedy, State};

/// What the store reads of a case for the dataset.
#[derive(Debug, Clone, PartialEq)]
pub struct CaseRecord {
    /// The dataset's random id for the case, never its case id.
    pub public_id: Uuid,
    pub category: Category,
    pub business_id: Uuid,
    pub business_name: String,
    pub channel: Channel,
    pub filed_at: DateTime<Utc>,
    pub state: State,
    pub outcome: Option<Outcome>,
    pub first_response_at: Option<DateTime<Utc>>,
    pub escalated_at: Option<DateTime<Utc>>,
    pub reopened_at: Option<DateTime<Utc>>,
    /// The consumer agreed to publish the narrative.
    pub consent_to_publish: bool,
    pub description: String,
    /// Its remedy, ledger and verdict, as of the read.
    pub redress: RedressFacts,
}

/// A row of the open dataset: no personal data, and the narrative only where the consumer
/// consented, scrubbed.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublicCase {
    /// A random id for the row, unrelated to the case's id and filing time.
    pub id: Uuid,
    pub category: Category,
    pub business_id: Uuid,
    pub business_name: String,
    pub channel: Channel,
    /// `YYYY-MM`, in Dhaka time.
    pub month_filed: String,
    pub state: State,
    pub outcome: Option<Outcome>,
    /// The business acted on the case (any move of its own).
    pub responded: bool,
    /// Whole minutes from filing to the business's first move.
    pub first_response_minutes: Option<i64>,
    /// The business's first move came within 72 hours of filing.
    pub acted_within_72h: bool,
    /// The case ended resolved by the business.
    pub resolved_by_business: bool,
    pub escalated: bool,
    /// The directorate upheld the complaint.
    pub upheld: bool,
    /// The consumer reopened the case (the agreed remedy never came): it counts as resolved by
    /// the business no longer, and has no outcome until it closes again.
    pub reopened: bool,
    /// The remedy of the offer the consumer accepted, if any.
    pub remedy: Option<Remedy>,
    /// Refunds and compensation the business owes the consumer, in poisha.
    pub promised_poisha: i64,
    /// The part of it the consumer confirmed as received.
    pub confirmed_poisha: i64,
    /// Obligations to the consumer that fell due (paid, or past their due time).
    pub obligations_due: u32,
    /// Of those, paid by their due time.
    pub obligations_paid_on_time: u32,
    /// Obligations to the consumer overdue now.
    pub obligations_overdue: u32,
    /// The consumer's verdict: was it resolved (none until given).
    pub consumer_resolved: Option<bool>,
    /// The consumer's rating, 1 to 5.
    pub satisfaction: Option<i32>,
    /// The business's public response, once a coordinator published it, scrubbed like
    /// narratives.
    pub business_response: Option<String>,
    pub narrative: Option<String>,
}

/// A first move at most this many whole minutes after filing counts as within 72 hours.
pub const WITHIN_72H_MINUTES: i64 = 72 * 60;

/// `YYYY-MM` of an instant in Dhaka (UTC+6, no daylight saving).
pub fn dhaka_month(at: DateTime<Utc>) -> String {
    let dhaka = FixedOffset::east_opt(6 * 3600)
        .map_or(at.naive_utc(), |tz| at.with_timezone(&tz).naive_local());
    dhaka.format("%Y-%m").to_string()
}

impl PublicCase {
    /// The row's remedy and verdict, as the scorecard adds them up.
    pub fn redress(&self) -> RedressFacts {
        RedressFacts {
            remedy: self.remedy,
            promised_poisha: self.promised_poisha,
            confirmed_poisha: self.confirmed_poisha,
            obligations_due: self.obligations_due,
            paid_on_time: self.obligations_paid_on_time,
            overdue: self.obligations_overdue,
            consumer_resolved: self.consumer_resolved,
            satisfaction: self.satisfaction,
            business_response: self.business_response.clone(),
        }
    }

    /// The row without its narrative: what the scorecards count.
    pub fn facts_of(record: &CaseRecord) -> PublicCase {
        PublicCase::of(&CaseRecord {
            consent_to_publish: false,
            description: String::new(),
            ..record.clone()
        })
    }

    pub fn of(record: &CaseRecord) -> PublicCase {
        let response = record.first_response_at.map(|at| at - record.filed_at);
        PublicCase {
            id: record.public_id,
            category: record.category,
            business_id: record.business_id,
            business_name: record.business_name.clone(),
            channel: record.channel,
            month_filed: dhaka_month(record.filed_at),
            state: record.state,
            outcome: record.outcome,
            responded: response.is_some(),
            first_response_minutes: response.map(|d| d.num_minutes().max(0)),
            acted_within_72h: response.is_some_and(|d| d.num_minutes() <= WITHIN_72H_MINUTES),
            resolved_by_business: record.outcome == Some(Outcome::ResolvedByBusiness),
            escalated: record.escalated_at.is_some(),
            upheld: record.outcome == Some(Outcome::DecidedUpheld),
            reopened: record.reopened_at.is_some(),
            remedy: record.redress.remedy,
            promised_poisha: record.redress.promised_poisha,
            confirmed_poisha: record.redress.confirmed_poisha,
            obligations_due: record.redress.obligations_due,
            obligations_paid_on_time: record.redress.paid_on_time,
            obligations_overdue: record.redress.overdue,
            consumer_resolved: record.redress.consumer_resolved,
            satisfaction: record.redress.satisfaction,
            business_response: record
                .redress
                .business_response
                .as_deref()
                .map(super::scrub),
            narrative: record
                .consent_to_publish
                .then(|| super::scrub(&record.description)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record() -> CaseRecord {
        CaseRecord {
            public_id: Uuid::nil(),
            category: Category::NonDelivery,
            business_id: Uuid::nil(),
            business_name: "Shop".into(),
            channel: Channel::App,
            filed_at: "2026-10-31T19:00:00Z".parse().unwrap(),
            state: State::Closed,
            outcome: Some(Outcome::ResolvedByBusiness),
            first_response_at: Some("2026-11-03T19:00:00Z".parse().unwrap()),
            escalated_at: None,
            reopened_at: None,
            consent_to_publish: false,
            description: "Call me on 01712345678".into(),
            redress: RedressFacts::default(),
        }
    }

    #[test]
    fn the_month_is_dhakas_and_72_hours_counts_as_in_time() {
        let row = PublicCase::of(&record());
        assert_eq!(row.month_filed, "2026-11");
        assert_eq!(row.first_response_minutes, Some(72 * 60));
        assert!(row.acted_within_72h && row.resolved_by_business && !row.escalated);
    }

    #[test]
    fn a_narrative_is_published_only_with_consent_and_scrubbed() {
        assert_eq!(PublicCase::of(&record()).narrative, None);
        let consented = CaseRecord {
            consent_to_publish: true,
            ..record()
        };
        assert_eq!(
            PublicCase::of(&consented).narrative.as_deref(),
            Some("Call me on [number removed]")
        );
    }
}
