//! Statistics for staff.

use actix_web::{HttpResponse, get, web};
use ccms_domain::access::Action as Permission;
use ccms_domain::transparency::Statistics;
use ccms_persistence::transparency::statistics;

use super::period::PeriodQuery;
use crate::auth::Caller;
use crate::context::AppContext;
use crate::problem::ApiError;

/// Statistics
///
/// Over the cases filed in the chosen months (Dhaka time): counts by state, category,
/// escalation agency, business (the 50 with most cases) and month; deadline compliance per
/// legal clock (the share of clocks started that did not run out); and the average hours
/// cases spend in each state before moving on. Coordinators, officers and auditors.
#[utoipa::path(operation_id = "get_statistics", tag = "transparency", params(PeriodQuery),
    security(("bearer" = [])),
    responses((status = 200, description = "The statistics", body = Statistics)))]
#[get("/statistics")]
pub async fn get_statistics(
    caller: Caller,
    ctx: web::Data<AppContext>,
    period: web::Query<PeriodQuery>,
) -> Result<HttpResponse, ApiError> {
    caller.require(Permission::ViewStatistics)?;
    let period = period.period()?;
    let found = ctx
        .read(move |conn| Ok(statistics(conn, period.from, period.until)?))
        .await?;
    Ok(HttpResponse::Ok().json(found))
}
