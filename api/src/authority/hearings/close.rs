//! Closing a scheduled hearing: cancelled with a reason, or held with attendance and minutes.

use actix_web::{HttpRequest, HttpResponse, post, web};
use ccms_domain::access::Action as Permission;
use ccms_domain::authority::hearing::{Hearing, HearingStatus, check_held, is_open};
use ccms_persistence::authority::hearings;
use ccms_persistence::journal::Journal;
use uuid::Uuid;

use super::super::bodies::{CancelHearingBody, HearingRecordBody, text};
use super::super::stage::{load, timing};
use crate::auth::Caller;
use crate::complaints::access::case_caller;
use crate::context::{AppContext, actor_of};
use crate::http::JsonBody;
use crate::problem::ApiError;

use super::{HearingPath, announce_hearing, hearing_move};
use ccms_domain::complaint::{Action, State};
use ccms_usecases::moves::Mover;

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
    let (actor, now, policies) = (actor_of(&caller, &request), ctx.now(), ctx.policies.clone());
    let calendar = ctx.calendar.clone();
    let hearing = ctx
        .transaction(move |conn| {
            let loaded = load(conn, &policies, &key, &who)?;
            caller.require_on(Permission::RunHearings, loaded.relation)?;
            let old = hearings::find(conn, loaded.case.id, hearing_id)?;
            if !is_open(old.status) {
                return Err(ApiError::StateConflict(
                    crate::problem::ProblemCode::HearingNotScheduled,
                ));
            }
            if held {
                check_held(&old, now).map_err(|_| {
                    ApiError::StateConflict(crate::problem::ProblemCode::HearingNotDue)
                })?;
            }
            let closed = change(old);
            hearings::close(conn, &closed, now)?;
            let mut journal = Journal::default();
            // A cancelled hearing that was the case's only one sends it back under
            // investigation (a held one leaves it for the decision).
            let case = if held || loaded.case.state != State::HearingScheduled {
                loaded.case.clone()
            } else {
                let by = Mover {
                    actor: &actor,
                    now,
                    timing: timing(&calendar, conn, &loaded)?,
                };
                hearing_move(
                    &loaded,
                    (who.role, Action::CancelHearing),
                    &by,
                    &mut journal,
                )?
            };
            announce_hearing(&mut journal, &case, event, &closed, &actor, now);
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
/// With a `reason`; the parties are notified (`hearing.cancelled`, and the consumer by SMS). The
/// case goes back to `under_investigation`, for a new hearing or a decision.
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
