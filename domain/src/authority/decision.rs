//! A DNCRP decision: the verdict, the fine and the compensation ordered, and the reasons.

use chrono::{DateTime, Utc};

use super::hearing::{Hearing, HearingStatus, is_open};
use super::ledger::ObligationKind;
use crate::complaint::clocks::{ClockKind, Timing};
use crate::complaint::{Complaint, Decision, Poisha};

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

/// The ledger lines a decision opens: compensation to the consumer and the fine to the state,
/// each only when ordered (above zero); both fall due on the policy's refund clock.
pub fn obligations_ordered(fine: Poisha, compensation: Poisha) -> Vec<(ObligationKind, i64)> {
    [
        (ObligationKind::Compensation, compensation.value()),
        (ObligationKind::Fine, fine.value()),
    ]
    .into_iter()
    .filter(|(_, amount)| *amount > 0)
    .collect()
}

/// The last moment to appeal: the appeal window the decision started on the case, as the
/// case's policy version sets it (CRPA 2009: to the Sessions Judge).
pub fn appeal_until(decided: &Complaint, timing: &Timing<'_>, now: DateTime<Utc>) -> DateTime<Utc> {
    decided
        .clocks
        .deadline_of(ClockKind::AppealWindow)
        .unwrap_or_else(|| timing.deadline(ClockKind::AppealWindow, now))
}

/// A decision ends every hearing still set on the case: they are cancelled, with the reason.
pub fn hearings_ended(hearings: Vec<Hearing>) -> Vec<Hearing> {
    hearings
        .into_iter()
        .filter(|h| is_open(h.status))
        .map(|open| Hearing {
            status: HearingStatus::Cancelled,
            reason: Some("The case was decided.".into()),
            ..open
        })
        .collect()
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
