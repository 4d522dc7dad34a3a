//! Hearings over HTTP: the use cases (`ccms_usecases::hearings`) schedule, reschedule (the old
//! one stays, marked), cancel, and record what happened.

use actix_web::{HttpResponse, get, web};
use ccms_domain::authority::hearing::Hearing;
use ccms_persistence::authority::hearings;

use crate::complaints::CaseCall;
use crate::complaints::access::load_visible;
use crate::complaints::key::CaseKey;
use crate::context::AppContext;
use crate::problem::ApiError;

mod close;
mod schedule;

pub use close::{cancel_hearing, record_hearing};
pub use schedule::{reschedule_hearing, schedule_hearing};

/// A case's hearings
///
/// Every hearing set for the case, in order, rescheduled and cancelled ones included.
#[utoipa::path(operation_id = "list_hearings", tag = "authority", params(CaseKey),
    security(("bearer" = []), ("partner" = [])),
    responses((status = 200, description = "The hearings", body = Vec<Hearing>)))]
#[get("/complaints/{key}/hearings")]
pub async fn list_hearings(
    CaseCall { caller, on }: CaseCall,
    ctx: web::Data<AppContext>,
) -> Result<HttpResponse, ApiError> {
    let mut found = ctx
        .read(move |conn| {
            let (case, _) = load_visible(conn, &on.key, &on.who)?;
            Ok(hearings::for_complaint(conn, case.id)?)
        })
        .await?;
    if ccms_domain::access::Disclosure::of(caller.role()).is_oversight() {
        found = found.into_iter().map(Hearing::for_oversight).collect();
    }
    Ok(HttpResponse::Ok().json(crate::http::disclosed(&caller, found)?))
}
