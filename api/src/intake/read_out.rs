//! `POST /intake/status`: the hotline reads out a case's status to a caller.

use actix_web::{HttpResponse, post, web};
use ccms_domain::access::Action as Permission;
use ccms_domain::complaint::TrackingNumber;
use ccms_domain::contact::PhoneNumber;
use ccms_domain::delivery::notice::Language;
use ccms_domain::intake::state_words;
use ccms_usecases::intake::read_out;

use super::bodies::{ReadOutBody, ReadOutView};
use crate::auth::{Caller, actor_of};
use crate::context::AppContext;
use crate::http::JsonBody;
use crate::problem::{ApiError, FieldIssue};

/// Read out a case's status to a caller
///
/// Intake operators only. The caller gives the tracking number and the phone number the case
/// was filed with; the answer is the state (in words, Bangla and English), when it was filed
/// and when its next clock runs out, and nothing else. A number and a phone that do not belong
/// together answer `404` exactly as a number that does not exist. Every reading is audited.
/// POST, so the phone number stays out of URLs and access logs.
#[utoipa::path(operation_id = "read_out_status", tag = "intake", request_body = ReadOutBody,
    security(("bearer" = [])),
    responses((status = 200, description = "The status to read out", body = ReadOutView),
        (status = 404, description = "No case by that number filed with that phone (`not_found`)",
            body = crate::problem::Problem, content_type = "application/problem+json")))]
#[post("/intake/status")]
pub async fn read_out_status(
    caller: Caller,
    ctx: web::Data<AppContext>,
    request: actix_web::HttpRequest,
    body: JsonBody<ReadOutBody>,
) -> Result<HttpResponse, ApiError> {
    caller.require(Permission::ReadOutStatus)?;
    let operator = caller.0.sub.clone();
    crate::auth::throttle::admit(&ctx, vec![("status_read_out_per_operator", operator)]).await?;
    let tracking = TrackingNumber::parse(&body.0.tracking_number)
        .ok_or_else(|| ApiError::Validation(vec![FieldIssue::new("tracking_number", "pattern")]))?;
    let phone = PhoneNumber::parse(&body.0.phone).map_err(|e| e.at("phone"))?;
    let (actor, now) = (actor_of(&caller, &request), ctx.now());
    // A miss is audited too, and answered after its audit entry commits.
    let found = ctx
        .use_case(move |conn, _| Ok(read_out::read_out(conn, (&tracking, &phone), &actor, now)?))
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok(HttpResponse::Ok().json(ReadOutView {
        state_en: state_words(found.state, Language::En).to_owned(),
        state_bn: state_words(found.state, Language::Bn).to_owned(),
        tracking_number: found.tracking_number,
        state: found.state,
        filed_at: found.filed_at,
        next_deadline: found.next_deadline,
    }))
}
