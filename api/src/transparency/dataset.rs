//! The open dataset: one row per case, no personal data. JSON a page at a time, or the whole
//! selection as CSV (`Accept: text/csv`), streamed a thousand rows at a time so an export of
//! millions of rows runs in constant memory.

use actix_web::http::header::{ACCEPT, CONTENT_DISPOSITION};
use actix_web::web::Bytes;
use actix_web::{HttpRequest, HttpResponse, get, web};
use ccms_domain::complaint::Category;
use ccms_domain::transparency::PublicCase;
use ccms_persistence::Store;
use ccms_persistence::transparency::{PublicFilter, public_rows};
use chrono::{DateTime, Utc};
use futures_util::stream::{self, Stream};
use serde::Deserialize;
use utoipa::IntoParams;
use uuid::Uuid;

use super::period::PeriodQuery;
use crate::context::AppContext;
use crate::problem::ApiError;
use crate::registry::{Page, PageQuery};

/// Rows per query (and per CSV chunk).
const CHUNK: i64 = 1000;

/// The CSV header: `PublicCase`'s fields, in order.
const COLUMNS: [&str; 25] = [
    "id",
    "category",
    "business_id",
    "business_name",
    "channel",
    "month_filed",
    "state",
    "outcome",
    "responded",
    "first_response_minutes",
    "acted_within_72h",
    "resolved_by_business",
    "escalated",
    "upheld",
    "reopened",
    "remedy",
    "promised_poisha",
    "confirmed_poisha",
    "obligations_due",
    "obligations_paid_on_time",
    "obligations_overdue",
    "consumer_resolved",
    "satisfaction",
    "business_response",
    "narrative",
];

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DatasetQuery {
    #[param(required = false, value_type = Uuid)]
    business_id: Option<Uuid>,
    #[param(required = false, value_type = Category)]
    category: Option<Category>,
}

fn filter(query: &DatasetQuery, period: &PeriodQuery) -> Result<PublicFilter, ApiError> {
    let period = period.period()?;
    Ok(PublicFilter {
        business_id: query.business_id,
        category: query.category.as_ref().and_then(ccms_usecases::moves::code),
        from: period.from,
        until: period.until,
    })
}

pub(crate) fn wants_csv(request: &HttpRequest) -> bool {
    request
        .headers()
        .get(ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|accept| accept.split(',').any(|t| t.trim().starts_with("text/csv")))
}

/// The open dataset
///
/// One row per case, oldest first, with no personal data: category, business, channel, month
/// filed (Dhaka), state, outcome and timeliness flags; the narrative only where the consumer
/// consented, with phone, national ID, wallet and card numbers (Bangla or ASCII digits) and
/// e-mail addresses removed. With `Accept: text/csv`, every matching row as CSV, streamed (the
/// cursor and limit do not apply). Anyone, without signing in.
#[utoipa::path(operation_id = "list_public_complaints", tag = "transparency",
    params(DatasetQuery, PeriodQuery, PageQuery), security(()),
    responses((status = 200, description = "One page of rows, or all rows as CSV",
        content((Page<PublicCase> = "application/json"), (String = "text/csv")))))]
#[get("/public/complaints")]
pub async fn list_public_complaints(
    ctx: web::Data<AppContext>,
    request: HttpRequest,
    query: web::Query<DatasetQuery>,
    period: web::Query<PeriodQuery>,
    page: web::Query<PageQuery>,
) -> Result<HttpResponse, ApiError> {
    let filter = filter(&query, &period)?;
    let page = page.request()?;
    if wants_csv(&request) {
        return Ok(HttpResponse::Ok()
            .content_type("text/csv; charset=utf-8")
            .insert_header((
                CONTENT_DISPOSITION,
                "attachment; filename=\"ccms-complaints.csv\"",
            ))
            .streaming(csv_rows(ctx.store.clone(), filter, ctx.now())));
    }
    let (limit, after) = (page.limit(), page.after()?);
    let now = ctx.now();
    let rows = ctx
        .read(move |conn| Ok(public_rows(conn, &filter, (after, limit + 1), now)?))
        .await?;
    let found = ccms_persistence::Page::from_rows(
        rows.iter().map(PublicCase::of).collect(),
        limit,
        |r: &PublicCase| r.id,
    );
    Ok(HttpResponse::Ok().json(Page::from(found, |r| r)))
}

/// Where a CSV export has got to.
struct Export {
    store: Store,
    filter: PublicFilter,
    after: Option<Uuid>,
    header: bool,
    done: bool,
    /// The whole export's redress figures are as of its start.
    now: DateTime<Utc>,
}

fn csv_rows(
    store: Store,
    filter: PublicFilter,
    now: DateTime<Utc>,
) -> impl Stream<Item = Result<Bytes, actix_web::Error>> {
    let start = Export {
        store,
        filter,
        after: None,
        header: true,
        done: false,
        now,
    };
    stream::unfold(start, |mut export| async move {
        if export.done {
            return None;
        }
        if export.header {
            export.header = false;
            return Some((encode(&[], true), export));
        }
        let (store, filter, after) = (export.store.clone(), export.filter.clone(), export.after);
        let now = export.now;
        let rows = actix_web::web::block(move || {
            store.read(|conn| public_rows(conn, &filter, (after, CHUNK), now))
        })
        .await;
        match rows {
            Ok(Ok(rows)) if rows.is_empty() => None,
            Ok(Ok(rows)) => {
                export.after = rows.last().map(|r| r.public_id);
                export.done = rows.len() < usize::try_from(CHUNK).unwrap_or(usize::MAX);
                let public: Vec<PublicCase> = rows.iter().map(PublicCase::of).collect();
                Some((encode(&public, false), export))
            }
            failed => {
                log::error!("dataset export stopped: {failed:?}");
                export.done = true;
                Some((
                    Err(actix_web::error::ErrorServiceUnavailable(
                        "export interrupted",
                    )),
                    export,
                ))
            }
        }
    })
}

fn text<T: serde::Serialize>(value: &T) -> String {
    ccms_usecases::moves::code(value).unwrap_or_default()
}

/// Free text as a CSV cell that a spreadsheet shows as text: one starting with `=`, `+`, `-`,
/// `@`, a tab or a carriage return would otherwise run as a formula.
fn cell(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}

/// CSV of `rows` (or the header line).
fn encode(rows: &[PublicCase], header: bool) -> Result<Bytes, actix_web::Error> {
    let mut out = csv::Writer::from_writer(Vec::with_capacity(rows.len() * 200));
    let failed = |e: csv::Error| actix_web::error::ErrorInternalServerError(e.to_string());
    if header {
        out.write_record(COLUMNS).map_err(failed)?;
    }
    for r in rows {
        let flag = |b: bool| if b { "true" } else { "false" };
        out.write_record([
            r.id.to_string().as_str(),
            &text(&r.category),
            &r.business_id.to_string(),
            &cell(&r.business_name),
            &text(&r.channel),
            &r.month_filed,
            &text(&r.state),
            &r.outcome.as_ref().map(text).unwrap_or_default(),
            flag(r.responded),
            &r.first_response_minutes
                .map(|m| m.to_string())
                .unwrap_or_default(),
            flag(r.acted_within_72h),
            flag(r.resolved_by_business),
            flag(r.escalated),
            flag(r.upheld),
            flag(r.reopened),
            &r.remedy.as_ref().map(text).unwrap_or_default(),
            &r.promised_poisha.to_string(),
            &r.confirmed_poisha.to_string(),
            &r.obligations_due.to_string(),
            &r.obligations_paid_on_time.to_string(),
            &r.obligations_overdue.to_string(),
            r.consumer_resolved.map(flag).unwrap_or_default(),
            &r.satisfaction.map(|s| s.to_string()).unwrap_or_default(),
            &cell(r.business_response.as_deref().unwrap_or_default()),
            &cell(r.narrative.as_deref().unwrap_or_default()),
        ])
        .map_err(failed)?;
    }
    let bytes = out
        .into_inner()
        .map_err(|e| actix_web::error::ErrorInternalServerError(e.to_string()))?;
    Ok(Bytes::from(bytes))
}
