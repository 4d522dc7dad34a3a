//! What a move does to a case: the lifecycle's next state with every effect it has on the
//! stored case (its outcome, when it closed, first reached the authority or first heard from
//! the business, the officer an `assign` names, the information requests spent) and what its
//! clocks did. Worked out here once, for people and the deadline worker alike; the caller
//! writes it.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::clocks::{ClockChange, ClockKind, Clocks, Timing};
use super::{
    Action, Complaint, Decision, Move, Outcome, OutcomeChange, Side, State, WaitingChange, attempt,
    spends_info_request,
};

/// What a move carries besides its action.
#[derive(Debug, Clone, Default)]
pub struct MoveDetails {
    pub note: Option<String>,
    pub decision: Option<Decision>,
    pub officer_id: Option<Uuid>,
    /// The remedy a `propose_resolution` offers.
    pub offer: Option<super::offer::Remedial>,
}

/// How a move changes the stored case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseChange {
    pub state: State,
    pub waiting_on_consumer: bool,
    pub outcome: Option<Outcome>,
    pub closed_at: Option<DateTime<Utc>>,
    pub escalated_at: Option<DateTime<Utc>>,
    pub first_response_at: Option<DateTime<Utc>>,
    pub reopened_at: Option<DateTime<Utc>>,
    pub info_requests: u32,
    pub assigned_officer: Option<Uuid>,
    pub clocks: Clocks,
}

/// Times are kept to the microsecond, the precision both databases store exactly.
pub fn kept(at: DateTime<Utc>) -> DateTime<Utc> {
    DateTime::from_timestamp_micros(at.timestamp_micros()).unwrap_or(at)
}

impl CaseChange {
    /// The change that keeps `case` as it is; override the fields a change touches.
    pub fn keeping(case: &Complaint) -> CaseChange {
        CaseChange {
            state: case.state,
            waiting_on_consumer: case.waiting_on_consumer,
            outcome: case.outcome,
            closed_at: case.closed_at,
            escalated_at: case.escalated_at,
            first_response_at: case.first_response_at,
            reopened_at: case.reopened_at,
            info_requests: case.info_requests,
            assigned_officer: case.assigned_officer,
            clocks: case.clocks.clone(),
        }
    }

    /// The case as it reads once this change is written at `at`: one version on.
    pub fn applied_to(&self, case: &Complaint, at: DateTime<Utc>) -> Complaint {
        Complaint {
            state: self.state,
            waiting_on_consumer: self.waiting_on_consumer,
            outcome: self.outcome,
            closed_at: self.closed_at.map(kept),
            escalated_at: self.escalated_at.map(kept),
            first_response_at: self.first_response_at.map(kept),
            reopened_at: self.reopened_at.map(kept),
            info_requests: self.info_requests,
            assigned_officer: self.assigned_officer,
            clocks: self.clocks.clone(),
            version: case.version + 1,
            updated_at: kept(at),
            ..case.clone()
        }
    }
}

/// A move the lifecycle allowed, with all it changes.
#[derive(Debug, Clone)]
pub struct Transition {
    pub change: CaseChange,
    pub clock_changes: Vec<(ClockKind, ClockChange)>,
    /// The case once the change is written.
    pub after: Complaint,
    /// The case reached the authority for the first time: the policy's referrals open.
    pub first_escalation: bool,
}

/// Why a move cannot be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MoveRefused {
    #[error("the lifecycle does not allow this move now")]
    NotAllowed { allowed: Vec<Action> },
    #[error("a decision move needs its decision")]
    DecisionRequired,
    #[error("a proposed resolution needs its remedy")]
    RemedyRequired,
}

/// `action` by `side` on `case` at `now`, as the lifecycle table and the clock rules say.
pub fn transition(
    case: &Complaint,
    (action, side): (Action, Side),
    details: &MoveDetails,
    now: DateTime<Utc>,
    timing: &Timing<'_>,
) -> Result<Transition, MoveRefused> {
    let to: Move = attempt(&case.facts(timing.policy), action, side, now).map_err(|wrong| {
        MoveRefused::NotAllowed {
            allowed: wrong.allowed,
        }
    })?;
    if action == Action::ProposeResolution && details.offer.is_none() {
        return Err(MoveRefused::RemedyRequired);
    }
    let outcome = match to.outcome {
        OutcomeChange::Keep => case.outcome,
        OutcomeChange::Clear => None,
        OutcomeChange::Set(outcome) => Some(outcome),
        OutcomeChange::FromDecision => Some(
            details
                .decision
                .ok_or(MoveRefused::DecisionRequired)?
                .outcome(),
        ),
    };
    let finished = matches!(to.to, State::Closed | State::Withdrawn | State::Rejected);
    let (clocks, clock_changes) =
        case.clocks
            .after_move((case.state, to.to, action), to.waiting, now, timing);
    let change = CaseChange {
        state: to.to,
        waiting_on_consumer: match to.waiting {
            WaitingChange::Keep => case.waiting_on_consumer,
            WaitingChange::Start => true,
            WaitingChange::Stop => false,
        },
        outcome,
        closed_at: if finished {
            case.closed_at.or(Some(now))
        } else {
            None
        },
        escalated_at: case
            .escalated_at
            .or((to.to == State::Escalated).then_some(now)),
        first_response_at: case
            .first_response_at
            .or((side == Side::Business).then_some(now)),
        info_requests: case.info_requests + u32::from(spends_info_request(action, side)),
        reopened_at: if action == Action::Reopen {
            Some(now)
        } else {
            case.reopened_at
        },
        assigned_officer: if action == Action::Assign {
            details.officer_id.or(case.assigned_officer)
        } else {
            case.assigned_officer
        },
        clocks,
    };
    let after = change.applied_to(case, now);
    Ok(Transition {
        first_escalation: case.escalated_at.is_none() && after.escalated_at.is_some(),
        change,
        clock_changes,
        after,
    })
}

#[cfg(test)]
#[path = "transition_tests.rs"]
mod tests;
