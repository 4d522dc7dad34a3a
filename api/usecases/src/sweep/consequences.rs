//! What a due clock brings about: its breach and consequence, or its reminder.

use ccms_domain::complaint::clocks::{Breach, ClockChange, ClockKind};
use ccms_domain::complaint::transition::{CaseChange, MoveRefused, transition};
use ccms_domain::complaint::{Action, Complaint, Side};
use ccms_persistence::complaints::CaseMove;
use ccms_persistence::journal::Journal;
use serde_json::json;

use crate::UseCaseError;
use crate::moves::{MoveDetails, Mover, clock_events, code, record};

use super::SweepReport;

/// A clock ran out: the breach goes on the timeline first, with the deadline it missed, then
/// its consequence.
pub(super) fn breach_of(
    case: &Complaint,
    (kind, breach): (ClockKind, Breach),
    by: &Mover<'_>,
    journal: &mut Journal,
    report: &mut SweepReport,
) -> Result<Complaint, UseCaseError> {
    clock_events::record(
        journal,
        case,
        &[(kind, ClockChange::Breached)],
        by.now,
        &by.timing,
    );
    if let Some(action) = breach.consequence() {
        let details = MoveDetails {
            note: Some(format!("{} ran out", code(&kind).unwrap_or_default())),
            ..MoveDetails::default()
        };
        match transition(case, (action, Side::System), &details, by.now, &by.timing) {
            Ok(moved) => {
                match action {
                    Action::Escalate => report.escalated += 1,
                    _ => report.closed += 1,
                }
                return record(case, action, &details, moved, by, journal);
            }
            // The case moved on: the clock is simply dropped below.
            Err(MoveRefused::NotAllowed { .. }) => {}
            Err(other) => return Err(other.into()),
        }
    }
    match breach {
        Breach::Expire => report.expired += 1,
        _ => report.flagged += 1,
    }
    let change = CaseChange {
        clocks: case.clocks.without(kind),
        ..CaseChange::keeping(case)
    };
    let detail = json!({ "clock": kind, "change": ClockChange::Breached });
    moved(journal, case, change, by, detail)
}

/// Deadlines are near: one reminder per clock, on the timeline and in the outbox.
pub(super) fn remind(
    case: &Complaint,
    by: &Mover<'_>,
    journal: &mut Journal,
    report: &mut SweepReport,
) -> Result<Complaint, UseCaseError> {
    let kinds: Vec<ClockKind> = case
        .clocks
        .approaching(by.now)
        .iter()
        .map(|c| c.kind)
        .collect();
    let changes: Vec<(ClockKind, ClockChange)> = kinds
        .iter()
        .map(|kind| (*kind, ClockChange::Approaching))
        .collect();
    clock_events::record(journal, case, &changes, by.now, &by.timing);
    report.reminded += kinds.len();
    let change = CaseChange {
        clocks: case.clocks.reminded(&kinds),
        ..CaseChange::keeping(case)
    };
    moved(
        journal,
        case,
        change,
        by,
        json!({ "clocks": kinds, "change": ClockChange::Approaching }),
    )
}

/// Notes a change the lifecycle does not see (a clock's bookkeeping) with its audit entry, and
/// returns the case after it.
fn moved(
    journal: &mut Journal,
    case: &Complaint,
    change: CaseChange,
    by: &Mover<'_>,
    detail: serde_json::Value,
) -> Result<Complaint, UseCaseError> {
    let after = change.applied_to(case, by.now);
    journal.move_case(CaseMove {
        id: case.id,
        version: case.version,
        new_version: after.version,
        change,
        at: by.now,
    })?;
    let mut audit = by
        .actor
        .entry(by.now, "complaint.clock", "complaint", case.id);
    audit.detail = detail;
    journal.audit.push(audit);
    Ok(after)
}
