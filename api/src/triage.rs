//! Triage reports over HTTP: where the backlog stands, within what the caller may list.

use std::collections::HashMap;

use actix_web::web::Bytes;
use actix_web::{HttpRequest, HttpResponse, get, web};
use ccms_domain::access::{Action as Permission, Role, Visibility};
use ccms_domain::triage::{Triage, TriageRow};
use ccms_persistence::triage;
use chrono::{DateTime, Utc};
use futures_util::stream;
use serde::Serialize;
use utoipa::ToSchema;

use crate::auth::Caller;
use crate::complaints::access::case_caller;
use crate::context::AppContext;
use crate::problem::ApiError;

/// The report: every total as a row.
#[derive(Debug, Serialize, ToSchema)]
pub struct TriageReport {
    pub as_of: DateTime<Utc>,
    pub rows: Vec<TriageLine>,
}

/// One total. `section` is `open_by_age` (key: state, detail: age), `by_officer` (key: the
/// officer's account id), `by_office`, `referrals` (key: agency, detail: step and age) or
/// `by_business` (key: business id, detail: the clock the cases wait on).
#[derive(Debug, Serialize, ToSchema)]
pub struct TriageLine {
    pub section: String,
    pub key: String,
    pub detail: String,
    pub count: u64,
    /// Of them, with a legal clock run out (officers and offices).
    pub overdue: Option<u64>,
}

impl From<TriageRow> for TriageLine {
    fn from(r: TriageRow) -> TriageLine {
        TriageLine {
            section: r.section.to_owned(),
            key: r.key,
            detail: r.detail,
            count: r.count,
            overdue: r.overdue,
        }
    }
}

/// CSV of `rows`; a cell a spreadsheet would run as a formula (an office named `=...`) is
/// written as text.
fn encode(rows: &[TriageRow]) -> Result<Bytes, ApiError> {
    let cell = |text: &str| {
        if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
            format!("'{text}")
        } else {
            text.to_owned()
        }
    };
    let mut out = csv::WriterBuilder::new()
        .has_headers(false)
        .from_writer(Vec::new());
    for r in rows {
        let overdue = r.overdue.map(|n| n.to_string()).unwrap_or_default();
        out.write_record([
            r.section,
            &cell(&r.key),
            &cell(&r.detail),
            &r.count.to_string(),
            &overdue,
        ])
        .map_err(|e| ApiError::Internal(format!("triage csv: {e}")))?;
    }
    let bytes = out
        .into_inner()
        .map_err(|e| ApiError::Internal(format!("triage csv: {e}")))?;
    Ok(Bytes::from(bytes))
}

pub fn configure(config: &mut utoipa_actix_web::service_config::ServiceConfig) {
    config.service(triage_report);
}

/// Triage report
///
/// Open cases by state and age (0-3, 4-7, 8-14, 15-30, 31-90 days, older); each officer's and
/// office's open cases and how many have a legal clock run out; referrals to each regulator by
/// step and age; each business's open cases by the clock they wait on. Within the cases the
/// caller may list: coordinators and auditors all, an officer its agency's, a regulator the
/// cases and referrals sent to it. With `Accept: text/csv`, the same rows as CSV, streamed.
#[utoipa::path(operation_id = "triage_report", tag = "matters", security(("bearer" = [])),
    responses((status = 200, description = "The report",
        content((TriageReport = "application/json"), (String = "text/csv")))))]
#[get("/reports/triage")]
pub async fn triage_report(
    caller: Caller,
    ctx: web::Data<AppContext>,
    request: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    caller.require_any(Permission::ViewTriage)?;
    let who = case_caller(&caller);
    let scope = Visibility::of(&who);
    let agency = match caller.role() {
        Role::Officer | Role::Regulator => Some(who.agency.clone().unwrap_or_default()),
        _ => None,
    };
    let now = ctx.now();
    let rows = ctx
        .read(move |conn| {
            let offices: HashMap<_, _> = triage::offices(conn)?.into_iter().collect();
            let mut tally = Triage::default();
            triage::each_open_case(conn, &scope, |case| {
                tally.add_case(&case, now, |officer| offices.get(&officer).cloned());
            })?;
            for referral in triage::open_referrals(conn, agency.as_deref())? {
                tally.add_referral(&referral, now);
            }
            Ok(tally.rows())
        })
        .await?;
    if crate::transparency::wants_csv(&request) {
        let mut chunks = vec![Bytes::from_static(b"section,key,detail,count,overdue\n")];
        for block in rows.chunks(500) {
            chunks.push(encode(block)?);
        }
        let body = stream::iter(chunks.into_iter().map(Ok::<_, actix_web::Error>));
        return Ok(HttpResponse::Ok()
            .content_type("text/csv; charset=utf-8")
            .streaming(body));
    }
    Ok(HttpResponse::Ok().json(TriageReport {
        as_of: now,
        rows: rows.into_iter().map(TriageLine::from).collect(),
    }))
}
