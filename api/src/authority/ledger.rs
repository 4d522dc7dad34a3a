//! The compensation ledger of a case: what is owed, paid and confirmed. The payer pays (with a
//! reference), the receiver confirms; confirming a fine records it as collected, which puts the
//! complainant's 25% share on the ledger, owed by the state.

use actix_web::{HttpRequest, HttpResponse, get, post, web};
use ccms_domain::authority::ledger::Obligation;
use ccms_persistence::authority::obligations;
use ccms_usecases::settling;

use super::bodies::LedgerStepBody;
use crate::complaints::CaseCall;
use crate::complaints::access::load_visible;
use crate::complaints::key::{CaseKey, ObligationKey};
use crate::context::AppContext;
use crate::http::JsonBody;
use crate::problem::ApiError;

/// A case's ledger
///
/// Every obligation of the case: kind, payer, receiver, amount in poisha, due date and status.
#[utoipa::path(operation_id = "list_obligations", tag = "authority", params(CaseKey),
    security(("bearer" = []), ("partner" = [])),
    responses((status = 200, description = "The ledger", body = Vec<Obligation>)))]
#[get("/complaints/{key}/obligations")]
pub async fn list_obligations(
    CaseCall { caller, on }: CaseCall,
    ctx: web::Data<AppContext>,
) -> Result<HttpResponse, ApiError> {
    let found = ctx
        .read(move |conn| {
            let (case, _) = load_visible(conn, &on.key, &on.who)?;
            Ok(obligations::for_complaint(conn, case.id)?)
        })
        .await?;
    Ok(HttpResponse::Ok().json(crate::http::disclosed(&caller, found)?))
}

/// Pay or confirm an obligation
///
/// `pay` by the payer (the business for compensation and fines, DNCRP for the complainant's
/// share) with its payment `reference`; `confirm` by the receiver (the consumer, or DNCRP for a
/// fine, which records it as collected and owes the complainant 25% of it, rounded down).
/// A step that is not the caller's, or does not follow, answers 409 `step_not_allowed`.
#[utoipa::path(operation_id = "step_obligation", tag = "authority",
    params(ObligationKey),
    request_body = LedgerStepBody, security(("bearer" = []), ("partner" = [])),
    responses((status = 200, description = "The obligation after the step", body = Obligation)))]
#[post("/complaints/{key}/obligations/{obligation_id}/steps")]
pub async fn step_obligation(
    CaseCall { on, .. }: CaseCall,
    ctx: web::Data<AppContext>,
    request: HttpRequest,
    path: web::Path<ObligationKey>,
    body: JsonBody<LedgerStepBody>,
) -> Result<HttpResponse, ApiError> {
    let (settlement, now) = (body.0.parse()?, ctx.now());
    let (obligation_id, claim) = (
        path.into_inner().obligation_id,
        crate::http::claim_of(&request),
    );
    let answer = ctx
        .use_case(move |conn, books| {
            let stepped = settling::settle(conn, (on, obligation_id), settlement, books, now)?;
            // The answer is kept with the step (see `KeptAnswer`).
            crate::http::KeptAnswer::json(actix_web::http::StatusCode::OK, &stepped)?.kept(
                conn,
                claim.as_ref(),
                now,
            )
        })
        .await?;
    Ok(answer.into_response())
}
