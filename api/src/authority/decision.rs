//! The decision on a case, over HTTP: the use case (`ccms_usecases::deciding`) moves the case to
//! `decided` (which opens the policy's appeal window, 60 days as shipped) and puts an upheld
//! one's fine and compensation on the ledger.

use actix_web::{HttpResponse, get, post, web};
use ccms_domain::authority::decision::DecisionRecord;
use ccms_domain::complaint::Poisha;
use ccms_persistence::authority::decisions;

use super::bodies::{DecisionBody, text};
use crate::complaints::CaseCall;
use crate::complaints::access::load_visible;
use crate::complaints::key::CaseKey;
use crate::context::AppContext;
use crate::http::JsonBody;
use crate::problem::ApiError;
use ccms_usecases::deciding::{self, DecisionCommand};

/// Decide a case
///
/// The officer working the case: `upheld` (with a fine up to the policy's legal maximum and
/// compensation to the consumer), `dismissed` or `settled`, with written reasons. The case moves
/// to `decided`, the appeal window (60 days) opens, and an upheld decision's fine and
/// compensation are put on the ledger, due after the policy's refund period.
#[utoipa::path(operation_id = "decide_complaint", tag = "authority", params(CaseKey),
    request_body = DecisionBody, security(("bearer" = [])),
    responses((status = 201, description = "Decided", body = DecisionRecord, headers(("Location" = String)))))]
#[post("/complaints/{key}/decision")]
pub async fn decide_complaint(
    CaseCall { on, .. }: CaseCall,
    ctx: web::Data<AppContext>,
    body: JsonBody<DecisionBody>,
) -> Result<HttpResponse, ApiError> {
    let body = body.0;
    let command = DecisionCommand {
        on,
        verdict: body.verdict,
        fine: Poisha::new(body.fine_poisha)?,
        compensation: Poisha::new(body.compensation_poisha)?,
        reasons: text::<20000>("reasons", Some(&body.reasons))?,
    };
    let now = ctx.now();
    let decided = ctx
        .use_case(move |conn, books| Ok(deciding::decide(conn, command, books, now)?))
        .await?;
    let location = format!("/api/v1/complaints/{}/decision", decided.complaint_id);
    Ok(HttpResponse::Created()
        .insert_header((actix_web::http::header::LOCATION, location))
        .json(decided))
}

/// A case's decision
///
/// The verdict, fine, compensation, reasons and the end of the appeal window; 404 until decided.
#[utoipa::path(operation_id = "get_decision", tag = "authority", params(CaseKey),
    security(("bearer" = []), ("partner" = [])),
    responses((status = 200, description = "The decision", body = DecisionRecord)))]
#[get("/complaints/{key}/decision")]
pub async fn get_decision(
    CaseCall { caller, on }: CaseCall,
    ctx: web::Data<AppContext>,
) -> Result<HttpResponse, ApiError> {
    let found = ctx
        .read(move |conn| {
            let (case, _) = load_visible(conn, &on.key, &on.who)?;
            decisions::find(conn, case.id)?.ok_or(ApiError::NotFound)
        })
        .await?;
    Ok(HttpResponse::Ok().json(crate::http::disclosed(&caller, found)?))
}
