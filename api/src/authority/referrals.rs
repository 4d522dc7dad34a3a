//! Referrals to sector regulators: made by policy when a case is escalated, or by an officer;
//! the regulator of the agency acknowledges, accepts or declines, and concludes. A regulator
//! sees only the referrals to its own agency; any other answers 404.

use actix_web::{HttpRequest, HttpResponse, get, post, web};
use ccms_domain::access::{Action as Permission, Relation, Role};
use ccms_domain::authority::referral::{self, Referral, ReferralStep};
use ccms_domain::registry::AgencyCode;
use ccms_persistence::authority::referrals;
use ccms_persistence::complaints;
use ccms_persistence::journal::Journal;
use ccms_persistence::registry::agencies;
use ccms_persistence::{DbConnection, StoreError};
use serde_json::json;
use uuid::Uuid;

use super::bodies::{ReferralBody, ReferralStepBody, text};
use super::stage::entry;
use crate::auth::Caller;
use crate::complaints::access::{case_caller, load_visible};
use crate::complaints::key::CaseKey;
use crate::context::{AppContext, actor_of};
use crate::http::JsonBody;
use crate::problem::{ApiError, FieldIssue};
use crate::registry::{Page, PageQuery};
use ccms_usecases::moves::announce;

/// How the caller stands to a referral: a regulator of its agency, or not.
fn relation(caller: &Caller, referral: &Referral) -> Relation {
    Relation {
        same_agency: caller.0.agency.as_deref() == Some(referral.agency_code.as_str()),
        ..Relation::NONE
    }
}

/// A referral the caller may see; 404 for a regulator of another agency.
fn visible(conn: &mut DbConnection, caller: &Caller, id: Uuid) -> Result<Referral, ApiError> {
    let found = referrals::find(conn, id)?;
    if caller
        .require_on(Permission::ViewReferrals, relation(caller, &found))
        .is_err()
    {
        return Err(ApiError::NotFound);
    }
    Ok(found)
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
    caller: Caller,
    ctx: web::Data<AppContext>,
    request: HttpRequest,
    key: web::Path<CaseKey>,
    body: JsonBody<ReferralBody>,
) -> Result<HttpResponse, ApiError> {
    let who = case_caller(&caller);
    let (actor, now) = (actor_of(&caller, &request), ctx.now());
    let code = AgencyCode::parse(&body.0.agency_code).map_err(|e| e.at("agency_code"))?;
    let made = ctx
        .transaction(move |conn| {
            let (case, relation) = load_visible(conn, &key, &who)?;
            caller.require_on(Permission::ReferCase, relation)?;
            match agencies::find_by_code(conn, &code) {
                Ok(_) => {}
                Err(StoreError::NotFound) => {
                    return Err(ApiError::Validation(vec![FieldIssue::new("agency_code", "unknown_agency")]));
                }
                Err(other) => return Err(other.into()),
            }
            if !referrals::open(conn, case.id, code.as_str(), &actor.id, now)? {
                return Err(ApiError::AlreadyRegistered("agency_code".into()));
            }
            let made = referrals::for_complaint(conn, case.id)?
                .into_iter()
                .find(|r| r.agency_code == code.as_str())
                .ok_or(ApiError::NotFound)?;
            let mut journal = Journal::default();
            let detail = json!({ "referral_id": made.id, "agency_code": made.agency_code, "status": made.status });
            journal.events.push(entry(&case, &actor, now, "referral", detail));
            journal.outbox.push(announce::to_agency(&case, "referral.packet", now, json!({ "agency_code": made.agency_code, "referral_id": made.id })));
            journal.audit.push(actor.entry(now, "referral.open", "referral", made.id));
            journal.write(conn)?;
            Ok(made)
        })
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
    let reader = caller.clone();
    let found = ctx.read(move |conn| visible(conn, &caller, id)).await?;
    Ok(HttpResponse::Ok().json(crate::http::disclosed(&reader, found)?))
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
    let (actor, now, body, id) = (
        actor_of(&caller, &request),
        ctx.now(),
        body.0,
        id.into_inner(),
    );
    let stepped = ctx
        .transaction(move |conn| {
            let current = visible(conn, &caller, id)?;
            caller.require_on(Permission::ActOnReferral, relation(&caller, &current))?;
            let status = referral::step(current.status, body.step)
                .ok_or(ApiError::StateConflict(crate::problem::ProblemCode::StepNotAllowed))?;
            let mut after = Referral { status, version: current.version + 1, ..current.clone() };
            match body.step {
                ReferralStep::Acknowledge => {
                    after.regulator_reference = Some(text::<100>("reference", body.reference.as_deref())?);
                    after.acknowledged_at = Some(now);
                }
                ReferralStep::Accept => after.decided_at = Some(now),
                ReferralStep::Decline => {
                    after.reason = Some(text::<2000>("reason", body.reason.as_deref())?);
                    after.decided_at = Some(now);
                }
                ReferralStep::Conclude => {
                    after.outcome = Some(text::<5000>("outcome", body.outcome.as_deref())?);
                    after.concluded_at = Some(now);
                }
            }
            referrals::record_step(conn, &current, &after)?;
            let case = complaints::find(conn, after.complaint_id)?;
            let mut journal = Journal::default();
            let detail = json!({ "referral_id": after.id, "agency_code": after.agency_code, "status": after.status });
            journal.events.push(entry(&case, &actor, now, "referral", detail.clone()));
            journal.outbox.push(announce::to_agency(&case, "referral.updated", now, detail));
            let mut audit = actor.entry(now, "referral.step", "referral", after.id);
            audit.detail = json!({ "step": body.step });
            journal.audit.push(audit);
            journal.write(conn)?;
            Ok(after)
        })
        .await?;
    Ok(HttpResponse::Ok().json(stepped))
}
