use actix_web::http::header::{ETAG, LOCATION};
use actix_web::{HttpRequest, HttpResponse, get, patch, post, web};
use ccms_domain::access::Action;
use ccms_domain::registry::AgencyCode;
use ccms_persistence::registry::agencies;

use super::agency_body::{AgencyChanges, AgencyView, NewAgencyBody};
use super::page::{Page, PageQuery};
use crate::auth::Caller;
use crate::auth::actor_of;
use crate::context::AppContext;
use crate::http::{IfMatch, IfMatchHeader, JsonBody, etag};
use crate::problem::ApiError;

/// Agency codes in paths are matched case-insensitively; an impossible code is simply not found.
fn code_in_path(raw: &str) -> Result<AgencyCode, ApiError> {
    AgencyCode::parse(&raw.to_ascii_uppercase()).map_err(|_| ApiError::NotFound)
}

fn answer(status: actix_web::http::StatusCode, view: AgencyView) -> HttpResponse {
    HttpResponse::build(status)
        .insert_header((ETAG, etag(view.version)))
        .insert_header((LOCATION, format!("/api/v1/agencies/{}", view.code)))
        .json(view)
}

/// List agencies
///
/// DNCRP and the sector regulators cases can be referred to. Public.
#[utoipa::path(
    operation_id = "list_agencies",
    tag = "registry",
    security(()),
    params(PageQuery),
    responses((status = 200, description = "One page of agencies", body = Page<AgencyView>))
)]
#[get("/agencies")]
pub async fn list_agencies(
    ctx: web::Data<AppContext>,
    query: web::Query<PageQuery>,
) -> Result<HttpResponse, ApiError> {
    let page = query.request()?;
    let found = ctx
        .read(move |conn| Ok(agencies::list(conn, &page)?))
        .await?;
    Ok(HttpResponse::Ok().json(Page::from(found, AgencyView::from)))
}

/// Get an agency
///
/// One agency by its code (`DNCRP`, `BB`, `BTRC`, ...). Public.
#[utoipa::path(
    operation_id = "get_agency",
    tag = "registry",
    security(()),
    params(("code" = String, Path, description = "Agency code", max_length = 64, example = "DNCRP")),
    responses((status = 200, description = "The agency", body = AgencyView,
        headers(("ETag" = String, description = "The agency's version"))))
)]
#[get("/agencies/{code}")]
pub async fn get_agency(
    ctx: web::Data<AppContext>,
    code: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let code = code_in_path(&code)?;
    let agency = ctx
        .read(move |conn| Ok(agencies::find_by_code(conn, &code)?))
        .await?;
    Ok(answer(actix_web::http::StatusCode::OK, agency.into()))
}

/// Register an agency
///
/// Coordinators only. The code is fixed once created.
#[utoipa::path(
    operation_id = "create_agency",
    tag = "registry",
    request_body = NewAgencyBody,
    security(("bearer" = [])),
    responses((status = 201, description = "Registered", body = AgencyView,
        headers(("ETag" = String), ("Location" = String))))
)]
#[post("/agencies")]
pub async fn create_agency(
    caller: Caller,
    ctx: web::Data<AppContext>,
    request: HttpRequest,
    body: JsonBody<NewAgencyBody>,
) -> Result<HttpResponse, ApiError> {
    caller.require(Action::ManageRegistry)?;
    let agency = body.0.parse()?;
    let (actor, now) = (actor_of(&caller, &request), ctx.now());
    let created = ctx
        .write(
            move |conn| Ok(agencies::create(conn, &agency, now)?),
            move |created| actor.entry(now, "agency.create", "agency", created.id),
        )
        .await?;
    Ok(answer(actix_web::http::StatusCode::CREATED, created.into()))
}

/// Change an agency
///
/// Coordinators only. Send the ETag you read in `If-Match`; a stale one answers 412.
#[utoipa::path(
    operation_id = "update_agency",
    tag = "registry",
    params(
        ("code" = String, Path, description = "Agency code", max_length = 64, example = "DNCRP"),
        IfMatchHeader,
    ),
    request_body = AgencyChanges,
    security(("bearer" = [])),
    responses((status = 200, description = "Changed", body = AgencyView, headers(("ETag" = String))))
)]
#[patch("/agencies/{code}")]
pub async fn update_agency(
    caller: Caller,
    ctx: web::Data<AppContext>,
    request: HttpRequest,
    code: web::Path<String>,
    if_match: IfMatch,
    body: JsonBody<AgencyChanges>,
) -> Result<HttpResponse, ApiError> {
    caller.require(Action::ManageRegistry)?;
    let code = code_in_path(&code)?;
    let (actor, now) = (actor_of(&caller, &request), ctx.now());
    let changes = body.0;
    let updated = ctx
        .write(
            move |conn| {
                let current = agencies::find_by_code(conn, &code)?;
                let changed = changes.apply_to(&current)?;
                if_match.check(current.version)?;
                Ok(agencies::update(conn, &current, &changed, now)?)
            },
            move |updated| actor.entry(now, "agency.update", "agency", updated.id),
        )
        .await?;
    Ok(answer(actix_web::http::StatusCode::OK, updated.into()))
}
