//! The consumer's verdict on a closed case, once per case and within the policy's window: was
//! it resolved, and a rating of 1 to 5.

use ccms_domain::access::Action as Permission;
use ccms_domain::complaint::State;
use ccms_domain::complaint::timeline::Happening;
use ccms_persistence::DbConnection;
use ccms_persistence::authority::feedback;
use ccms_persistence::journal::Journal;
use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::books::Books;
use crate::moves::timeline;
use crate::stage::{Loaded, OnCase};
use crate::{Conflict, UseCaseError};

/// Records the verdict, rating (1 to 5, checked at the edge) and comment on the closed case;
/// answers the case's id. A second one is a `Conflict` of the store; one after the policy's
/// `verdict_window` is `Conflict::WindowClosed`.
pub fn give(
    conn: &mut DbConnection,
    on: OnCase,
    (resolved, rating, comment): (bool, i32, Option<&str>),
    books: &Books<'_>,
    now: DateTime<Utc>,
) -> Result<Uuid, UseCaseError> {
    let loaded = Loaded::load(conn, books, &on, Permission::GiveFeedback)?;
    let case = &loaded.case;
    if case.state != State::Closed {
        return Err(UseCaseError::Conflict(Conflict::CaseNotClosed));
    }
    if !loaded.policy.verdict_window.open(case.closed_at, now) {
        return Err(UseCaseError::Conflict(Conflict::WindowClosed));
    }
    feedback::insert(conn, case.id, (resolved, rating, comment), now)?;
    let mut journal = Journal::default();
    let rated = Happening::Feedback { rating, resolved };
    journal
        .events
        .push(timeline::entry(case, &on.actor, now, &rated));
    journal.audit.push(
        on.actor
            .entry(now, "complaint.feedback", "complaint", case.id),
    );
    journal.write(conn)?;
    Ok(case.id)
}
