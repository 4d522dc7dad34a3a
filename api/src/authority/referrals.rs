//! Referrals to sector regulators: made by policy when a case is escalated, or by an officer;
//! the regulator of the agency acknowledges, accepts or declines, and concludes. A regulator
//! sees only the referrals to its own agency; any other answers 404.

use actix_web::{HttpRequest, HttpResponse, get, post, web};
use ccms_domain::access::{Action as Permission, Role};
use ccms_domain::authority::referral::Referral;
use ccms_domain::registry::AgencyCode;
use ccms_persistence::authority::referrals;
use ccms_usecases::referring::{self, ReferralCaller};
use uuid::Uuid;

use super::bodies::{ReferralBody, ReferralStepBody};
use crate::auth::Caller;
use crate::auth::actor_of;
use crate::complaints::CaseCall;
use crate::complaints::key::CaseKey;
use crate::context::AppContext;
use crate::http::JsonBody;
use crate::problem::ApiError;
use crate::registry::{Page, PageQuery};

/// The caller as the referral rules see them.
fn referral_caller(caller: &Caller) -> ReferralCaller {
    ReferralCaller {
        role: caller.role(),
        agency: caller.0.agency.clone(),
    }
}

/// Refer a case to a regulator
///
/// Officers of the case's agency and coordinators. The agency must be registered; a case is
/// referred to an agency once (409 otherwise). The referral packet goes to the agency through
/// the outbox (`referral.packet`).
#[utoipa::path(operation_id = "refer_complaint", tag = "authority", params(CaseKey),
    request_body = ReferralBody, security(("bearer" = [])),
    responses((status = 201, description = "Referred", body = Referral, headers(("Location" = String)))))]
#[post("/complaints/{key}/referrals")]
pub async fn refer_complaint(
    CaseCall { on, .. }: CaseCall,
    ctx: web::Data<AppContext>,
    body: JsonBody<ReferralBody>,
) -> Result<HttpResponse, ApiError> {
    let code = AgencyCode::parse(&body.0.agency_code).map_err(|e| e.at("agency_code"))?;
    let now = ctx.now();
    let made = ctx
        .use_case(move |conn, books| Ok(referring::refer(conn, on, code, books, now)?))
        .await?;
    Ok(HttpResponse::Created()
        .insert_header((
            actix_web::http::header::LOCATION,
            format!("/api/v1/referrals/{}", made.id),
        ))
        .json(made))
}

/// Referrals
///
/// A regulator's: those to its agency; coordinators, auditors and officers see all. Oldest
/// first, one page at a time.
#[utoipa::path(operation_id = "list_referrals", tag = "authority", params(PageQuery),
    security(("bearer" = [])),
    responses((status = 200, description = "One page of referrals", body = Page<Referral>)))]
#[get("/referrals")]
pub async fn list_referrals(
    caller: Caller,
    ctx: web::Data<AppContext>,
    page: web::Query<PageQuery>,
) -> Result<HttpResponse, ApiError> {
    caller.require_any(Permission::ViewReferrals)?;
    let page = page.request()?;
    let agency =
        (caller.role() == Role::Regulator).then(|| caller.0.agency.clone().unwrap_or_default());
    let found = ctx
        .read(move |conn| Ok(referrals::list(conn, agency.as_deref(), &page)?))
        .await?;
    Ok(HttpResponse::Ok().json(crate::http::disclosed(&caller, Page::from(found, |r| r))?))
}

/// A referral
///
/// One referral to a sector regulator, with its state; visible to coordinators, auditors and the
/// agency it was sent to (any other caller gets 404).
#[utoipa::path(operation_id = "get_referral", tag = "authority",
    params(("referral_id" = Uuid, Path, description = "The referral")),
    security(("bearer" = [])),
    responses((status = 200, description = "The referral", body = Referral)))]
#[get("/referrals/{referral_id}")]
pub async fn get_referral(
    caller: Caller,
    ctx: web::Data<AppContext>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    caller.require_any(Permission::ViewReferrals)?;
    let id = id.into_inner();
    let reader = referral_caller(&caller);
    let found = ctx
        .read(move |conn| Ok(referring::visible(conn, &reader, id)?))
        .await?;
    Ok(HttpResponse::Ok().json(crate::http::disclosed(&caller, found)?))
}

/// Act on a referral
///
/// The regulator of the agency: `acknowledge` (with its own `reference`), `accept`, `decline`
/// (with a `reason`), `conclude` (with an `outcome`, after accepting). A step that does not
/// follow answers 409 `step_not_allowed`.
#[utoipa::path(operation_id = "step_referral", tag = "authority",
    params(("referral_id" = Uuid, Path, description = "The referral")),
    request_body = ReferralStepBody, security(("bearer" = [])),
    responses((status = 200, description = "The referral after the step", body = Referral)))]
#[post("/referrals/{referral_id}/steps")]
pub async fn step_referral(
    caller: Caller,
    ctx: web::Data<AppContext>,
    request: HttpRequest,
    id: web::Path<Uuid>,
    body: JsonBody<ReferralStepBody>,
) -> Result<HttpResponse, ApiError> {
    caller.require_any(Permission::ActOnReferral)?;
    let taken = body.0.parse()?;
    let (actor, now, id) = (actor_of(&caller, &request), ctx.now(), id.into_inner());
    let reader = referral_caller(&caller);
    let stepped = ctx
        .transaction(move |conn| Ok(referring::step(conn, (&reader, &actor), id, taken, now)?))
        .await?;
    Ok(HttpResponse::Ok().json(stepped))
}
