//! Reading cases: one, a scoped list, a timeline, and the categories.

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use actix_web::http::header::ETAG;
use actix_web::{HttpRequest, HttpResponse, get, web};
use ccms_domain::access::{Action as Permission, Visibility, permits};
use ccms_domain::complaint::{CATEGORIES, CaseCaller, Category, Complaint, State};
use ccms_persistence::complaints::{self as stored, ComplaintFilter, events};
use ccms_persistence::{DbConnection, Page as StoredPage};
use ccms_usecases::books::PolicyBook;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::Deserialize;
use utoipa::IntoParams;
use uuid::Uuid;

use super::CaseCall;
use super::access::{case_caller, load_visible, view};
use super::bodies::{CategoryView, ComplaintView, EventView, Timeline};
use crate::auth::Caller;
use crate::complaints::key::CaseKey;
use crate::context::AppContext;
use crate::http::{disclosed, etag};
use crate::problem::ApiError;
use crate::registry::{Page, PageQuery};

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
            Ok((case, relation, policy))
        })
        .await?
    };
    let (complaint, relation, policy) = found;
    ctx.record_read(
        caller.read_by(&request),
        ("complaint.read", "complaint"),
        vec![complaint.id.to_string()],
        serde_json::Value::Null,
    )
    .await?;
    let view = view(complaint, &who, relation, ctx.now(), &policy);
    Ok(HttpResponse::Ok()
        .insert_header((ETAG, etag(view.version)))
        .json(disclosed(&caller, view)?))
}

/// Filters for case lists; they combine with AND.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ComplaintSearch {
    #[param(required = false, value_type = State)]
    state: Option<State>,
    #[param(required = false, value_type = Category)]
    category: Option<Category>,
    #[param(required = false, value_type = Uuid)]
    business_id: Option<Uuid>,
    /// Cases escalated or referred to this agency code.
    #[param(required = false, value_type = String, max_length = 16, pattern = r"^[^\x00]*$")]
    agency: Option<String>,
    /// Filed on or after this date (Dhaka).
    #[param(required = false, value_type = NaiveDate)]
    filed_from: Option<NaiveDate>,
    /// Filed on or before this date (Dhaka).
    #[param(required = false, value_type = NaiveDate)]
    filed_to: Option<NaiveDate>,
    /// A tracking number or an order reference, exactly.
    #[param(required = false, value_type = String, max_length = 100, pattern = r"^[^\x00]*$")]
    reference: Option<String>,
    /// `true`: only cases with a legal clock run out.
    #[param(required = false, value_type = bool)]
    overdue: Option<bool>,
}

/// Midnight in Dhaka of `date`, kept within 1970-9999 so no date a caller sends can overflow
/// the arithmetic or fall outside what the databases store.
fn dhaka_midnight(date: NaiveDate) -> Option<chrono::DateTime<chrono::Utc>> {
    let earliest = NaiveDate::from_ymd_opt(1970, 1, 2)?;
    let latest = NaiveDate::from_ymd_opt(9999, 12, 30)?;
    let date = date.clamp(earliest, latest);
    Some(date.and_hms_opt(0, 0, 0)?.and_utc() - Duration::hours(6))
}

impl ComplaintSearch {
    fn filter(&self, now: chrono::DateTime<chrono::Utc>) -> Result<ComplaintFilter, ApiError> {
        for (name, value, max) in [
            ("agency", &self.agency, 16),
            ("reference", &self.reference, 100),
        ] {
            if value.as_ref().is_some_and(|v| v.chars().count() > max) {
                return Err(ApiError::invalid_parameter(name, "length"));
            }
            if value.as_ref().is_some_and(|v| v.contains('\0')) {
                return Err(ApiError::invalid_parameter(name, "nul_character"));
            }
        }
        Ok(ComplaintFilter {
            state: self.state,
            category: self.category,
            business_id: self.business_id,
            agency: self.agency.as_ref().map(|a| a.to_ascii_uppercase()),
            filed_from: self.filed_from.and_then(dhaka_midnight),
            filed_before: self
                .filed_to
                .and_then(|d| d.succ_opt())
                .and_then(dhaka_midnight),
            reference: self.reference.clone(),
            overdue_at: self.overdue.filter(|o| *o).map(|_| now),
        })
    }
}

/// List cases
///
/// The caller's cases: a consumer's own, those against an agent's business, those a partner
/// pushed or that name it, those escalated or referred to an official's agency, all for
/// coordinators and auditors. Oldest first, stable under new filings.
#[utoipa::path(operation_id = "list_complaints", tag = "complaints", params(ComplaintSearch, PageQuery),
    security(("bearer" = []), ("partner" = [])),
    responses((status = 200, description = "One page of cases", body = Page<ComplaintView>)))]
#[get("/complaints")]
pub async fn list_complaints(
    caller: Caller,
    ctx: web::Data<AppContext>,
    request: HttpRequest,
    search: web::Query<ComplaintSearch>,
    page: web::Query<PageQuery>,
) -> Result<HttpResponse, ApiError> {
    // The same rows as one case's: a role that may see no case may not list them (403).
    caller.require_any(Permission::ViewCase)?;
    let (page, filter) = (page.request()?, search.filter(ctx.now())?);
    let who = case_caller(&caller);
    let scope = Visibility::of(&who);
    let (policies, now) = (ctx.policies.clone(), ctx.now());
    let shown = ctx
        .read(move |conn| {
            let found = stored::list(conn, &scope, &filter, &page)?;
            shown_page(conn, found, &policies, (&who, now))
        })
        .await?;
    let ids = shown.items.iter().map(|v| v.id.to_string()).collect();
    ctx.record_read(
        caller.read_by(&request),
        ("complaint.list", "complaint"),
        ids,
        serde_json::Value::Null,
    )
    .await?;
    Ok(HttpResponse::Ok().json(disclosed(&caller, shown)?))
}

/// A page of cases as `who` sees each, under the policy version each was routed by (read once
/// per version, however many cases follow it).
fn shown_page(
    conn: &mut DbConnection,
    found: StoredPage<Complaint>,
    policies: &PolicyBook,
    (who, now): (&CaseCaller, DateTime<Utc>),
) -> Result<Page<ComplaintView>, ApiError> {
    let mut versions = HashMap::new();
    for case in &found.items {
        let number = case.routing.policy_version;
        if let Entry::Vacant(slot) = versions.entry(number) {
            slot.insert(policies.of_case(conn, number)?);
        }
    }
    let mut views = Vec::with_capacity(found.items.len());
    for case in found.items {
        let policy = versions
            .get(&case.routing.policy_version)
            .ok_or(ApiError::NotFound)?;
        let relation = case.relation(who);
        views.push(view(case, who, relation, now, policy));
    }
    Ok(Page {
        items: views,
        next_cursor: found.next_cursor,
    })
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
