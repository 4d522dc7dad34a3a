//! `POST /me/erasure` (the right of erasure) and a coordinator's legal hold on a case
//! (`PUT`/`GET`/`DELETE /complaints/{key}/legal-hold`).

use actix_web::{HttpRequest, HttpResponse, delete, get, post, put, web};
use ccms_domain::access::{Action as Permission, Relation};
use ccms_usecases::privacy::{erasing, holding};

use super::bodies::{ErasureView, HoldBody, HoldView, Refusal};
use crate::auth::Caller;
use crate::complaints::CaseCall;
use crate::complaints::access::case_caller;
use crate::complaints::key::CaseKey;
use crate::context::AppContext;
use crate::evidence_store::{EvidenceStore, remove_erased};
use crate::http::JsonBody;
use crate::problem::ApiError;

/// Erase my personal data
///
/// Erases the phone, e-mail, subject, narrative (consent to publish ends), words and evidence
/// files of every case of the signed-in consumer that nothing holds, and, when none is held,
/// their account too (they are signed out; signing in again starts afresh). A case is refused
/// with its reason (`case_open`, `legal_hold`, `open_matter`, `appeal_recorded`,
/// `review_pending`, `obligations_open`, `referral_open`, `appeal_window`). Dates, states,
/// amounts and categories stay for the statistics. An erased case takes no more writes
/// (`410 erased`). Consumers only, 5 an hour; audited.
#[utoipa::path(operation_id = "erase_my_data", tag = "privacy", security(("bearer" = [])),
    responses((status = 200, description = "What was erased and what was refused, with why", body = ErasureView),
        (status = 404, description = "The token names no account (`not_found`)",
            body = crate::problem::Problem, content_type = "application/problem+json")))]
#[post("/me/erasure")]
pub async fn erase_my_data(
    caller: Caller,
    ctx: web::Data<AppContext>,
    evidence: web::Data<EvidenceStore>,
    request: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    caller.require_on(Permission::EraseOwnData, Relation::own())?;
    let me = case_caller(&caller).account_id.ok_or(ApiError::NotFound)?;
    let (now, actor) = (ctx.now(), crate::auth::actor_of(&caller, &request));
    crate::auth::throttle::admit(&ctx, vec![("erasure_per_account", me.to_string())]).await?;
    let answer = ctx
        .use_case(move |conn, _| Ok(erasing::erase_mine(conn, (me, &actor), now)?))
        .await?;
    let erased: Vec<_> = answer.erased.iter().map(|(_, e)| e.clone()).collect();
    remove_erased(&evidence, &erased).await;
    Ok(HttpResponse::Ok().json(ErasureView {
        erased: answer
            .erased
            .iter()
            .map(|(n, _)| n.as_str().to_owned())
            .collect(),
        refused: answer
            .refused
            .iter()
            .map(|(number, bar)| Refusal::new(number.as_str(), *bar))
            .collect(),
        account_erased: answer.account_erased,
    }))
}

/// Place a legal hold on a case
///
/// Coordinators: keeps the case's personal data from erasure (by retention or on request)
/// while a proceeding needs it, with the reason; a second hold replaces the first. Audited.
#[utoipa::path(operation_id = "place_legal_hold", tag = "privacy", params(CaseKey),
    request_body = HoldBody, security(("bearer" = [])),
    responses((status = 200, description = "The hold", body = HoldView)))]
#[put("/complaints/{key}/legal-hold")]
pub async fn place_legal_hold(
    CaseCall { on, .. }: CaseCall,
    ctx: web::Data<AppContext>,
    body: JsonBody<HoldBody>,
) -> Result<HttpResponse, ApiError> {
    let (reason, now) = (body.0.reason, ctx.now());
    let hold = ctx
        .use_case(move |conn, books| Ok(holding::place(conn, (on, reason), books, now)?))
        .await?;
    Ok(HttpResponse::Ok().json(HoldView::from(hold)))
}

/// Read a case's legal hold
///
/// Coordinators; `404` when the case has none.
#[utoipa::path(operation_id = "get_legal_hold", tag = "privacy", params(CaseKey),
    security(("bearer" = [])),
    responses((status = 200, description = "The hold", body = HoldView)))]
#[get("/complaints/{key}/legal-hold")]
pub async fn get_legal_hold(
    CaseCall { on, .. }: CaseCall,
    ctx: web::Data<AppContext>,
) -> Result<HttpResponse, ApiError> {
    let hold = ctx
        .use_case(move |conn, books| Ok(holding::find(conn, &on, books)?))
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok(HttpResponse::Ok().json(HoldView::from(hold)))
}

/// Lift a case's legal hold
///
/// Coordinators; the case is erased at the next sweep if its retention has run out. Audited.
#[utoipa::path(operation_id = "lift_legal_hold", tag = "privacy", params(CaseKey),
    security(("bearer" = [])), responses((status = 204, description = "Lifted")))]
#[delete("/complaints/{key}/legal-hold")]
pub async fn lift_legal_hold(
    CaseCall { on, .. }: CaseCall,
    ctx: web::Data<AppContext>,
) -> Result<HttpResponse, ApiError> {
    let now = ctx.now();
    ctx.use_case(move |conn, books| Ok(holding::lift(conn, on, books, now)?))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
