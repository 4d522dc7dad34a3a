//! Which cases a caller's lists hold: the reach of the `ViewCase` rows of the policy table, in a
//! form a query can filter by (`persistence` turns each into SQL). It is the one rule lists,
//! search and counts follow; a test checks, case by case and role by role, that it covers
//! exactly the cases `permits(role, ViewCase, relation)` lets the caller read one by one.

use uuid::Uuid;

use super::Role;
use super::filing::{Respondent, partner_reaches};
use crate::complaint::{CaseCaller, Complaint};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Visibility {
    All,
    /// A consumer's own cases.
    Consumer(Uuid),
    /// Cases against a business.
    Business(Uuid),
    /// Cases that name a partner's business, and those it pushed against its sellers.
    Partner {
        client_id: String,
        business_id: Option<Uuid>,
    },
    /// Cases escalated to an agency (its officers).
    EscalatedTo(String),
    /// Cases referred to an agency once escalated (its regulators).
    ReferredTo(String),
    /// Cases an intake operator filed.
    FiledBy(Uuid),
    Nothing,
}

impl Visibility {
    pub fn of(caller: &CaseCaller) -> Visibility {
        let agency = caller.agency.clone();
        match caller.role {
            Role::Coordinator | Role::Auditor => Visibility::All,
            Role::Consumer => caller
                .account_id
                .map_or(Visibility::Nothing, Visibility::Consumer),
            Role::BusinessAgent => caller
                .business_id
                .map_or(Visibility::Nothing, Visibility::Business),
            Role::Partner => Visibility::Partner {
                client_id: caller.client_id.clone().unwrap_or_default(),
                business_id: caller.business_id,
            },
            Role::Officer => agency.map_or(Visibility::Nothing, Visibility::EscalatedTo),
            Role::Regulator => agency.map_or(Visibility::Nothing, Visibility::ReferredTo),
            Role::IntakeOperator => caller
                .account_id
                .map_or(Visibility::Nothing, Visibility::FiledBy),
            Role::Admin => Visibility::Nothing,
        }
    }

    /// Whether `case` is in reach: what the query checks, for one case. `referred_to` lists
    /// the agencies the case was referred to; `respondent` is the business it names.
    pub fn covers(&self, case: &Complaint, referred_to: &[String], respondent: Respondent) -> bool {
        let escalated = case.escalated_at.is_some();
        match self {
            Visibility::All => true,
            Visibility::Consumer(id) => case.consumer_id == *id,
            // A held case is not the business's until its complainant confirms it.
            Visibility::Business(id) => case.filing.business_id == *id && case.reached_business(),
            Visibility::Partner {
                client_id,
                business_id,
            } => {
                (*business_id == Some(case.filing.business_id) && case.reached_business())
                    || (case.pushed_by.as_deref() == Some(client_id.as_str())
                        && partner_reaches(*business_id, respondent))
            }
            Visibility::EscalatedTo(code) => escalated && case.routing.escalation_agency == *code,
            Visibility::ReferredTo(code) => escalated && referred_to.contains(code),
            Visibility::FiledBy(id) => case.filed_by == Some(*id),
            Visibility::Nothing => false,
        }
    }
}

#[cfg(test)]
#[path = "visibility_tests.rs"]
mod tests;
