//! Appeals of a decision to the court, recorded by a party to the case within the appeal window.

use actix_web::{HttpResponse, get, post, web};
use ccms_domain::authority::appeal::Appeal;
use ccms_persistence::authority::appeals as stored;
use ccms_usecases::appealing::{self, AppealCommand};
use chrono::NaiveDate;
use serde::Deserialize;
use utoipa::ToSchema;
use validator::Validate;

use super::bodies::text;
use crate::complaints::CaseCall;
use crate::complaints::access::load_visible;
use crate::complaints::key::CaseKey;
use crate::context::AppContext;
use crate::http::JsonBody;
use crate::problem::ApiError;

/// An appeal as filed in court.
#[derive(Debug, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct AppealBody {
    /// The court appealed to (a Sessions Judge's court, say).
    #[schema(
        min_length = 1,
        max_length = 200,
        pattern = r"^[^\x00]*[^\x00 \t\n\r][^\x00]*$"
    )]
    #[validate(length(max = 200))]
    pub court: String,
    /// The court's case reference.
    #[schema(
        min_length = 1,
        max_length = 100,
        pattern = r"^[^\x00]*[^\x00 \t\n\r][^\x00]*$"
    )]
    #[validate(length(max = 100))]
    pub reference: String,
    /// The Dhaka date it was filed: not before the decision, not after today.
    pub filed_on: NaiveDate,
}

/// Record an appeal to the court
///
/// The consumer or the business, on a decided case, until the decision's `appeal_until` (60
/// days, CRPA 2009); after it `409 window_closed`, on an undecided case `409 case_not_decided`.
/// One per party; shown on the case's timeline and in its referral packet.
#[utoipa::path(operation_id = "record_appeal", tag = "authority", params(CaseKey),
    request_body = AppealBody, security(("bearer" = []), ("partner" = [])),
    responses((status = 201, description = "Recorded", body = Appeal)))]
#[post("/complaints/{key}/appeals")]
pub async fn record_appeal(
    CaseCall { on, .. }: CaseCall,
    ctx: web::Data<AppContext>,
    body: JsonBody<AppealBody>,
) -> Result<HttpResponse, ApiError> {
    let command = AppealCommand {
        court: text::<200>("court", Some(&body.0.court))?,
        reference: text::<100>("reference", Some(&body.0.reference))?,
        filed_on: body.0.filed_on,
    };
    let now = ctx.now();
    let recorded = ctx
        .use_case(move |conn, books| Ok(appealing::record(conn, on, command, books, now)?))
        .await?;
    Ok(HttpResponse::Created().json(recorded))
}

/// A case's appeals
///
/// Whoever may read the case.
#[utoipa::path(operation_id = "list_appeals", tag = "authority", params(CaseKey),
    security(("bearer" = []), ("partner" = [])),
    responses((status = 200, description = "Oldest first", body = [Appeal])))]
#[get("/complaints/{key}/appeals")]
pub async fn list_appeals(
    CaseCall { on, .. }: CaseCall,
    ctx: web::Data<AppContext>,
) -> Result<HttpResponse, ApiError> {
    let found = ctx
        .read(move |conn| {
            let (case, _) = load_visible(conn, &on.key, &on.who)?;
            Ok(stored::for_complaint(conn, case.id)?)
        })
        .await?;
    Ok(HttpResponse::Ok().json(found))
}
