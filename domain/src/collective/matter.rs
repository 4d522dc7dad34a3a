//! A collective matter: the cases of many complainants against one business, handled by one
//! officer, heard together and decided together. Each case keeps its own outcome and ledger.

use serde::{Deserialize, Serialize};

use crate::access::Role;
use crate::authority::decision::{self, BadDecision};
use crate::complaint::{Complaint, Decision, Poisha, State};

#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Serialize,
    Deserialize,
    strum::IntoStaticStr,
    strum::EnumString,
)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum MatterStatus {
    /// Taking cases; a hearing may be set.
    Open,
    /// Decided: every case has its outcome and obligations; it takes no more cases.
    Decided,
}

/// What a matter's decision decides: a case under investigation or with a hearing set, in the
/// hands of the matter's officer. A case that left them (withdrawn, merged, decided alone,
/// reassigned) is left out and reported, never blocking the others.
pub fn decidable(matter: &Matter, case: &Complaint) -> bool {
    matches!(
        case.state,
        State::UnderInvestigation | State::HearingScheduled
    ) && case.assigned_officer == Some(matter.officer_id)
}

impl Matter {
    /// Who decides it: its own officer only.
    pub fn decided_by(&self, account: Option<uuid::Uuid>) -> bool {
        account == Some(self.officer_id)
    }

    /// Who sets its hearing: its officer, or a coordinator (who runs hearings on any case).
    pub fn heard_by(&self, role: Role, account: Option<uuid::Uuid>) -> bool {
        match role {
            Role::Officer => self.decided_by(account),
            Role::Coordinator => true,
            Role::Consumer
            | Role::BusinessAgent
            | Role::Partner
            | Role::Regulator
            | Role::Auditor
            | Role::Admin
            | Role::IntakeOperator => false,
        }
    }
}

/// The states a case may join a matter from: at the authority, not decided yet.
pub const JOINS_FROM: &[State] = &[
    State::Escalated,
    State::UnderInvestigation,
    State::HearingScheduled,
];

/// Why a case did not join a matter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, strum::IntoStaticStr)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum JoinRefusal {
    /// No case the caller may see has this id.
    UnknownCase,
    /// The case is against another business.
    OtherBusiness,
    /// Still with the business, or already decided or closed.
    NotAtAuthority,
    /// Escalated to another agency than the matter's.
    OtherAgency,
    /// Already in a matter (this one or another).
    InAMatter,
    /// It could not be assigned to the matter's officer (the officer left, say).
    NotAssignable,
    /// The matter is decided.
    MatterDecided,
}

/// Whether `case` may join `matter`.
pub fn may_join(matter: &Matter, case: &Complaint) -> Result<(), JoinRefusal> {
    match matter.status {
        MatterStatus::Decided => Err(JoinRefusal::MatterDecided),
        MatterStatus::Open if case.filing.business_id != matter.business_id => {
            Err(JoinRefusal::OtherBusiness)
        }
        MatterStatus::Open if case.routing.escalation_agency != matter.agency_code => {
            Err(JoinRefusal::OtherAgency)
        }
        MatterStatus::Open if !JOINS_FROM.contains(&case.state) => Err(JoinRefusal::NotAtAuthority),
        MatterStatus::Open => Ok(()),
    }
}

/// What each complainant is owed back by a matter's decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RefundBasis {
    /// What the complainant paid (`amount_paid` of their case).
    AmountPaid,
    /// What the complainant claimed (`amount_claimed`).
    AmountClaimed,
    /// Nothing: a dismissal, or a fine only.
    Nothing,
}

/// One decision for every case of a matter: the verdict, each complainant's compensation by
/// their own case, and the fine on each case (a quarter of which, collected, goes to that
/// complainant by the ledger's rule).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MatterDecision {
    pub verdict: Decision,
    pub refund: RefundBasis,
    pub fine_per_case: Poisha,
}

impl MatterDecision {
    /// The fine and compensation ordered on `case`.
    pub fn ordered_on(&self, case: &Complaint) -> (Poisha, Poisha) {
        let compensation = match self.refund {
            RefundBasis::AmountPaid => case.filing.amount_paid,
            RefundBasis::AmountClaimed => case.filing.amount_claimed,
            RefundBasis::Nothing => Poisha::ZERO,
        };
        (self.fine_per_case, compensation)
    }

    /// The same checks as one case's decision, before any case is touched: only an upheld
    /// matter orders money, the fine within the legal maximum.
    pub fn check(&self, max_fine: Poisha) -> Result<(), BadDecision> {
        let orders_refund = if self.refund == RefundBasis::Nothing {
            Poisha::ZERO
        } else {
            Poisha::ONE
        };
        decision::check(self.verdict, self.fine_per_case, orders_refund, max_fine)
    }
}

/// A collective matter as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Matter {
    pub id: uuid::Uuid,
    pub business_id: uuid::Uuid,
    pub title: String,
    /// The agency that handles it (the escalation agency, DNCRP); its officers may see it.
    pub agency_code: String,
    /// The officer who hears and decides it; every case in it is assigned to them.
    pub officer_id: uuid::Uuid,
    pub status: MatterStatus,
    /// New cases against the business join it at filing while it is open.
    pub auto_join: bool,
    pub opened_by: String,
    pub opened_at: chrono::DateTime<chrono::Utc>,
    pub decided_at: Option<chrono::DateTime<chrono::Utc>>,
    pub version: i64,
}

#[cfg(test)]
#[path = "matter_tests.rs"]
mod tests;
