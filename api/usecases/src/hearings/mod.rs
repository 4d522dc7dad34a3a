//! Hearings: schedule, reschedule (the old one stays, marked), cancel, and record what happened.
//! Scheduling moves the case to `hearing_scheduled`; the parties hear of each change through
//! the outbox.

use ccms_domain::Invalid;
use ccms_domain::access::Action as Permission;
use ccms_domain::authority::hearing::{
    BadHearingTime, Hearing, HearingMode, HearingStatus, check_time, is_open,
};
use ccms_domain::complaint::timeline::Happening;
use ccms_domain::complaint::{Action, Complaint, side};
use ccms_persistence::DbConnection;
use ccms_persistence::authority::hearings;
use ccms_persistence::journal::Journal;
use chrono::{DateTime, Duration, Utc};
use serde_json::json;
use uuid::Uuid;

use crate::books::Books;
use crate::moves::{MoveDetails, Mover, announce, apply, timeline};
use crate::stage::{Loaded, OnCase};
use crate::{Actor, Conflict, UseCaseError};

mod close;
mod schedule;

pub use close::{Closing, close};
pub use schedule::{reschedule, schedule};

/// Where a hearing takes place, parsed: an https meeting link, or a venue.
#[derive(Debug, Clone)]
pub enum Place {
    Online { meeting_link: String },
    InPerson { venue: String },
}

/// A hearing to set: when and where.
#[derive(Debug, Clone)]
pub struct HearingDraft {
    pub scheduled_at: DateTime<Utc>,
    pub place: Place,
}

impl HearingDraft {
    /// The hearing, if its time gives the case's policy's notice.
    fn hearing(
        self,
        loaded: &Loaded,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<Hearing, UseCaseError> {
        let notice = Duration::hours(i64::from(loaded.policy.hearing_notice_hours));
        check_time(self.scheduled_at, now, notice).map_err(|bad| {
            let rule = match bad {
                BadHearingTime::InThePast => "in_the_past",
                BadHearingTime::TooSoon => "too_soon",
            };
            Invalid::field("scheduled_at", rule)
        })?;
        let (mode, meeting_link, venue) = match self.place {
            Place::Online { meeting_link } => (HearingMode::Online, Some(meeting_link), None),
            Place::InPerson { venue } => (HearingMode::InPerson, None, Some(venue)),
        };
        Ok(Hearing {
            id: Uuid::now_v7(),
            complaint_id: loaded.case.id,
            scheduled_at: self.scheduled_at,
            mode,
            meeting_link,
            venue,
            status: HearingStatus::Scheduled,
            reason: None,
            replaced_by: None,
            attendance: None,
            minutes: None,
            created_by: actor.id.clone(),
            created_at: now,
            updated_at: now,
        })
    }
}

/// The case (which the caller may run hearings on) and its hearing `hearing_id`, still open.
fn open_hearing(
    conn: &mut DbConnection,
    books: &Books<'_>,
    on: &OnCase,
    hearing_id: Uuid,
) -> Result<(Loaded, Hearing), UseCaseError> {
    let loaded = Loaded::load(conn, books, on, Permission::RunHearings)?;
    let hearing = hearings::find(conn, loaded.case.id, hearing_id)?;
    if !is_open(hearing.status) {
        return Err(UseCaseError::Conflict(Conflict::HearingNotScheduled));
    }
    Ok((loaded, hearing))
}

/// The case's move that goes with a hearing's change (scheduled, cancelled), with its timeline.
fn hearing_move(
    loaded: &Loaded,
    (on, action): (&OnCase, Action),
    by: &Mover<'_>,
    journal: &mut Journal,
) -> Result<Complaint, UseCaseError> {
    let side = side(on.who.role, loaded.relation).ok_or(UseCaseError::Forbidden)?;
    apply(
        &loaded.case,
        (action, side),
        &MoveDetails::default(),
        by,
        journal,
    )
}

/// The hearing's timeline, outbox (`event`) and audit entries.
fn announce_hearing(
    journal: &mut Journal,
    (case, event): (&Complaint, &str),
    hearing: &Hearing,
    actor: &Actor,
    at: DateTime<Utc>,
) {
    let happening = Happening::of_hearing(hearing);
    journal
        .events
        .push(timeline::entry(case, actor, at, &happening));
    journal
        .outbox
        .push(announce::message(case, event, at, happening.detail()));
    let mut audit = actor.entry(at, "complaint.hearing", "complaint", case.id);
    audit.detail = json!({ "event": event, "hearing_id": hearing.id });
    journal.audit.push(audit);
}
