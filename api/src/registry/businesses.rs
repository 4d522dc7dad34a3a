use actix_web::http::StatusCode;
use actix_web::http::header::{ETAG, LOCATION};
use actix_web::{HttpRequest, HttpResponse, get, patch, post, web};
use ccms_domain::access::Action;
use ccms_domain::registry::{BusinessKind, BusinessStatus, Dbid, NewBusiness, WebDomain};
use ccms_persistence::registry::businesses::{self, BusinessFilter};
use ccms_persistence::{DbConnection, Page as StoredPage};
use serde::Deserialize;
use utoipa::IntoParams;
use uuid::Uuid;

use super::business_body::{BusinessChanges, BusinessView, NewBusinessBody, parent_invalid};
use super::page::{Page, PageQuery};
use crate::auth::actor_of;
use crate::auth::{Caller, OptionalCaller};
use crate::context::AppContext;
use crate::http::{IfMatch, IfMatchHeader, JsonBody, etag};
use crate::problem::ApiError;

/// Filters for the business registry; they combine with AND.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct BusinessSearch {
    /// Part of the legal name or a trade name, in any case (Bangla or English).
    #[param(required = false, value_type = String, max_length = 200, pattern = r"^[^\x00]*$")]
    q: Option<String>,
    /// Exact DBID.
    #[param(required = false, value_type = String, max_length = 64)]
    dbid: Option<String>,
    /// A web domain or URL of the shop (`https://www.shop.com.bd/item` finds `shop.com.bd`).
    #[param(required = false, value_type = String, max_length = 253)]
    web_domain: Option<String>,
    #[param(required = false, value_type = BusinessKind)]
    kind: Option<BusinessKind>,
    /// Staff only; the public sees active businesses.
    #[param(required = false, value_type = BusinessStatus)]
    status: Option<BusinessStatus>,
}

impl BusinessSearch {
    /// The filter, or `None` when it cannot match anything (a malformed DBID or domain, or a
    /// suspended-only search by someone who may not see suspended businesses).
    fn filter(&self, sees_suspended: bool) -> Result<Option<BusinessFilter>, ApiError> {
        let too_long = |value: &Option<String>, max: usize| {
            value.as_ref().is_some_and(|v| v.chars().count() > max)
        };
        for (name, value, max) in [
            ("q", &self.q, 200),
            ("dbid", &self.dbid, 64),
            ("web_domain", &self.web_domain, 253),
        ] {
            if too_long(value, max) {
                return Err(ApiError::invalid_parameter(name, "length"));
            }
        }
        if self.q.as_ref().is_some_and(|q| q.contains('\0')) {
            return Err(ApiError::invalid_parameter("q", "nul_character"));
        }
        let status = match (self.status, sees_suspended) {
            (Some(BusinessStatus::Suspended), false) => return Ok(None),
            (status, true) => status,
            (_, false) => Some(BusinessStatus::Active),
        };
        let dbid = self.dbid.as_deref().map(Dbid::parse).transpose();
        let web_domain = self.web_domain.as_deref().map(WebDomain::parse).transpose();
        let (Ok(dbid), Ok(web_domain)) = (dbid, web_domain) else {
            return Ok(None);
        };
        Ok(Some(BusinessFilter {
            name: self.q.clone().filter(|q| !q.trim().is_empty()),
            dbid,
            web_domain,
            kind: self.kind,
            status,
        }))
    }
}

fn answer(status: StatusCode, view: BusinessView) -> HttpResponse {
    HttpResponse::build(status)
        .insert_header((ETAG, etag(view.version)))
        .insert_header((LOCATION, format!("/api/v1/businesses/{}", view.id)))
        .json(view)
}

/// The registry's rule for parent links, checked against the parent as stored.
fn check_parent(
    conn: &mut DbConnection,
    business: &NewBusiness,
    own_id: Option<Uuid>,
) -> Result<(), ApiError> {
    let parent_kind = match business.parent_id {
        Some(parent) if Some(parent) != own_id => match businesses::find(conn, parent) {
            Ok(found) => Some(found.details.kind),
            Err(ccms_persistence::StoreError::NotFound) => None,
            Err(other) => return Err(other.into()),
        },
        _ => None,
    };
    business
        .check_parent(parent_kind)
        .map_err(|p| parent_invalid(p).into())
}

/// Search businesses
///
/// Public: consumers find the business they complain about by name, DBID or web domain.
/// Without a staff token only active businesses are listed.
#[utoipa::path(
    operation_id = "list_businesses",
    tag = "registry",
    params(BusinessSearch, PageQuery),
    security((), ("bearer" = []), ("partner" = [])),
    responses((status = 200, description = "One page of businesses", body = Page<BusinessView>))
)]
#[get("/businesses")]
pub async fn list_businesses(
    caller: OptionalCaller,
    ctx: web::Data<AppContext>,
    search: web::Query<BusinessSearch>,
    page: web::Query<PageQuery>,
) -> Result<HttpResponse, ApiError> {
    let page = page.request()?;
    let Some(filter) = search.filter(caller.may(Action::ViewSuspendedBusinesses))? else {
        return Ok(HttpResponse::Ok().json(Page::<BusinessView> {
            items: vec![],
            next_cursor: None,
        }));
    };
    let found: StoredPage<_> = ctx
        .read(move |conn| Ok(businesses::list(conn, &filter, &page)?))
        .await?;
    Ok(HttpResponse::Ok().json(Page::from(found, BusinessView::from)))
}

/// Get a business
///
/// Public for active businesses; suspended ones are visible to staff only (404 otherwise).
#[utoipa::path(
    operation_id = "get_business",
    tag = "registry",
    params(("id" = Uuid, Path, description = "Business id")),
    security((), ("bearer" = []), ("partner" = [])),
    responses((status = 200, description = "The business", body = BusinessView, headers(("ETag" = String))))
)]
#[get("/businesses/{id}")]
pub async fn get_business(
    caller: OptionalCaller,
    ctx: web::Data<AppContext>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let business = ctx
        .read(move |conn| Ok(businesses::find(conn, id)?))
        .await?;
    if !business.is_active() && !caller.may(Action::ViewSuspendedBusinesses) {
        return Err(ApiError::NotFound);
    }
    Ok(answer(StatusCode::OK, business.into()))
}

/// Register a business
///
/// Coordinators only. A `seller` names its marketplace in `parent_id`.
#[utoipa::path(
    operation_id = "create_business",
    tag = "registry",
    request_body = NewBusinessBody,
    security(("bearer" = [])),
    responses((status = 201, description = "Registered", body = BusinessView,
        headers(("ETag" = String), ("Location" = String))))
)]
#[post("/businesses")]
pub async fn create_business(
    caller: Caller,
    ctx: web::Data<AppContext>,
    request: HttpRequest,
    body: JsonBody<NewBusinessBody>,
) -> Result<HttpResponse, ApiError> {
    caller.require(Action::ManageRegistry)?;
    let business = body.0.parse()?;
    let (actor, now) = (actor_of(&caller, &request), ctx.now());
    let created = ctx
        .write(
            move |conn| {
                check_parent(conn, &business, None)?;
                Ok(businesses::create(conn, &business, now)?)
            },
            move |created| actor.entry(now, "business.create", "business", created.id),
        )
        .await?;
    Ok(answer(StatusCode::CREATED, created.into()))
}

/// Change a business
///
/// Coordinators only; suspend a business with `{"status": "suspended"}`. Send the ETag you
/// read in `If-Match`; a stale one answers 412.
#[utoipa::path(
    operation_id = "update_business",
    tag = "registry",
    params(
        ("id" = Uuid, Path, description = "Business id"),
        IfMatchHeader,
    ),
    request_body = BusinessChanges,
    security(("bearer" = [])),
    responses((status = 200, description = "Changed", body = BusinessView, headers(("ETag" = String))))
)]
#[patch("/businesses/{id}")]
pub async fn update_business(
    caller: Caller,
    ctx: web::Data<AppContext>,
    request: HttpRequest,
    id: web::Path<Uuid>,
    if_match: IfMatch,
    body: JsonBody<BusinessChanges>,
) -> Result<HttpResponse, ApiError> {
    caller.require(Action::ManageRegistry)?;
    let id = id.into_inner();
    let (actor, now) = (actor_of(&caller, &request), ctx.now());
    let changes = body.0;
    let updated = ctx
        .write(
            move |conn| {
                let current = businesses::find(conn, id)?;
                let changed = changes.apply_to(&current)?;
                if_match.check(current.version)?;
                check_parent(conn, &changed, Some(id))?;
                Ok(businesses::update(conn, &current, &changed, now)?)
            },
            move |updated| actor.entry(now, "business.update", "business", updated.id),
        )
        .await?;
    Ok(answer(StatusCode::OK, updated.into()))
}
