//! One decision for every case of a matter.

use actix_web::{HttpRequest, HttpResponse, post, web};
use ccms_domain::access::Action as Permission;
use ccms_domain::collective::MatterDecision;
use ccms_domain::complaint::Poisha;
use ccms_persistence::collective::matters;
use ccms_usecases::collective::deciding::decide_all;
use uuid::Uuid;

use super::bodies::{MatterDecidedView, MatterDecisionBody};
use super::matters::visible;
use crate::auth::{Caller, actor_of};
use crate::complaints::access::case_caller;
use crate::context::AppContext;
use crate::http::{JsonBody, text};
use crate::problem::ApiError;

/// Decide a collective matter
///
/// The matter's officer decides every case in it at once: the verdict, each complainant's own
/// refund (what they paid or claimed) as compensation, and a fine on each case (a quarter of
/// it, once collected, goes to that complainant). Each case is decided as one case is (its
/// outcome, ledger, appeal window, timeline, audit entry, webhook and notice), all in one
/// transaction; a case that left the matter's officer or the investigation (withdrawn, merged,
/// decided alone) is left out and listed. Another officer gets 403 (404 if of another agency);
/// a decided matter 409 `matter_decided`.
#[utoipa::path(operation_id = "decide_matter", tag = "matters", request_body = MatterDecisionBody,
    params(("matter_id" = Uuid, Path, description = "The matter")),
    security(("bearer" = [])),
    responses((status = 200, description = "Decided", body = MatterDecidedView)))]
#[post("/matters/{matter_id}/decision")]
pub async fn decide_matter(
    caller: Caller,
    ctx: web::Data<AppContext>,
    request: HttpRequest,
    id: web::Path<Uuid>,
    body: JsonBody<MatterDecisionBody>,
) -> Result<HttpResponse, ApiError> {
    caller.require_any(Permission::DecideMatter)?;
    let body = body.0;
    let decision = MatterDecision {
        verdict: body.verdict,
        refund: body.refund,
        fine_per_case: Poisha::new(body.fine_per_case_poisha)?,
    };
    let reasons = text::<20000>("reasons", Some(&body.reasons))?;
    let (actor, now, id, who) = (
        actor_of(&caller, &request),
        ctx.now(),
        id.into_inner(),
        case_caller(&caller),
    );
    let decided = ctx
        .use_case(move |conn, books| {
            visible(&caller, matters::find(conn, id)?)?;
            Ok(decide_all(
                conn,
                (id, decision, reasons),
                (&who, &actor),
                books,
                now,
            )?)
        })
        .await?;
    Ok(HttpResponse::Ok().json(MatterDecidedView {
        cases_decided: decided.cases_decided,
        compensation_poisha: decided.compensation_poisha,
        fine_poisha: decided.fine_poisha,
        left_out: decided.left_out,
    }))
}
