//! The review's clock: an undecided review past its due time is told to its agency once.

use ccms_persistence::DbConnection;
use ccms_persistence::complaints::{self as stored};
use ccms_persistence::journal::Journal;
use chrono::{DateTime, Utc};
use serde_json::json;

use crate::moves::announce;
use crate::{Actor, UseCaseError};

/// Reviews past their due time, undecided: their agency is told once (`review.overdue`), and the
/// audit log keeps it.
pub(super) fn overdue_reviews(
    conn: &mut DbConnection,
    now: DateTime<Utc>,
) -> Result<usize, UseCaseError> {
    let late = ccms_persistence::authority::reviews::mark_overdue(conn, now)?;
    let (actor, mut journal) = (Actor::system(), Journal::default());
    for review in &late {
        let case = stored::find(conn, review.complaint_id)?;
        let detail = json!({ "agency_code": case.routing.escalation_agency,
            "reviewer": review.reviewer, "due_at": review.due_at });
        journal
            .outbox
            .push(announce::to_agency(&case, "review.overdue", now, detail));
        journal
            .audit
            .push(actor.entry(now, "review.overdue", "complaint", case.id));
    }
    journal.write(conn)?;
    Ok(late.len())
}
