//! Setting a hearing, and moving it to a new time with the old one kept as history.

use actix_web::{HttpRequest, HttpResponse, post, web};
use ccms_domain::access::Action as Permission;
use ccms_domain::authority::hearing::{Hearing, HearingStatus, check_new, is_open};
use ccms_persistence::authority::hearings;
use ccms_persistence::journal::Journal;

use super::super::bodies::{HearingBody, text};
use super::super::stage::{load, timing};
use crate::auth::Caller;
use crate::complaints::access::case_caller;
use crate::complaints::key::CaseKey;
use crate::context::{AppContext, actor_of};
use crate::http::JsonBody;
use crate::problem::ApiError;
use ccms_usecases::moves::Mover;

use super::{HearingPath, announce_hearing, hearing_from, schedule_move};

/// Schedule a hearing
///
/// Officers of the agency the case is escalated to, and coordinators. At least the policy's
/// notice period ahead; `online` needs an https `meeting_link`, `in_person` a `venue`. The case
/// moves to `hearing_scheduled`; the parties are notified (`hearing.scheduled`).
#[utoipa::path(operation_id = "schedule_hearing", tag = "authority", params(CaseKey),
    request_body = HearingBody, security(("bearer" = [])),
    responses((status = 201, description = "Scheduled", body = Hearing)))]
#[post("/complaints/{key}/hearings")]
pub async fn schedule_hearing(
    caller: Caller,
    ctx: web::Data<AppContext>,
    request: HttpRequest,
    key: web::Path<CaseKey>,
    body: JsonBody<HearingBody>,
) -> Result<HttpResponse, ApiError> {
    let who = case_caller(&caller);
    let (actor, now) = (actor_of(&caller, &request), ctx.now());
    let (calendar, policies, body) = (ctx.calendar.clone(), ctx.policies.clone(), body.0);
    let hearing = ctx
        .transaction(move |conn| {
            let loaded = load(conn, &policies, &key, &who)?;
            caller.require_on(Permission::RunHearings, loaded.relation)?;
            let hearing = hearing_from(&body, &loaded, &actor, now)?;
            check_new(&hearings::for_complaint(conn, loaded.case.id)?).map_err(|_| {
                ApiError::StateConflict(crate::problem::ProblemCode::HearingAlreadyScheduled)
            })?;
            let by = Mover {
                actor: &actor,
                now,
                timing: timing(&calendar, conn, &loaded)?,
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
    let (actor, now) = (actor_of(&caller, &request), ctx.now());
    let (calendar, policies, body) = (ctx.calendar.clone(), ctx.policies.clone(), body.0);
    let (key, hearing_id) = path.into_inner();
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
            let reason = text::<2000>("reason", body.reason.as_deref())?;
            let new = hearing_from(&body, &loaded, &actor, now)?;
            let by = Mover {
                actor: &actor,
                now,
                timing: timing(&calendar, conn, &loaded)?,
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
