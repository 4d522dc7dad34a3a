//! Hearings: schedule, reschedule (the old one stays, marked), cancel, and record what happened.
//! Scheduling moves the case to `hearing_scheduled`; the parties hear of each change through
//! the outbox.

use actix_web::{HttpResponse, get, web};
use ccms_domain::authority::hearing::{
    BadHearingTime, Hearing, HearingMode, HearingStatus, check_time,
};
use ccms_domain::complaint::{Action, Complaint, side};
use ccms_persistence::authority::hearings;
use ccms_persistence::journal::Journal;
use chrono::{DateTime, Duration, Utc};
use serde_json::json;
use uuid::Uuid;

use super::bodies::{HearingBody, text};
use super::stage::{Loaded, entry};
use crate::auth::Caller;
use crate::complaints::access::{case_caller, load_visible};
use crate::complaints::key::CaseKey;
use crate::context::{Actor, AppContext};
use crate::problem::{ApiError, FieldIssue};
use ccms_usecases::moves::announce;
use ccms_usecases::moves::{MoveDetails, Mover, apply};

mod close;
mod schedule;

pub use close::{cancel_hearing, record_hearing};
pub use schedule::{reschedule_hearing, schedule_hearing};

pub(super) type HearingPath = web::Path<(String, Uuid)>;

/// The new hearing a body describes, checked against the policy's notice period.
pub(super) fn hearing_from(
    body: &HearingBody,
    loaded: &Loaded,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<Hearing, ApiError> {
    let notice = Duration::hours(i64::from(loaded.policy.hearing_notice_hours));
    check_time(body.scheduled_at, now, notice).map_err(|bad| {
        let rule = match bad {
            BadHearingTime::InThePast => "in_the_past",
            BadHearingTime::TooSoon => "too_soon",
        };
        ApiError::Validation(vec![FieldIssue::new("scheduled_at", rule)])
    })?;
    let (meeting_link, venue) = match body.mode {
        HearingMode::Online => {
            let link = text::<500>("meeting_link", body.meeting_link.as_deref())?;
            if !link.starts_with("https://") {
                return Err(ApiError::Validation(vec![FieldIssue::new(
                    "meeting_link",
                    "type",
                )]));
            }
            (Some(link), None)
        }
        HearingMode::InPerson => (None, Some(text::<300>("venue", body.venue.as_deref())?)),
    };
    Ok(Hearing {
        id: Uuid::now_v7(),
        complaint_id: loaded.case.id,
        scheduled_at: body.scheduled_at,
        mode: body.mode,
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

/// Moves the case to `hearing_scheduled` (it may already be there) with its timeline entries.
pub(super) fn schedule_move(
    loaded: &Loaded,
    who_role: ccms_domain::access::Role,
    by: &Mover<'_>,
    journal: &mut Journal,
) -> Result<Complaint, ApiError> {
    hearing_move(loaded, (who_role, Action::ScheduleHearing), by, journal)
}

/// The case's move that goes with a hearing's change (scheduled, cancelled).
pub(super) fn hearing_move(
    loaded: &Loaded,
    (who_role, action): (ccms_domain::access::Role, Action),
    by: &Mover<'_>,
    journal: &mut Journal,
) -> Result<Complaint, ApiError> {
    let side = side(who_role, loaded.relation).ok_or(ApiError::Forbidden)?;
    Ok(apply(
        &loaded.case,
        (action, side),
        &MoveDetails::default(),
        by,
        journal,
    )?)
}

pub(super) fn announce_hearing(
    journal: &mut Journal,
    case: &Complaint,
    event: &str,
    hearing: &Hearing,
    actor: &Actor,
    at: DateTime<Utc>,
) {
    let detail = json!({ "hearing_id": hearing.id, "scheduled_at": hearing.scheduled_at, "mode": hearing.mode, "status": hearing.status });
    journal
        .events
        .push(entry(case, actor, at, "hearing", detail.clone()));
    journal
        .outbox
        .push(announce::message(case, event, at, detail));
    let mut audit = actor.entry(at, "complaint.hearing", "complaint", case.id);
    audit.detail = json!({ "event": event, "hearing_id": hearing.id });
    journal.audit.push(audit);
}

/// A case's hearings
///
/// Every hearing set for the case, in order, rescheduled and cancelled ones included.
#[utoipa::path(operation_id = "list_hearings", tag = "authority", params(CaseKey),
    security(("bearer" = []), ("partner" = [])),
    responses((status = 200, description = "The hearings", body = Vec<Hearing>)))]
#[get("/complaints/{key}/hearings")]
pub async fn list_hearings(
    caller: Caller,
    ctx: web::Data<AppContext>,
    key: web::Path<CaseKey>,
) -> Result<HttpResponse, ApiError> {
    let who = case_caller(&caller);
    let mut found = ctx
        .read(move |conn| {
            let (case, _) = load_visible(conn, &key, &who)?;
            Ok(hearings::for_complaint(conn, case.id)?)
        })
        .await?;
    if ccms_domain::access::Disclosure::of(caller.role()).is_oversight() {
        found = found.into_iter().map(Hearing::for_oversight).collect();
    }
    Ok(HttpResponse::Ok().json(crate::http::disclosed(&caller, found)?))
}
