//! A referral of a case to a sector regulator: `sent` → `acknowledged` (with the regulator's own
//! reference) → `accepted` or `declined` (with a reason) → `concluded` (with an outcome, from
//! `accepted`). The regulator of the agency takes every step.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ReferralStatus {
    Sent,
    Acknowledged,
    Accepted,
    Declined,
    Concluded,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ReferralStep {
    /// Needs `reference`.
    Acknowledge,
    Accept,
    /// Needs `reason`.
    Decline,
    /// Needs `outcome`.
    Conclude,
}

const MOVES: &[(ReferralStatus, ReferralStep, ReferralStatus)] = &[
    (
        ReferralStatus::Sent,
        ReferralStep::Acknowledge,
        ReferralStatus::Acknowledged,
    ),
    (
        ReferralStatus::Acknowledged,
        ReferralStep::Accept,
        ReferralStatus::Accepted,
    ),
    (
        ReferralStatus::Acknowledged,
        ReferralStep::Decline,
        ReferralStatus::Declined,
    ),
    (
        ReferralStatus::Accepted,
        ReferralStep::Conclude,
        ReferralStatus::Concluded,
    ),
];

/// The status after `step`, or `None` if it does not follow from `status`.
pub fn step(status: ReferralStatus, step: ReferralStep) -> Option<ReferralStatus> {
    MOVES
        .iter()
        .find(|(from, s, _)| *from == status && *s == step)
        .map(|(_, _, to)| *to)
}

/// The statuses a regulator still works a referral in: those a step leaves from.
pub fn still_worked() -> Vec<ReferralStatus> {
    let mut from: Vec<ReferralStatus> = MOVES.iter().map(|(from, _, _)| *from).collect();
    from.dedup();
    from
}

/// The steps that follow from `status`, for the answer's `allowed_steps`.
pub fn next_steps(status: ReferralStatus) -> Vec<ReferralStep> {
    MOVES
        .iter()
        .filter(|(from, _, _)| *from == status)
        .map(|(_, s, _)| *s)
        .collect()
}

/// A referral as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Referral {
    pub id: uuid::Uuid,
    pub complaint_id: uuid::Uuid,
    pub agency_code: String,
    pub status: ReferralStatus,
    /// The regulator's own case reference, from acknowledgement.
    pub regulator_reference: Option<String>,
    /// Why it was declined.
    pub reason: Option<String>,
    /// How it concluded.
    pub outcome: Option<String>,
    /// `policy` or the officer's account id.
    pub referred_by: String,
    pub sent_at: chrono::DateTime<chrono::Utc>,
    pub acknowledged_at: Option<chrono::DateTime<chrono::Utc>>,
    pub decided_at: Option<chrono::DateTime<chrono::Utc>>,
    pub concluded_at: Option<chrono::DateTime<chrono::Utc>>,
    pub version: i64,
}
