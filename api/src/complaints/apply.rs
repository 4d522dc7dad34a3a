//! Applying one lifecycle move to a stored case: the move itself, its clocks, and (in the
//! journal, written by the caller in the same transaction) its timeline entries, audit entry and
//! outbox messages. Shared by people (the actions endpoint) and the deadline worker.

use ccms_domain::complaint::clocks::{ClockChange, ClockKind, Timing};
use ccms_domain::complaint::{
    Action, Complaint, Decision, Move, OutcomeChange, Side, State, WaitingChange, attempt,
    spends_info_request,
};
use ccms_persistence::complaints::events::Event;
use ccms_persistence::complaints::{CaseChange, CaseMove};
use ccms_persistence::journal::Journal;
use chrono::{DateTime, Utc};
use serde_json::json;
use uuid::Uuid;

use crate::context::Actor;
use crate::problem::{ApiError, FieldIssue};

/// What a move carries besides its action.
#[derive(Debug, Clone, Default)]
pub struct MoveDetails {
    pub note: Option<String>,
    pub decision: Option<Decision>,
    pub officer_id: Option<Uuid>,
}

/// Who moves a case, when, and under which calendar and policy version.
pub struct Mover<'a> {
    pub actor: &'a Actor,
    pub now: DateTime<Utc>,
    pub timing: Timing<'a>,
}

pub fn code<T: serde::Serialize>(value: &T) -> Option<String> {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
}

/// The stored case after `action` moved it as the lifecycle says, and what its clocks did.
fn change(
    case: &Complaint,
    (action, side): (Action, Side),
    details: &MoveDetails,
    to: Move,
    now: DateTime<Utc>,
    timing: &Timing<'_>,
) -> Result<(CaseChange, Vec<(ClockKind, ClockChange)>), ApiError> {
    let outcome = match to.outcome {
        OutcomeChange::Keep => case.outcome,
        OutcomeChange::Clear => None,
        OutcomeChange::Set(outcome) => Some(outcome),
        OutcomeChange::FromDecision => {
            let decision = details.decision.ok_or_else(|| {
                ApiError::Validation(vec![FieldIssue::new("decision", "required")])
            })?;
            Some(decision.outcome())
        }
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
    Ok((change, clock_changes))
}

/// Applies `action` by `side` to `case`: 409 with the allowed moves if the lifecycle says no,
/// 412 (when the journal is written) if the case changed since it was read. The moved case
/// row, its timeline, audit and outbox entries all go into `journal`.
pub fn apply(
    case: &Complaint,
    (action, side): (Action, Side),
    details: &MoveDetails,
    by: &Mover<'_>,
    journal: &mut Journal,
) -> Result<Complaint, ApiError> {
    let now = by.now;
    let to = attempt(&case.facts(by.timing.policy), action, side, now).map_err(|wrong| {
        ApiError::MoveNotAllowed {
            allowed: wrong.allowed.iter().filter_map(code).collect(),
        }
    })?;
    let (change, clock_changes) = change(case, (action, side), details, to, now, &by.timing)?;
    let after = change.applied_to(case, now);
    journal.move_case(CaseMove {
        id: case.id,
        version: case.version,
        new_version: after.version,
        change,
        at: now,
    })?;
    journal.events.push(Event {
        seq: 0,
        complaint_id: after.id,
        at: now,
        actor: by.actor.id.clone(),
        role: by.actor.role.clone(),
        kind: "transition".into(),
        action: code(&action),
        from_state: code(&case.state),
        to_state: code(&after.state),
        staff_only: false,
        detail: json!({ "note": details.note, "decision": details.decision, "officer_id": details.officer_id }),
    });
    super::clock_events::record(journal, &after, &clock_changes, now, &by.timing);
    if after.state != case.state {
        journal.outbox.push(super::announce::status_changed(
            &after, case.state, action, now,
        ));
    }
    if case.escalated_at.is_none() {
        on_first_escalation(journal, &after, now);
    }
    let mut audit = by.actor.entry(now, "complaint.act", "complaint", after.id);
    audit.detail = json!({ "action": action });
    journal.audit.push(audit);
    Ok(after)
}

/// When a case first reaches the authority: the policy's referrals are opened, and the referral
/// packet goes to the escalation agency and to each regulator through the outbox.
pub fn on_first_escalation(journal: &mut Journal, after: &Complaint, now: DateTime<Utc>) {
    if after.escalated_at.is_none() {
        return;
    }
    let routing = &after.routing;
    let referrals = routing
        .referrals
        .iter()
        .filter(|code| **code != routing.escalation_agency);
    for code in referrals.clone() {
        journal
            .referrals
            .push((after.id, code.clone(), "policy".into(), now));
    }
    for code in std::iter::once(&routing.escalation_agency).chain(referrals) {
        journal.outbox.push(super::announce::to_agency(
            after,
            "referral.packet",
            now,
            json!({ "agency_code": code }),
        ));
    }
}
