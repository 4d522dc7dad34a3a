//! Setting a hearing, and moving it to a new time with the old one kept as history.

use actix_web::{HttpResponse, post, web};
use ccms_domain::authority::hearing::Hearing;
use ccms_usecases::hearings;

use super::super::bodies::{HearingBody, text};
use crate::complaints::CaseCall;
use crate::complaints::key::CaseKey;
use crate::complaints::key::HearingKey;
use crate::context::AppContext;
use crate::http::JsonBody;
use crate::problem::ApiError;

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
    CaseCall { on, .. }: CaseCall,
    ctx: web::Data<AppContext>,
    body: JsonBody<HearingBody>,
) -> Result<HttpResponse, ApiError> {
    let (draft, now) = (body.0.draft()?, ctx.now());
    let hearing = ctx
        .use_case(move |conn, books| Ok(hearings::schedule(conn, on, draft, books, now)?))
        .await?;
    Ok(HttpResponse::Created().json(hearing))
}

/// Reschedule a hearing
///
/// Sets a new time (and mode) with a `reason`; the old hearing stays in the history, marked
/// `rescheduled` and pointing at the new one. The parties are notified (`hearing.rescheduled`).
#[utoipa::path(operation_id = "reschedule_hearing", tag = "authority",
    params(HearingKey),
    request_body = HearingBody, security(("bearer" = [])),
    responses((status = 201, description = "The new hearing", body = Hearing)))]
#[post("/complaints/{key}/hearings/{hearing_id}/reschedule")]
pub async fn reschedule_hearing(
    CaseCall { on, .. }: CaseCall,
    ctx: web::Data<AppContext>,
    path: web::Path<HearingKey>,
    body: JsonBody<HearingBody>,
) -> Result<HttpResponse, ApiError> {
    let reason = text::<2000>("reason", body.0.reason.as_deref())?;
    let (draft, now, hearing_id) = (body.0.draft()?, ctx.now(), path.into_inner().hearing_id);
    let hearing = ctx
        .use_case(move |conn, books| {
            let moved = (draft, reason);
            Ok(hearings::reschedule(
                conn,
                (on, hearing_id),
                moved,
                books,
                now,
            )?)
        })
        .await?;
    Ok(HttpResponse::Created().json(hearing))
}
