//! Setting a hearing, and moving it to a new time with the old one kept as history.

use ccms_domain::access::Action as Permission;
use ccms_domain::authority::hearing::{Hearing, HearingStatus, check_new};
use ccms_domain::complaint::Action;
use ccms_persistence::DbConnection;
use ccms_persistence::authority::hearings;
use ccms_persistence::journal::Journal;
use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::{HearingDraft, announce_hearing, hearing_move, open_hearing};
use crate::books::Books;
use crate::moves::Mover;
use crate::stage::{Loaded, OnCase};
use crate::{Conflict, UseCaseError};

/// Sets a hearing on the case (one at a time) and moves it to `hearing_scheduled`.
pub fn schedule(
    conn: &mut DbConnection,
    on: OnCase,
    draft: HearingDraft,
    books: &Books<'_>,
    now: DateTime<Utc>,
) -> Result<Hearing, UseCaseError> {
    let loaded = Loaded::load(conn, books, &on, Permission::RunHearings)?;
    let hearing = draft.hearing(&loaded, &on.actor, now)?;
    check_new(&hearings::for_complaint(conn, loaded.case.id)?)
        .map_err(|_| UseCaseError::Conflict(Conflict::HearingAlreadyScheduled))?;
    let by = Mover {
        actor: &on.actor,
        now,
        timing: loaded.timing(books, conn)?,
    };
    let mut journal = Journal::default();
    let after = hearing_move(&loaded, (&on, Action::ScheduleHearing), &by, &mut journal)?;
    hearings::insert(conn, &hearing)?;
    let event = (&after, "hearing.scheduled");
    announce_hearing(&mut journal, event, &hearing, &on.actor, now);
    journal.write(conn)?;
    Ok(hearing)
}

/// Sets the open hearing `hearing_id` at a new time, for `reason`; the old one stays, marked
/// `rescheduled` and pointing at the new one.
pub fn reschedule(
    conn: &mut DbConnection,
    (on, hearing_id): (OnCase, Uuid),
    (draft, reason): (HearingDraft, String),
    books: &Books<'_>,
    now: DateTime<Utc>,
) -> Result<Hearing, UseCaseError> {
    let (loaded, old) = open_hearing(conn, books, &on, hearing_id)?;
    let new = draft.hearing(&loaded, &on.actor, now)?;
    let by = Mover {
        actor: &on.actor,
        now,
        timing: loaded.timing(books, conn)?,
    };
    let mut journal = Journal::default();
    let after = hearing_move(&loaded, (&on, Action::ScheduleHearing), &by, &mut journal)?;
    let replaced = Hearing {
        status: HearingStatus::Rescheduled,
        reason: Some(reason),
        replaced_by: Some(new.id),
        ..old
    };
    hearings::close(conn, &replaced, now)?;
    hearings::insert(conn, &new)?;
    let event = (&after, "hearing.rescheduled");
    announce_hearing(&mut journal, event, &new, &on.actor, now);
    journal.write(conn)?;
    Ok(new)
}
