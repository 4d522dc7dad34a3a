//! A matter's payouts: the file a payment gateway or escrow agent is sent (streamed, a page at
//! a time, so a matter of any size is exported in the same memory), and its report read back.

use actix_web::http::header::CONTENT_DISPOSITION;
use actix_web::web::Bytes;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use ccms_domain::access::Action as Permission;
use ccms_domain::collective::PayoutLine;
use ccms_domain::collective::PayoutResult;
use ccms_persistence::Store;
use ccms_persistence::collective::matters;
use ccms_usecases::collective::payouts::{self, Reconciliation, ReportLine};
use futures_util::{Stream, StreamExt, stream};
use uuid::Uuid;

use super::bodies::{ReconciliationView, RefusedLine};
use crate::auth::{Caller, actor_of};
use crate::context::AppContext;
use crate::problem::ApiError;

/// Lines per page of the export.
const PAGE: i64 = 1000;
/// The largest report read: 10,000 lines of about 100 bytes, with room to spare.
const MAX_REPORT_BYTES: usize = 8 * 1024 * 1024;
/// The columns of the export, and those a report must have.
const EXPORT_HEADER: &str =
    "tracking_number,obligation_id,method,account,amount_poisha,reference\n";
const REPORT_COLUMNS: [&str; 5] = [
    "reference",
    "amount_poisha",
    "status",
    "transaction",
    "reason",
];

/// Export a matter's payouts (CSV)
///
/// Every unpaid refund, compensation and fine share owed to the matter's complainants, one line
/// each: the tracking number, the obligation, the wallet (`bkash`, `nagad`, `rocket`: the one
/// the consumer paid with, at the phone number they verified) or `manual`, the amount in
/// poisha, and the reference the gateway reports back. Streamed. Coordinators; the read is
/// audited.
#[utoipa::path(operation_id = "export_payouts", tag = "matters",
    params(("matter_id" = Uuid, Path, description = "The matter")),
    security(("bearer" = [])),
    responses((status = 200, description = "The payout file", content_type = "text/csv", body = String)))]
#[get("/matters/{matter_id}/payouts")]
pub async fn export_payouts(
    caller: Caller,
    ctx: web::Data<AppContext>,
    request: HttpRequest,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    caller.require(Permission::ManageMatters)?;
    let id = id.into_inner();
    ctx.read(move |conn| Ok(matters::find(conn, id)?)).await?;
    ctx.record_read(
        caller.read_by(&request),
        ("matter.payouts", "matter"),
        vec![id.to_string()],
        serde_json::Value::Null,
    )
    .await?;
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            CONTENT_DISPOSITION,
            format!("attachment; filename=\"ccms-payouts-{id}.csv\""),
        ))
        .streaming(lines(ctx.store.clone(), id)))
}

/// The export, a page at a time after the header.
fn lines(store: Store, matter: Uuid) -> impl Stream<Item = Result<Bytes, actix_web::Error>> {
    let header = stream::once(async { Ok(Bytes::from_static(EXPORT_HEADER.as_bytes())) });
    let pages = stream::unfold(Some(None), move |after: Option<Option<Uuid>>| {
        let store = store.clone();
        async move {
            let after = after?;
            let page =
                web::block(move || store.read(|conn| payouts::lines(conn, matter, after, PAGE)))
                    .await;
            match page {
                Ok(Ok(page)) if page.is_empty() => None,
                Ok(Ok(page)) => {
                    let full = i64::try_from(page.len()).unwrap_or(0) == PAGE;
                    let next = full.then(|| page.last().map(|l| l.obligation_id));
                    Some((Ok(encode(&page)), next))
                }
                failed => {
                    log::error!("payout export stopped: {failed:?}");
                    let interrupted =
                        actix_web::error::ErrorServiceUnavailable("export interrupted");
                    Some((Err(interrupted), None))
                }
            }
        }
    });
    header.chain(pages)
}

fn encode(page: &[PayoutLine]) -> Bytes {
    let mut out = String::with_capacity(page.len() * 110);
    for l in page {
        out.push_str(&format!(
            "{},{},{},{},{},{}\n",
            l.tracking_number, l.obligation_id, l.method, l.account, l.amount_poisha, l.reference
        ));
    }
    Bytes::from(out)
}

/// Import a payment gateway's report (CSV)
///
/// The gateway's report of a payout file, as CSV with the columns `reference` (the export's),
/// `amount_poisha`, `status` (`paid` or `failed`), `transaction` (the gateway's id, for
/// `paid`) and `reason` (for `failed`), in any order, other columns ignored. A paid line marks
/// the obligation paid with the transaction id as its reference (the payer's step, taken on
/// its behalf); a failed line keeps it owed with the reason. The same report again changes
/// nothing; a line that matches no unpaid obligation of the matter, or for another amount, is
/// refused and listed, the others applied. Coordinators; at most 8 MiB.
#[utoipa::path(operation_id = "reconcile_payouts", tag = "matters",
    params(("matter_id" = Uuid, Path, description = "The matter")),
    request_body(content = String, content_type = "text/csv"),
    security(("bearer" = [])),
    responses((status = 200, description = "What the report did", body = ReconciliationView)))]
#[post("/matters/{matter_id}/payouts/reconciliation")]
pub async fn reconcile_payouts(
    caller: Caller,
    ctx: web::Data<AppContext>,
    request: HttpRequest,
    id: web::Path<Uuid>,
    mut body: web::Payload,
) -> Result<HttpResponse, ApiError> {
    caller.require(Permission::ManageMatters)?;
    let mut bytes = Vec::new();
    while let Some(chunk) = body.next().await {
        let chunk = chunk.map_err(|_| ApiError::PayloadTooLarge)?;
        if bytes.len() + chunk.len() > MAX_REPORT_BYTES {
            return Err(ApiError::PayloadTooLarge);
        }
        bytes.extend_from_slice(&chunk);
    }
    let mut done = Reconciliation::default();
    let report = read_report(&bytes, &mut done)?;
    let (actor, now, id) = (actor_of(&caller, &request), ctx.now(), id.into_inner());
    let done = ctx
        .use_case(move |conn, books| {
            payouts::reconcile(conn, (id, report), &actor, books, (now, &mut done))?;
            Ok(done)
        })
        .await?;
    let mut refused = done.refused;
    refused.sort_by_key(|(line, _)| *line);
    let refused = refused
        .into_iter()
        .map(|(line, reason)| RefusedLine { line, reason })
        .collect();
    Ok(HttpResponse::Ok().json(ReconciliationView {
        paid: done.paid,
        failed: done.failed,
        unchanged: done.unchanged,
        refused,
    }))
}

/// The report's lines; a line that cannot be read is refused as `bad_line`. A file without
/// the columns is refused whole.
fn read_report(bytes: &[u8], done: &mut Reconciliation) -> Result<Vec<ReportLine>, ApiError> {
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(bytes);
    let headers = reader.headers().map_err(|_| bad_file())?.clone();
    let column = |name: &str| headers.iter().position(|h| h.trim() == name);
    let columns: Vec<usize> = REPORT_COLUMNS.iter().filter_map(|c| column(c)).collect();
    let [reference, amount, status, transaction, reason] = columns[..] else {
        return Err(bad_file());
    };
    let mut lines = Vec::new();
    for (index, record) in reader.records().enumerate() {
        let line = index + 2;
        let read = record.ok().and_then(|r| {
            let field = |i: usize| r.get(i).unwrap_or_default().trim().to_owned();
            let result = match field(status).as_str() {
                "paid" if !field(transaction).is_empty() && field(transaction).len() <= 100 => {
                    PayoutResult::Paid {
                        transaction: field(transaction),
                    }
                }
                "failed" if !field(reason).is_empty() && field(reason).len() <= 500 => {
                    PayoutResult::Failed {
                        reason: field(reason),
                    }
                }
                _ => return None,
            };
            Some(ReportLine {
                line,
                obligation_id: Uuid::parse_str(&field(reference)).ok()?,
                amount_poisha: field(amount).parse().ok()?,
                result,
            })
        });
        match read {
            Some(read) => lines.push(read),
            None => done.refuse(line, "bad_line"),
        }
    }
    Ok(lines)
}

fn bad_file() -> ApiError {
    ApiError::Validation(vec![crate::problem::FieldIssue::new(
        "body",
        "report_columns",
    )])
}
