//! A DNCRP decision: the verdict, the fine and the compensation ordered, and the reasons.

use super::super::complaint::{Decision, Poisha};

/// Why a decision cannot be recorded as given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BadDecision {
    /// A fine above the legal maximum.
    FineAboveMaximum,
    /// Only an upheld complaint carries a fine or compensation.
    AmountsWithoutUpholding,
}

/// What the decision orders, checked against the legal maximum fine.
pub fn check(
    verdict: Decision,
    fine: Poisha,
    compensation: Poisha,
    max_fine: Poisha,
) -> Result<(), BadDecision> {
    if verdict != Decision::Upheld && (fine.value() > 0 || compensation.value() > 0) {
        return Err(BadDecision::AmountsWithoutUpholding);
    }
    if fine.value() > max_fine.value() {
        return Err(BadDecision::FineAboveMaximum);
    }
    Ok(())
}

/// Once a case is assigned, its officer decides it; before that, any officer who may decide.
pub fn is_decider(assigned_officer: Option<uuid::Uuid>, account: &str) -> bool {
    assigned_officer.is_none_or(|officer| officer.to_string() == account)
}

/// A decision as recorded.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DecisionRecord {
    pub complaint_id: uuid::Uuid,
    pub verdict: Decision,
    pub fine_poisha: i64,
    pub compensation_poisha: i64,
    pub reasons: String,
    pub decided_by: String,
    pub decided_at: chrono::DateTime<chrono::Utc>,
    /// The last day a party may appeal to the Sessions Judge (60 days by default).
    pub appeal_until: chrono::DateTime<chrono::Utc>,
}
