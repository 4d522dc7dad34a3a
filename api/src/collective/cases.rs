//! Adding cases to a matter.

use actix_web::{HttpRequest, HttpResponse, post, web};
use ccms_domain::access::Action as Permission;
use ccms_persistence::collective::matters::CaseFilter;
use ccms_usecases::collective::joining::{self, Joined};
use uuid::Uuid;

use super::bodies::{AddCasesBody, JoinedView, RefusedCase};
use crate::auth::{Caller, actor_of};
use crate::complaints::access::case_caller;
use crate::complaints::dhaka_midnight;
use crate::context::AppContext;
use crate::http::JsonBody;
use crate::problem::{ApiError, FieldIssue};

/// Add cases to a matter
///
/// A coordinator adds the cases listed (at most 1000 at a time), or with `all_at_directorate`
/// every case of the business escalated or under investigation that is in no matter (narrowed
/// by `category`, `filed_from`, `filed_to` if given). Each case
/// joins once, against the matter's business, at the directorate, and is assigned to the
/// matter's officer; the answer lists each case that did not join, with why. A decided matter
/// answers 409 `matter_decided`.
#[utoipa::path(operation_id = "add_matter_cases", tag = "matters", request_body = AddCasesBody,
    params(("matter_id" = Uuid, Path, description = "The matter")),
    security(("bearer" = [])),
    responses((status = 200, description = "What joined", body = JoinedView)))]
#[post("/matters/{matter_id}/cases")]
pub async fn add_matter_cases(
    caller: Caller,
    ctx: web::Data<AppContext>,
    request: HttpRequest,
    id: web::Path<Uuid>,
    body: JsonBody<AddCasesBody>,
) -> Result<HttpResponse, ApiError> {
    caller.require(Permission::ManageMatters)?;
    let body = body.0;
    // Exactly one of the two: a list, or all.
    if body.all_at_directorate != body.complaint_ids.is_empty() {
        let issue = FieldIssue::new("complaint_ids", "one_of_cases_or_all");
        return Err(ApiError::Validation(vec![issue]));
    }
    let (actor, now, id, who) = (
        actor_of(&caller, &request),
        ctx.now(),
        id.into_inner(),
        case_caller(&caller),
    );
    let filter = CaseFilter {
        category: body.category,
        filed_from: body.filed_from.and_then(dhaka_midnight),
        filed_before: body
            .filed_to
            .and_then(|d| d.succ_opt())
            .and_then(dhaka_midnight),
    };
    let joined: Joined = ctx
        .use_case(move |conn, books| {
            let by = (&who, &actor);
            Ok(if body.all_at_directorate {
                joining::add_all(conn, (id, &filter), by, books, now)?
            } else {
                joining::add(conn, (id, body.complaint_ids), by, books, now)?
            })
        })
        .await?;
    let refused = joined
        .refused
        .into_iter()
        .map(|(complaint_id, reason)| RefusedCase {
            complaint_id,
            reason,
        })
        .collect();
    Ok(HttpResponse::Ok().json(JoinedView {
        added: joined.added,
        refused,
    }))
}
