//! Surges, for staff.

use actix_web::{HttpResponse, get, web};
use ccms_domain::access::Action as Permission;
use ccms_domain::collective::Surge;
use ccms_persistence::collective::surges;

use crate::auth::Caller;
use crate::context::AppContext;
use crate::problem::ApiError;

/// Surges
///
/// The latest 100 surges, open or ended, newest first: a business drawing complaints at the
/// policy's surge rate (`surge` in `GET /api/v1/policy`). Coordinators, auditors, officers.
#[utoipa::path(operation_id = "list_surges", tag = "matters", security(("bearer" = [])),
    responses((status = 200, description = "Surges", body = Vec<Surge>)))]
#[get("/surges")]
pub async fn list_surges(
    caller: Caller,
    ctx: web::Data<AppContext>,
) -> Result<HttpResponse, ApiError> {
    caller.require_any(Permission::ViewMatters)?;
    let found = ctx.read(|conn| Ok(surges::latest(conn, 100)?)).await?;
    Ok(HttpResponse::Ok().json(found))
}
