//! Reading cases: one, its timeline, and the categories (a scoped list is `listing.rs`).

use actix_web::http::header::ETAG;
use actix_web::{HttpRequest, HttpResponse, get, web};
use ccms_domain::access::{Action as Permission, permits};
use ccms_domain::complaint::CATEGORIES;
use ccms_persistence::complaints::events;
use ccms_persistence::complaints::redress;

use super::CaseCall;
use super::access::{load_visible, view};
use super::bodies::{CategoryView, ComplaintView, EventView, Timeline};
use crate::complaints::key::CaseKey;
use crate::context::AppContext;
use crate::http::{disclosed, etag};
use crate::problem::ApiError;

/// Complaint categories
///
/// Every category with its English and Bangla label. Public.
#[utoipa::path(operation_id = "list_categories", tag = "complaints", security(()),
    responses((status = 200, description = "All categories", body = Vec<CategoryView>)))]
#[get("/categories")]
pub async fn list_categories() -> HttpResponse {
    let all: Vec<CategoryView> = CATEGORIES
        .iter()
        .map(|(code, en, bn)| CategoryView {
            code: *code,
            label_en: (*en).to_owned(),
            label_bn: (*bn).to_owned(),
        })
        .collect();
    HttpResponse::Ok().json(all)
}

/// Get a case
///
/// By id or tracking number (`CCMS-2026-000123`). A case the caller may not see answers 404,
/// exactly like one that does not exist.
#[utoipa::path(operation_id = "get_complaint", tag = "complaints", params(CaseKey,
        ("If-None-Match" = Option<String>, Header, description = "The ETag you hold: 304 while the case is unchanged")),
    security(("bearer" = []), ("partner" = [])),
    responses((status = 200, description = "The case", body = ComplaintView, headers(("ETag" = String))),
        (status = 304, description = "Unchanged since the ETag in If-None-Match", headers(("ETag" = String)))))]
#[get("/complaints/{key}")]
pub async fn get_complaint(
    CaseCall { caller, on }: CaseCall,
    ctx: web::Data<AppContext>,
    request: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    let who = on.who.clone();
    let found = {
        let policies = ctx.policies.clone();
        ctx.read(move |conn| {
            let (case, relation) = load_visible(conn, &on.key, &on.who)?;
            let policy = policies.of_case(conn, case.routing.policy_version)?;
            let offer = redress::latest_offer(conn, case.id)?;
            let matter = ccms_persistence::collective::matters::of_case(conn, case.id)?;
            Ok((case, relation, policy, (offer, matter)))
        })
        .await?
    };
    let (complaint, relation, policy, (offer, matter)) = found;
    ctx.record_read(
        caller.read_by(&request),
        ("complaint.read", "complaint"),
        vec![complaint.id.to_string()],
        serde_json::Value::Null,
    )
    .await?;
    let view = view(complaint, &who, relation, ctx.now(), &policy)
        .with_offer(offer)
        .with_matter(matter);
    Ok(HttpResponse::Ok()
        .insert_header((ETAG, etag(view.version)))
        .json(disclosed(&caller, view)?))
}

/// A case's timeline
///
/// Every filing, routing decision, move and message, oldest first. Internal notes only for staff.
#[utoipa::path(operation_id = "list_complaint_events", tag = "complaints", params(CaseKey),
    security(("bearer" = []), ("partner" = [])),
    responses((status = 200, description = "The timeline", body = Timeline)))]
#[get("/complaints/{key}/events")]
pub async fn list_complaint_events(
    CaseCall { caller, on }: CaseCall,
    ctx: web::Data<AppContext>,
    request: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    let (id, items) = ctx
        .read(move |conn| {
            let (complaint, relation) = load_visible(conn, &on.key, &on.who)?;
            let notes = permits(on.who.role, Permission::ReadNotes, relation);
            Ok((complaint.id, events::timeline(conn, complaint.id, notes)?))
        })
        .await?;
    ctx.record_read(
        caller.read_by(&request),
        ("complaint.timeline.read", "complaint"),
        vec![id.to_string()],
        serde_json::Value::Null,
    )
    .await?;
    let timeline = Timeline {
        items: items.into_iter().map(EventView::from).collect(),
    };
    Ok(HttpResponse::Ok().json(disclosed(&caller, timeline)?))
}
