//! The ledger's deadlines: unpaid obligations turn overdue.

use ccms_domain::complaint::timeline::Happening;
use ccms_persistence::DbConnection;
use ccms_persistence::complaints::{self as stored};
use ccms_persistence::journal::Journal;
use chrono::{DateTime, Utc};
use serde_json::json;

use crate::moves::{announce, timeline};
use crate::{Actor, UseCaseError};

/// Unpaid obligations past their due date turn `overdue`, each with its timeline, audit and
/// outbox entries.
pub(super) fn overdue_obligations(
    conn: &mut DbConnection,
    now: DateTime<Utc>,
) -> Result<usize, UseCaseError> {
    let overdue = ccms_persistence::authority::obligations::mark_overdue(conn, now)?;
    let (actor, mut journal) = (Actor::system(), Journal::default());
    for obligation in &overdue {
        let case = stored::find(conn, obligation.complaint_id)?;
        let happening = Happening::Ledger {
            obligation_id: obligation.id,
            kind: obligation.kind,
            status: obligation.status,
            amount_poisha: obligation.amount_poisha,
            due_at: Some(obligation.due_at),
        };
        journal
            .events
            .push(timeline::entry(&case, &actor, now, &happening));
        let detail = happening.detail();
        journal
            .outbox
            .push(announce::message(&case, "obligation.overdue", now, detail));
        let mut audit = actor.entry(now, "obligation.overdue", "complaint", case.id);
        audit.detail = json!({ "obligation_id": obligation.id });
        journal.audit.push(audit);
    }
    journal.write(conn)?;
    Ok(overdue.len())
}
