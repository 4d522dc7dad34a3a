//! Applying one lifecycle move to a stored case: the move itself, its clocks, and (in the
//! journal, written by the caller in the same transaction) its timeline entries, audit entry and
//! outbox messages. Shared by people (the actions endpoint) and the deadline worker.

use ccms_domain::complaint::clocks::Timing;
use ccms_domain::complaint::timeline::Happening;
pub use ccms_domain::complaint::transition::MoveDetails;
use ccms_domain::complaint::transition::{Transition, transition};
use ccms_domain::complaint::{Action, Complaint, Side};
use ccms_persistence::complaints::CaseMove;
use ccms_persistence::journal::Journal;
use chrono::{DateTime, Utc};
use serde_json::json;

use crate::{Actor, UseCaseError};

pub mod announce;
pub mod clock_events;
pub mod timeline;

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

/// Applies `action` by `side` to `case`: 409 with the allowed moves if the lifecycle says no,
/// 412 (when the journal is written) if the case changed since it was read. The moved case
/// row, its timeline, audit and outbox entries all go into `journal`.
pub fn apply(
    case: &Complaint,
    (action, side): (Action, Side),
    details: &MoveDetails,
    by: &Mover<'_>,
    journal: &mut Journal,
) -> Result<Complaint, UseCaseError> {
    let moved = transition(case, (action, side), details, by.now, &by.timing)?;
    record(case, action, details, moved, by, journal)
}

/// Writes a move the lifecycle allowed into `journal`: the case row, its timeline, audit and
/// outbox entries, and on a first escalation the policy's referrals.
pub fn record(
    case: &Complaint,
    action: Action,
    details: &MoveDetails,
    moved: Transition,
    by: &Mover<'_>,
    journal: &mut Journal,
) -> Result<Complaint, UseCaseError> {
    let (now, after, change) = (by.now, moved.after, moved.change);
    journal.move_case(CaseMove {
        id: case.id,
        version: case.version,
        new_version: after.version,
        change,
        at: now,
    })?;
    let happening = Happening::Moved {
        action,
        from: case.state,
        to: after.state,
        note: details.note.clone(),
        decision: details.decision,
        officer_id: details.officer_id,
    };
    journal
        .events
        .push(timeline::entry(&after, by.actor, now, &happening));
    clock_events::record(journal, &after, &moved.clock_changes, now, &by.timing);
    if after.state != case.state {
        journal
            .outbox
            .push(announce::status_changed(&after, case.state, action, now));
    }
    if action == Action::RequestInfo {
        let asked = json!({ "note": details.note });
        journal.outbox.push(announce::message(
            &after,
            "complaint.info_requested",
            now,
            asked,
        ));
    }
    if moved.first_escalation {
        on_first_escalation(journal, &after, now);
    }
    if case.is_held() && !after.is_held() {
        journal.codes_spent.push(case.id);
    }
    let mut audit = by.actor.entry(now, "complaint.act", "complaint", after.id);
    audit.detail = json!({ "action": action });
    journal.audit.push(audit);
    Ok(after)
}

/// When a case first reaches the authority: the policy's referrals are opened, and the referral
/// packet goes to the escalation agency and to each regulator through the outbox.
pub fn on_first_escalation(journal: &mut Journal, after: &Complaint, now: DateTime<Utc>) {
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
        journal.outbox.push(announce::to_agency(
            after,
            "referral.packet",
            now,
            json!({ "agency_code": code }),
        ));
    }
}
