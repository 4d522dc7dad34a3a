//! Listing cases: the caller's scope (the domain's `Visibility`), the filters a caller adds, one
//! page at a time, each case as the caller may see it.

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use actix_web::{HttpRequest, HttpResponse, get, web};
use ccms_domain::Invalid;
use ccms_domain::access::{Action as Permission, Disclosure, Role, Visibility};
use ccms_domain::complaint::{CaseCaller, Category, Complaint, State};
use ccms_domain::contact::PhoneNumber;
use ccms_domain::search::{SearchQuery, SearchReach};
use ccms_persistence::complaints::{self as stored, ComplaintFilter};
use ccms_persistence::{DbConnection, Page as StoredPage};
use ccms_usecases::books::PolicyBook;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::Deserialize;
use utoipa::IntoParams;
use uuid::Uuid;

use super::access::{case_caller, view};
use super::bodies::ComplaintView;
use crate::auth::Caller;
use crate::context::AppContext;
use crate::http::disclosed;
use crate::problem::ApiError;
use crate::registry::{Page, PageQuery};

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
    /// `true`: only cases intake flagged as a likely re-filing, not merged yet (coordinators,
    /// officers and auditors, who see the flag; others get `400 triage_staff_only`).
    #[param(required = false, value_type = bool)]
    possible_duplicate: Option<bool>,
    /// Words the case's subject, description, messages and notes must all hold (at most 8;
    /// Bangla or ASCII digits, joiners and letter forms do not matter). Officers, regulators,
    /// coordinators and auditors (words only: numbers are masked for them); others get
    /// `400 search_staff_only`.
    #[param(required = false, value_type = String, max_length = 200, pattern = r"^[^\x00]*$")]
    q: Option<String>,
    /// The complainant's phone number, exactly (any written form). Officers, regulators and
    /// coordinators.
    #[param(required = false, value_type = String,
        pattern = r"^(\+880|880|0|\+৮৮০|৮৮০|০)[1১][3-9৩-৯][0-9০-৯]{8}$")]
    phone: Option<String>,
}

/// The rule a query broke (its length, a NUL, no words, too many).
fn rule_of(invalid: &Invalid) -> &'static str {
    invalid.0.first().map_or("format", |e| e.rule)
}

/// Midnight in Dhaka of `date`, kept within 1970-9999 so no date a caller sends can overflow
/// the arithmetic or fall outside what the databases store.
pub(crate) fn dhaka_midnight(date: NaiveDate) -> Option<chrono::DateTime<chrono::Utc>> {
    let earliest = NaiveDate::from_ymd_opt(1970, 1, 2)?;
    let latest = NaiveDate::from_ymd_opt(9999, 12, 30)?;
    let date = date.clamp(earliest, latest);
    Some(date.and_hms_opt(0, 0, 0)?.and_utc() - Duration::hours(6))
}

impl ComplaintSearch {
    fn filter(
        &self,
        now: chrono::DateTime<chrono::Utc>,
        role: Role,
    ) -> Result<ComplaintFilter, ApiError> {
        let possible_duplicate = self.possible_duplicate == Some(true);
        if possible_duplicate && !Disclosure::shows_duplicate_flag(role) {
            return Err(ApiError::invalid_parameter(
                "possible_duplicate",
                "triage_staff_only",
            ));
        }
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
        let words = self.q.as_deref().map(SearchQuery::parse).transpose();
        let words = words.map_err(|e| ApiError::invalid_parameter("q", rule_of(&e)))?;
        let phone = self.phone.as_deref().map(PhoneNumber::parse).transpose();
        let phone = phone.map_err(|_| ApiError::invalid_parameter("phone", "phone_format"))?;
        let reach = SearchReach::of(role);
        if let Some(rule) = words.as_ref().and_then(|w| reach.refuses(Some(w))) {
            return Err(ApiError::invalid_parameter("q", rule));
        }
        if let Some(rule) = phone.as_ref().and_then(|_| reach.refuses(None)) {
            return Err(ApiError::invalid_parameter("phone", rule));
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
            possible_duplicate,
            words,
            phone: phone.map(|p| p.as_str().to_owned()),
        })
    }
}

/// List cases
///
/// The caller's cases: a consumer's own, those against an agent's business, those a partner
/// pushed or that name it, those escalated or referred to an official's agency, all for
/// coordinators and auditors. Oldest first, stable under new filings. Staff search within
/// the same cases by words (`q`) and by the complainant's phone (`phone`).
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
    let (page, filter) = (page.request()?, search.filter(ctx.now(), caller.role())?);
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
