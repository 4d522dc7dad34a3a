//! Legal holds: a coordinator keeps a case's personal data past its retention (and from its
//! complainant's erasure request) while a proceeding needs it, and lifts the hold after.

use ccms_domain::access::Action as Permission;
use ccms_persistence::DbConnection;
use ccms_persistence::journal::Journal;
use ccms_persistence::privacy::holds::{self, LegalHold};
use chrono::{DateTime, Utc};
use serde_json::json;

use crate::UseCaseError;
use crate::books::Books;
use crate::stage::{Loaded, OnCase};

/// Places (or replaces) the hold on the case; a case already erased cannot be held.
pub fn place(
    conn: &mut DbConnection,
    (on, reason): (OnCase, String),
    books: &Books<'_>,
    now: DateTime<Utc>,
) -> Result<LegalHold, UseCaseError> {
    // `load` refuses an erased case; locked and read again, an erasure committing meanwhile
    // is seen too, so no hold is placed on a case already erased.
    let loaded = Loaded::load(conn, books, &on, Permission::HoldCase)?;
    ccms_persistence::complaints::lock(conn, loaded.case.id)?;
    crate::stage::refuse_erased(&ccms_persistence::complaints::find(conn, loaded.case.id)?)?;
    let hold = LegalHold {
        complaint_id: loaded.case.id,
        reason,
        placed_by: on.actor.id.clone(),
        placed_at: now,
    };
    holds::place(conn, &hold)?;
    let mut journal = Journal::default();
    let mut audit = on
        .actor
        .entry(now, "complaint.hold", "complaint", hold.complaint_id);
    audit.detail = json!({ "placed": true });
    journal.audit.push(audit);
    journal.write(conn)?;
    Ok(hold)
}

/// Lifts the case's hold; `NotFound` if it had none.
pub fn lift(
    conn: &mut DbConnection,
    on: OnCase,
    books: &Books<'_>,
    now: DateTime<Utc>,
) -> Result<(), UseCaseError> {
    let loaded = Loaded::load(conn, books, &on, Permission::HoldCase)?;
    if !holds::lift(conn, loaded.case.id)? {
        return Err(UseCaseError::NotFound);
    }
    let mut journal = Journal::default();
    let mut audit = on
        .actor
        .entry(now, "complaint.hold", "complaint", loaded.case.id);
    audit.detail = json!({ "placed": false });
    journal.audit.push(audit);
    Ok(journal.write(conn)?)
}

/// The case's hold, for those who may hold it.
pub fn find(
    conn: &mut DbConnection,
    on: &OnCase,
    books: &Books<'_>,
) -> Result<Option<LegalHold>, UseCaseError> {
    let loaded = Loaded::load(conn, books, on, Permission::HoldCase)?;
    Ok(holds::find(conn, loaded.case.id)?)
}
