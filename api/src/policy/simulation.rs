//! What a simulation answers: the draft's admissibility under the policy in force, where it
//! would go, and every deadline intake would start, each with its source.

use ccms_domain::calendar::Calendar;
use ccms_domain::complaint::admissibility::{self, IntakeContext};
use ccms_domain::complaint::clocks::{CLOCK_RULES, Timing};
use ccms_domain::complaint::routing::{FirstHandler, Priority, RoutingPolicy};
use ccms_domain::complaint::{Filing, State};
use ccms_domain::registry::BusinessStatus;
use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;

use super::document::{RuleView, code};
use crate::problem::ApiError;

#[derive(Debug, Serialize, ToSchema)]
pub struct Simulation {
    pub admissible: bool,
    /// The rule that would refuse it, if one would.
    pub refused_by: Option<RuleView>,
    pub policy_version: u32,
    pub rule: String,
    pub first_handler: FirstHandler,
    pub escalation_agency: String,
    pub referrals: Vec<String>,
    pub priority: Priority,
    /// The clocks intake would start, with their deadlines.
    pub deadlines: Vec<SimulatedDeadline>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SimulatedDeadline {
    pub clock: String,
    pub deadline: DateTime<Utc>,
    pub source: String,
}

impl Simulation {
    /// What `policy` (with `holidays`) would do with `filing` filed at `at` against a business
    /// of `status` (none: not registered).
    pub(super) fn of(
        (filing, at): (&Filing, DateTime<Utc>),
        status: Option<BusinessStatus>,
        policy: &RoutingPolicy,
        holidays: &Calendar,
    ) -> Result<Simulation, ApiError> {
        let context = IntakeContext {
            business: status,
            now: at,
            filing_window_days: policy.filing_window.days,
        };
        let refused_by = admissibility::check(filing, &context)
            .err()
            .map(|r| RuleView {
                code: r.refusal.code().to_owned(),
                source: r.source.to_owned(),
            });
        let routing = policy
            .route(filing.category)
            .ok_or_else(|| ApiError::Internal("no routing rule".into()))?;
        let entered = match routing.first_handler {
            FirstHandler::Business => State::WithBusiness,
            FirstHandler::Agency => State::Escalated,
        };
        let timing = Timing::new(holidays, policy).of_category(filing.category);
        let deadlines = CLOCK_RULES
            .iter()
            .filter(|rule| rule.starts_in == entered)
            .map(|rule| SimulatedDeadline {
                clock: code(&rule.kind),
                deadline: timing.deadline(rule.kind, at),
                source: timing.source(rule.kind).to_owned(),
            })
            .collect();
        Ok(Simulation {
            admissible: refused_by.is_none(),
            refused_by,
            policy_version: routing.policy_version,
            rule: routing.rule,
            first_handler: routing.first_handler,
            escalation_agency: routing.escalation_agency,
            referrals: routing.referrals,
            priority: routing.priority,
            deadlines,
        })
    }
}
