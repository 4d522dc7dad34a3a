//! Opening, listing and reading collective matters.

use actix_web::{HttpRequest, HttpResponse, get, post, web};
use ccms_domain::access::{Action as Permission, Role};
use ccms_domain::collective::Matter;
use ccms_domain::text::Line;
use ccms_persistence::collective::matters;
use ccms_usecases::collective::matters::{Opening, open};
use uuid::Uuid;

use super::bodies::{MatterBody, MatterView};
use crate::auth::{Caller, actor_of};
use crate::context::AppContext;
use crate::http::JsonBody;
use crate::problem::ApiError;
use crate::registry::{Page, PageQuery};

/// The agency whose matters the caller sees: an officer's own; everyone else who may see
/// matters, all (`None`).
fn agency_of(caller: &Caller) -> Option<String> {
    (caller.role() == Role::Officer).then(|| caller.0.agency.clone().unwrap_or_default())
}

/// The matter if the caller may see it; 404 otherwise, as for a matter that does not exist.
pub(super) fn visible(caller: &Caller, matter: Matter) -> Result<Matter, ApiError> {
    match agency_of(caller) {
        Some(agency) if agency != matter.agency_code => Err(ApiError::NotFound),
        _ => Ok(matter),
    }
}

/// Open a collective matter
///
/// A coordinator opens a matter against a business, names the DNCRP officer who will hear and
/// decide it, and says whether the business's new cases join it while it is open.
#[utoipa::path(operation_id = "open_matter", tag = "matters", request_body = MatterBody,
    security(("bearer" = [])),
    responses((status = 201, description = "Opened", body = MatterView, headers(("Location" = String)))))]
#[post("/matters")]
pub async fn open_matter(
    caller: Caller,
    ctx: web::Data<AppContext>,
    request: HttpRequest,
    body: JsonBody<MatterBody>,
) -> Result<HttpResponse, ApiError> {
    caller.require(Permission::ManageMatters)?;
    let body = body.0;
    let opening = Opening {
        business_id: body.business_id,
        title: Line::parse(&body.title).map_err(|e| e.at("title"))?,
        officer_id: body.officer_id,
        auto_join: body.auto_join,
    };
    let (actor, now) = (actor_of(&caller, &request), ctx.now());
    let view = ctx
        .transaction(move |conn| {
            let matter = open(conn, opening, &actor, now)?;
            let timeline = matters::timeline(conn, matter.id, 200)?;
            Ok(MatterView::of(matter, 0, timeline))
        })
        .await?;
    Ok(HttpResponse::Created()
        .insert_header(("Location", format!("/api/v1/matters/{}", view.id)))
        .json(view))
}

/// List collective matters
///
/// Oldest first; an officer sees its agency's, coordinators and auditors all.
#[utoipa::path(operation_id = "list_matters", tag = "matters", params(PageQuery),
    security(("bearer" = [])),
    responses((status = 200, description = "One page of matters", body = Page<MatterView>)))]
#[get("/matters")]
pub async fn list_matters(
    caller: Caller,
    ctx: web::Data<AppContext>,
    page: web::Query<PageQuery>,
) -> Result<HttpResponse, ApiError> {
    caller.require_any(Permission::ViewMatters)?;
    let (page, agency) = (page.request()?, agency_of(&caller));
    let found = ctx
        .read(move |conn| {
            let found = matters::list(conn, agency.as_deref(), &page)?;
            let mut views = Vec::with_capacity(found.items.len());
            for matter in found.items {
                let cases = matters::case_count(conn, matter.id)?;
                views.push(MatterView::of(matter, cases, Vec::new()));
            }
            Ok(Page {
                items: views,
                next_cursor: found.next_cursor,
            })
        })
        .await?;
    Ok(HttpResponse::Ok().json(crate::http::disclosed(&caller, found)?))
}

/// A collective matter
///
/// The matter with its number of cases and its timeline; 404 for a matter the caller may not
/// see.
#[utoipa::path(operation_id = "get_matter", tag = "matters",
    params(("matter_id" = Uuid, Path, description = "The matter")),
    security(("bearer" = [])),
    responses((status = 200, description = "The matter", body = MatterView)))]
#[get("/matters/{matter_id}")]
pub async fn get_matter(
    caller: Caller,
    ctx: web::Data<AppContext>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    caller.require_any(Permission::ViewMatters)?;
    let id = id.into_inner();
    let reader = caller.clone();
    let view = ctx
        .read(move |conn| {
            let matter = visible(&reader, matters::find(conn, id)?)?;
            let cases = matters::case_count(conn, id)?;
            let timeline = matters::timeline(conn, id, 200)?;
            Ok(MatterView::of(matter, cases, timeline))
        })
        .await?;
    Ok(HttpResponse::Ok().json(crate::http::disclosed(&caller, view)?))
}
