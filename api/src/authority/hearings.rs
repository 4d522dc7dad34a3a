//! Hearings: schedule, reschedule (the old one stays, marked), cancel, and record what happened.
//! Scheduling moves the case to `hearing_scheduled`; the parties hear of each change through
//! the outbox.

use actix_web::{HttpRequest, HttpResponse, get, post, web};
use ccms_domain::access::Action as Permission;
use ccms_domain::authority::hearing::{
    BadHearingTime, Hearing, HearingMode, HearingStatus, check_time, is_open,
};
use ccms_domain::complaint::{Action, Complaint, side};
use ccms_persistence::authority::hearings;
use ccms_persistence::journal::Journal;
use chrono::{DateTime, Duration, Utc};
use serde_json::json;
use uuid::Uuid;

use super::bodies::{CancelHearingBody, HearingBody, HearingRecordBody, text};
use super::stage::{Loaded, entry, load, timing};
use crate::auth::Caller;
use crate::complaints::access::{case_caller, load_visible};
use crate::complaints::announce;
use crate::complaints::apply::{MoveDetails, Mover, apply};
use crate::context::{Actor, AppContext};
use crate::http::JsonBody;
use crate::problem::{ApiError, FieldIssue};

type HearingPath = web::Path<(String, Uuid)>;

/// The new hearing a body describes, checked against the policy's notice period.
fn hearing_from(
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
fn schedule_move(
    loaded: &Loaded,
    who_role: ccms_domain::access::Role,
    by: &Mover<'_>,
    journal: &mut Journal,
) -> Result<Complaint, ApiError> {
    let side = side(who_role, loaded.relation).ok_or(ApiError::Forbidden)?;
    apply(
        &loaded.case,
        (Action::ScheduleHearing, side),
        &MoveDetails::default(),
        by,
        journal,
    )
}

fn announce_hearing(
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

/// Schedule a hearing
///
/// Officers of the agency the case is escalated to, and coordinators. At least the policy's
/// notice period ahead; `online` needs an https `meeting_link`, `in_person` a `venue`. The case
/// moves to `hearing_scheduled`; the parties are notified (`hearing.scheduled`).
#[utoipa::path(operation_id = "schedule_hearing", tag = "authority",
    params(("key" = String, Path, description = "Case id or tracking number", max_length = 64)),
    request_body = HearingBody, security(("bearer" = [])),
    responses((status = 201, description = "Scheduled", body = Hearing)))]
#[post("/complaints/{key}/hearings")]
pub async fn schedule_hearing(
    caller: Caller,
    ctx: web::Data<AppContext>,
    request: HttpRequest,
    key: web::Path<String>,
    body: JsonBody<HearingBody>,
) -> Result<HttpResponse, ApiError> {
    let who = case_caller(&caller);
    let (actor, now) = (Actor::of(&caller, &request), ctx.now());
    let (calendar, policies, body) = (ctx.calendar.clone(), ctx.policies.clone(), body.0);
    let hearing = ctx
        .transaction(move |conn| {
            let loaded = load(conn, &policies, &key, &who)?;
            caller.require_on(Permission::RunHearings, loaded.relation)?;
            let hearing = hearing_from(&body, &loaded, &actor, now)?;
            // One hearing at a time: a new time for it is a reschedule, which keeps the history.
            let open = hearings::for_complaint(conn, loaded.case.id)?;
            if open.iter().any(|h| is_open(h.status)) {
                return Err(ApiError::StateConflict("hearing_already_scheduled"));
            }
            let by = Mover {
                actor: &actor,
                now,
                timing: timing(&calendar, &loaded),
            };
            let mut journal = Journal::default();
            let after = schedule_move(&loaded, who.role, &by, &mut journal)?;
            hearings::insert(conn, &hearing)?;
            announce_hearing(
                &mut journal,
                &after,
                "hearing.scheduled",
                &hearing,
                &actor,
                now,
            );
            journal.write(conn)?;
            Ok(hearing)
        })
        .await?;
    Ok(HttpResponse::Created().json(hearing))
}

/// Reschedule a hearing
///
/// Sets a new time (and mode) with a `reason`; the old hearing stays in the history, marked
/// `rescheduled` and pointing at the new one. The parties are notified (`hearing.rescheduled`).
#[utoipa::path(operation_id = "reschedule_hearing", tag = "authority",
    params(("key" = String, Path, description = "Case id or tracking number", max_length = 64),
        ("hearing_id" = Uuid, Path, description = "The hearing")),
    request_body = HearingBody, security(("bearer" = [])),
    responses((status = 201, description = "The new hearing", body = Hearing)))]
#[post("/complaints/{key}/hearings/{hearing_id}/reschedule")]
pub async fn reschedule_hearing(
    caller: Caller,
    ctx: web::Data<AppContext>,
    request: HttpRequest,
    path: HearingPath,
    body: JsonBody<HearingBody>,
) -> Result<HttpResponse, ApiError> {
    let who = case_caller(&caller);
    let (actor, now) = (Actor::of(&caller, &request), ctx.now());
    let (calendar, policies, body) = (ctx.calendar.clone(), ctx.policies.clone(), body.0);
    let (key, hearing_id) = path.into_inner();
    let hearing = ctx
        .transaction(move |conn| {
            let loaded = load(conn, &policies, &key, &who)?;
            caller.require_on(Permission::RunHearings, loaded.relation)?;
            let old = hearings::find(conn, loaded.case.id, hearing_id)?;
            if !is_open(old.status) {
                return Err(ApiError::StateConflict("hearing_not_scheduled"));
            }
            let reason = text::<2000>("reason", body.reason.as_deref())?;
            let new = hearing_from(&body, &loaded, &actor, now)?;
            let by = Mover {
                actor: &actor,
                now,
                timing: timing(&calendar, &loaded),
            };
            let mut journal = Journal::default();
            let after = schedule_move(&loaded, who.role, &by, &mut journal)?;
            let replaced = Hearing {
                status: HearingStatus::Rescheduled,
                reason: Some(reason),
                replaced_by: Some(new.id),
                ..old
            };
            hearings::close(conn, &replaced, now)?;
            hearings::insert(conn, &new)?;
            announce_hearing(
                &mut journal,
                &after,
                "hearing.rescheduled",
                &new,
                &actor,
                now,
            );
            journal.write(conn)?;
            Ok(new)
        })
        .await?;
    Ok(HttpResponse::Created().json(hearing))
}

/// Closes a scheduled hearing as cancelled or held.
async fn close_hearing(
    caller: Caller,
    ctx: web::Data<AppContext>,
    request: HttpRequest,
    (key, hearing_id): (String, Uuid),
    change: impl FnOnce(Hearing) -> Hearing + Send + 'static,
    event: &'static str,
) -> Result<HttpResponse, ApiError> {
    let held = event == "hearing.held";
    let who = case_caller(&caller);
    let (actor, now, policies) = (
        Actor::of(&caller, &request),
        ctx.now(),
        ctx.policies.clone(),
    );
    let hearing = ctx
        .transaction(move |conn| {
            let loaded = load(conn, &policies, &key, &who)?;
            caller.require_on(Permission::RunHearings, loaded.relation)?;
            let old = hearings::find(conn, loaded.case.id, hearing_id)?;
            if !is_open(old.status) {
                return Err(ApiError::StateConflict("hearing_not_scheduled"));
            }
            if held && old.scheduled_at > now {
                return Err(ApiError::StateConflict("hearing_not_due"));
            }
            let closed = change(old);
            hearings::close(conn, &closed, now)?;
            let mut journal = Journal::default();
            announce_hearing(&mut journal, &loaded.case, event, &closed, &actor, now);
            journal.write(conn)?;
            Ok(Hearing {
                updated_at: now,
                ..closed
            })
        })
        .await?;
    Ok(HttpResponse::Ok().json(hearing))
}

/// Cancel a hearing
///
/// With a `reason`; the parties are notified (`hearing.cancelled`). The case stays where it is,
/// for a new hearing or a decision.
#[utoipa::path(operation_id = "cancel_hearing", tag = "authority",
    params(("key" = String, Path, description = "Case id or tracking number", max_length = 64),
        ("hearing_id" = Uuid, Path, description = "The hearing")),
    request_body = CancelHearingBody, security(("bearer" = [])),
    responses((status = 200, description = "Cancelled", body = Hearing)))]
#[post("/complaints/{key}/hearings/{hearing_id}/cancel")]
pub async fn cancel_hearing(
    caller: Caller,
    ctx: web::Data<AppContext>,
    request: HttpRequest,
    path: HearingPath,
    body: JsonBody<CancelHearingBody>,
) -> Result<HttpResponse, ApiError> {
    let reason = text::<2000>("reason", Some(&body.0.reason))?;
    close_hearing(
        caller,
        ctx,
        request,
        path.into_inner(),
        move |h| Hearing {
            status: HearingStatus::Cancelled,
            reason: Some(reason),
            ..h
        },
        "hearing.cancelled",
    )
    .await
}

/// Record a hearing
///
/// Attendance and minutes of a hearing that took place.
#[utoipa::path(operation_id = "record_hearing", tag = "authority",
    params(("key" = String, Path, description = "Case id or tracking number", max_length = 64),
        ("hearing_id" = Uuid, Path, description = "The hearing")),
    request_body = HearingRecordBody, security(("bearer" = [])),
    responses((status = 200, description = "Recorded", body = Hearing)))]
#[post("/complaints/{key}/hearings/{hearing_id}/record")]
pub async fn record_hearing(
    caller: Caller,
    ctx: web::Data<AppContext>,
    request: HttpRequest,
    path: HearingPath,
    body: JsonBody<HearingRecordBody>,
) -> Result<HttpResponse, ApiError> {
    let minutes = text::<20000>("minutes", Some(&body.0.minutes))?;
    let mut attendance = Vec::new();
    for (i, name) in body.0.attendance.iter().enumerate() {
        attendance.push(text::<200>(&format!("attendance[{i}]"), Some(name))?);
    }
    close_hearing(
        caller,
        ctx,
        request,
        path.into_inner(),
        move |h| Hearing {
            status: HearingStatus::Held,
            attendance: Some(attendance),
            minutes: Some(minutes),
            ..h
        },
        "hearing.held",
    )
    .await
}

/// A case's hearings
///
/// Every hearing set for the case, in order, rescheduled and cancelled ones included.
#[utoipa::path(operation_id = "list_hearings", tag = "authority",
    params(("key" = String, Path, description = "Case id or tracking number", max_length = 64)),
    security(("bearer" = []), ("partner" = [])),
    responses((status = 200, description = "The hearings", body = Vec<Hearing>)))]
#[get("/complaints/{key}/hearings")]
pub async fn list_hearings(
    caller: Caller,
    ctx: web::Data<AppContext>,
    key: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let who = case_caller(&caller);
    let found = ctx
        .read(move |conn| {
            let (case, _) = load_visible(conn, &key, &who)?;
            Ok(hearings::for_complaint(conn, case.id)?)
        })
        .await?;
    Ok(HttpResponse::Ok().json(found))
}
