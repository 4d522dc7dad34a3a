//! One hearing for a whole matter.

use actix_web::{HttpRequest, HttpResponse, post, web};
use ccms_domain::access::Action as Permission;
use ccms_persistence::collective::matters;
use ccms_usecases::collective::hearing::schedule_all;
use uuid::Uuid;

use super::bodies::MatterHearingView;
use super::matters::visible;
use crate::auth::{Caller, actor_of};
use crate::authority::HearingBody;
use crate::complaints::access::case_caller;
use crate::context::AppContext;
use crate::http::JsonBody;
use crate::problem::ApiError;

/// Set one hearing for a matter
///
/// The matter's officer or a coordinator (another officer gets 403) sets one hearing for every complainant of the matter:
/// `online` with one https `meeting_link` all of them join by, or `in_person` at a `venue`, at
/// least the policy's notice ahead. Each case of the matter without a hearing gets it (moving to
/// `hearing_scheduled`), and each complainant and the business are told as for a hearing on
/// that case alone (SMS or e-mail in the case's language, `hearing.scheduled` webhooks); a case
/// with a hearing already set keeps its own, one no longer under investigation is left out.
/// All in one transaction.
#[utoipa::path(operation_id = "schedule_matter_hearing", tag = "matters", request_body = HearingBody,
    params(("matter_id" = Uuid, Path, description = "The matter")),
    security(("bearer" = [])),
    responses((status = 200, description = "Set", body = MatterHearingView)))]
#[post("/matters/{matter_id}/hearings")]
pub async fn schedule_matter_hearing(
    caller: Caller,
    ctx: web::Data<AppContext>,
    request: HttpRequest,
    id: web::Path<Uuid>,
    body: JsonBody<HearingBody>,
) -> Result<HttpResponse, ApiError> {
    caller.require_any(Permission::RunHearings)?;
    let draft = body.0.draft()?;
    let (actor, now, id) = (actor_of(&caller, &request), ctx.now(), id.into_inner());
    let who = case_caller(&caller);
    let done = ctx
        .use_case(move |conn, books| {
            visible(&caller, matters::find(conn, id)?)?;
            Ok(schedule_all(conn, (id, draft), (&who, &actor), books, now)?)
        })
        .await?;
    Ok(HttpResponse::Ok().json(MatterHearingView {
        scheduled: done.scheduled,
        already_scheduled: done.already_scheduled,
        left_out: done.left_out,
    }))
}
