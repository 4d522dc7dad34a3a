//! A complaint as the system holds it: the filing, where it was routed, and where it stands.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::routing::RoutingDecision;
use super::{CaseFacts, Filing, Outcome, State, TrackingNumber};
use crate::contact::PhoneNumber;

#[derive(Debug, Clone, PartialEq)]
pub struct Complaint {
    pub id: Uuid,
    pub tracking_number: TrackingNumber,
    pub consumer_id: Uuid,
    pub consumer_phone: PhoneNumber,
    /// The partner client (`client_id`) that pushed the complaint, if one did.
    pub pushed_by: Option<String>,
    pub filing: Filing,
    pub routing: RoutingDecision,
    pub state: State,
    pub waiting_on_consumer: bool,
    pub outcome: Option<Outcome>,
    pub closed_at: Option<DateTime<Utc>>,
    /// The DNCRP officer working the case.
    pub assigned_officer: Option<Uuid>,
    /// Bumped on every change; `If-Match` compares against it.
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Complaint {
    pub fn facts(&self) -> CaseFacts {
        CaseFacts {
            state: self.state,
            waiting_on_consumer: self.waiting_on_consumer,
            outcome: self.outcome,
            closed_at: self.closed_at,
        }
    }

    /// The agencies the case concerns: where it escalates, and the regulators it is referred to.
    pub fn agencies(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.routing.escalation_agency.as_str())
            .chain(self.routing.referrals.iter().map(String::as_str))
    }
}
