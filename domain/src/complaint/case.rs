//! A complaint as the system holds it: the filing, where it was routed, and where it stands.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::routing::{RoutingDecision, RoutingPolicy};
use super::{CaseFacts, Filing, Outcome, Side, State, TrackingNumber};
use crate::access::{Relation, Role};
use crate::contact::PhoneNumber;

#[derive(Debug, Clone, PartialEq)]
pub struct Complaint {
    pub id: Uuid,
    pub tracking_number: TrackingNumber,
    pub consumer_id: Uuid,
    pub consumer_phone: PhoneNumber,
    /// The partner client (`client_id`) that pushed the complaint, if one did.
    pub pushed_by: Option<String>,
    /// The intake operator who filed the case for its complainant (hotline, walk-in, e-mail,
    /// post), if one did.
    pub filed_by: Option<Uuid>,
    /// When the case went to its first handler: at filing, or (filed by an operator) when its
    /// caller confirmed it. `None`: it never reached its business.
    pub routed_at: Option<DateTime<Utc>>,
    pub filing: Filing,
    pub routing: RoutingDecision,
    pub state: State,
    pub waiting_on_consumer: bool,
    pub outcome: Option<Outcome>,
    pub closed_at: Option<DateTime<Utc>>,
    /// When the case first went to the authority; from then on its officers see it.
    pub escalated_at: Option<DateTime<Utc>>,
    /// When the business first acted on the case (its first move), for its scorecard.
    pub first_response_at: Option<DateTime<Utc>>,
    /// When the consumer last reopened the case (its agreed remedy never came); the case has no
    /// outcome until it closes again, and the dataset and scorecards show it as reopened.
    pub reopened_at: Option<DateTime<Utc>>,
    /// How many times the business asked the consumer for information (the policy bounds it).
    pub info_requests: u32,
    /// The legal clocks running on the case.
    pub clocks: super::clocks::Clocks,
    /// The DNCRP officer working the case.
    pub assigned_officer: Option<Uuid>,
    /// An obligation owed to the consumer is overdue or disputed: kept by the ledger's writes
    /// (`ledger::fails_the_consumer`), so the lifecycle lets the consumer reopen.
    pub remedy_failing: bool,
    /// The original this re-filing was merged into (it closed as `duplicate`).
    pub merged_into: Option<Uuid>,
    /// An earlier case intake found this one likely re-files, for coordinators to look at.
    pub possible_duplicate_of: Option<Uuid>,
    /// When its personal data was erased (retention or the consumer's request): its phone,
    /// e-mail, texts and evidence bytes are gone; its dates, states and amounts stay.
    pub erased_at: Option<DateTime<Utc>>,
    /// Bumped on every change; `If-Match` compares against it.
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Complaint {
    /// What the lifecycle needs to know of the case, under the policy version it was filed in.
    pub fn facts(&self, policy: &RoutingPolicy) -> CaseFacts {
        CaseFacts {
            info_requests_left: policy
                .info_requests
                .per_case
                .saturating_sub(self.info_requests),
            state: self.state,
            waiting_on_consumer: self.waiting_on_consumer,
            remedy_failing: self.remedy_failing,
            outcome: self.outcome,
            reopen_until: self
                .clocks
                .deadline_of(super::clocks::ClockKind::ReopenWindow),
        }
    }

    /// Filed by an operator and not yet confirmed by its complainant: held, unrouted, no
    /// business or agency hears of it, until the code arrives or its clock closes it.
    pub fn is_held(&self) -> bool {
        self.state == super::State::Submitted
    }

    /// Whether the case ever went to its first handler (`routed_at`): a held case that closed
    /// unconfirmed, was withdrawn or was closed by a coordinator never did. Only such cases are
    /// the business's to see, hear of and count on its scorecard.
    pub fn reached_business(&self) -> bool {
        self.routed_at.is_some()
    }

    /// How a caller stands to this case, for the policy table.
    pub fn relation(&self, caller: &CaseCaller) -> Relation {
        let escalated_to_mine = self.escalated_at.is_some()
            && caller.agency.as_deref() == Some(self.routing.escalation_agency.as_str());
        // The policy's referrals open when the case first reaches the authority.
        let referred_to_mine = self.escalated_at.is_some()
            && caller
                .agency
                .as_ref()
                .is_some_and(|a| self.routing.referrals.contains(a));
        Relation {
            own: caller.account_id == Some(self.consumer_id)
                || (caller.client_id.is_some() && caller.client_id == self.pushed_by),
            // A held case is not the business's yet (and never is, if it closes unconfirmed).
            same_business: caller.business_id == Some(self.filing.business_id)
                && self.reached_business(),
            business_admin: false,
            same_agency: match caller.role {
                Role::Officer => escalated_to_mine,
                Role::Regulator => referred_to_mine,
                Role::Consumer
                | Role::BusinessAgent
                | Role::Partner
                | Role::Coordinator
                | Role::Auditor
                | Role::Admin
                | Role::IntakeOperator => false,
            },
            filed_it: caller.role == Role::IntakeOperator
                && caller.account_id.is_some()
                && caller.account_id == self.filed_by,
        }
    }
}

/// Who is asking, as far as cases are concerned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseCaller {
    pub role: Role,
    pub account_id: Option<Uuid>,
    /// A partner's client id.
    pub client_id: Option<String>,
    pub business_id: Option<Uuid>,
    pub agency: Option<String>,
}

/// The side of the case a caller acts on, if any: the lifecycle table decides from there.
pub fn side(role: Role, relation: Relation) -> Option<Side> {
    match role {
        Role::Consumer => relation.own.then_some(Side::Consumer),
        Role::BusinessAgent | Role::Partner => relation.same_business.then_some(Side::Business),
        Role::Officer => relation.same_agency.then_some(Side::Authority),
        Role::Coordinator => Some(Side::Coordinator),
        Role::Regulator | Role::Auditor | Role::Admin | Role::IntakeOperator => None,
    }
}
