//! A business's public response to a closed case, and its moderation by a coordinator: the
//! business writes (and rewrites until it is published), a coordinator publishes or rejects it
//! with a reason; each step audited.

use ccms_domain::access::Action as Permission;
use ccms_domain::complaint::State;
use ccms_domain::transparency::response::{self, Moderation, PublicResponse};
use ccms_persistence::DbConnection;
use ccms_persistence::journal::Journal;
use ccms_persistence::transparency::responses;
use chrono::{DateTime, Utc};
use serde_json::json;

use crate::books::Books;
use crate::stage::{Loaded, OnCase};
use crate::{Conflict, UseCaseError};

/// The business writes its response (text parsed at the edge); answers it, pending.
pub fn write(
    conn: &mut DbConnection,
    on: OnCase,
    text: &str,
    books: &Books<'_>,
    now: DateTime<Utc>,
) -> Result<PublicResponse, UseCaseError> {
    let loaded = Loaded::load(conn, books, &on, Permission::RespondPublicly)?;
    let case = &loaded.case;
    if case.state != State::Closed {
        return Err(UseCaseError::Conflict(Conflict::CaseNotClosed));
    }
    let current = responses::find(conn, case.id)?.map(|r| r.status);
    if !response::may_write(current) {
        return Err(UseCaseError::Conflict(Conflict::StepNotAllowed));
    }
    responses::write(conn, case.id, (text, &on.actor.id), now)?;
    let mut journal = Journal::default();
    journal
        .audit
        .push(on.actor.entry(now, "response.write", "complaint", case.id));
    journal.write(conn)?;
    responses::find(conn, case.id)?.ok_or(UseCaseError::NotFound)
}

/// A coordinator publishes or rejects (with a reason) the pending response; answers it.
pub fn moderate(
    conn: &mut DbConnection,
    on: OnCase,
    (moderation, reason): (Moderation, Option<String>),
    books: &Books<'_>,
    now: DateTime<Utc>,
) -> Result<PublicResponse, UseCaseError> {
    let loaded = Loaded::load(conn, books, &on, Permission::ModerateResponses)?;
    let case = &loaded.case;
    let current = responses::find(conn, case.id)?.ok_or(UseCaseError::NotFound)?;
    if !response::may_moderate(current.status) {
        return Err(UseCaseError::Conflict(Conflict::StepNotAllowed));
    }
    let status = moderation.status();
    responses::moderate(
        conn,
        case.id,
        (status, reason.as_deref(), &on.actor.id),
        now,
    )?;
    let mut journal = Journal::default();
    let mut audit = on
        .actor
        .entry(now, "response.moderate", "complaint", case.id);
    audit.detail = json!({ "status": status });
    journal.audit.push(audit);
    journal.write(conn)?;
    responses::find(conn, case.id)?.ok_or(UseCaseError::NotFound)
}
