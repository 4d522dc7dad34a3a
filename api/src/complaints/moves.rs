//! Moving a case: the lifecycle table decides, the version guards against lost updates.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, post, web};
use ccms_domain::access::Role;
use ccms_domain::complaint::clocks::Timing;
use ccms_domain::complaint::{Action, side};
use ccms_domain::text::Line;
use ccms_persistence::authority::assignment;
use ccms_persistence::identity::accounts;
use ccms_persistence::journal::Journal;

use super::access::{case_caller, load_visible, view};
use super::bodies::{ActionBody, ComplaintView};
use crate::auth::Caller;
use crate::complaints::key::CaseKey;
use crate::context::{AppContext, actor_of};
use crate::http::{IfMatch, IfMatchHeader, JsonBody, KeptAnswer, claim_of, etag};
use crate::problem::{ApiError, FieldIssue};
use ccms_usecases::moves::{MoveDetails, Mover, apply};

/// An officer assigned to a case must be an active officer of the agency it is escalated to.
fn check_officer(
    conn: &mut ccms_persistence::DbConnection,
    officer: uuid::Uuid,
    agency: &str,
) -> Result<(), ApiError> {
    let account = match accounts::find(conn, officer) {
        Ok(account) => Some(account),
        Err(ccms_persistence::StoreError::NotFound) => None,
        Err(other) => return Err(other.into()),
    };
    let fits = account.is_some_and(|a| {
        a.role == Role::Officer
            && !a.disabled
            && a.agency
                .as_ref()
                .is_some_and(|code| code.as_str() == agency)
    });
    if fits {
        Ok(())
    } else {
        Err(ApiError::Validation(vec![FieldIssue::new(
            "officer_id",
            "not_an_officer_of_the_agency",
        )]))
    }
}

/// Act on a case
///
/// One move of the lifecycle (`forward`, `acknowledge`, `request_info`, `provide_info`,
/// `propose_resolution`, `accept`, `reject`, `withdraw`, `escalate`, `assign`,
/// `schedule_hearing`, `decide`, `close`, `reopen`). A move the caller may not make now answers
/// 409 with `allowed_actions`; a stale `If-Match` answers 412 and changes nothing.
#[utoipa::path(
    operation_id = "act_on_complaint",
    tag = "complaints",
    params(CaseKey, IfMatchHeader),
    request_body = ActionBody,
    security(("bearer" = []), ("partner" = [])),
    responses((status = 200, description = "Moved", body = ComplaintView, headers(("ETag" = String))))
)]
#[post("/complaints/{key}/actions")]
pub async fn act_on_complaint(
    caller: Caller,
    ctx: web::Data<AppContext>,
    request: HttpRequest,
    key: web::Path<CaseKey>,
    if_match: IfMatch,
    body: JsonBody<ActionBody>,
) -> Result<HttpResponse, ApiError> {
    let who = case_caller(&caller);
    let (actor, now, body) = (actor_of(&caller, &request), ctx.now(), body.0);
    let (calendar, policies) = (ctx.calendar.clone(), ctx.policies.clone());
    // A hearing and a decision carry records of their own: they are made at their endpoints.
    if matches!(
        body.action,
        Action::ScheduleHearing | Action::CancelHearing | Action::Decide
    ) {
        return Err(ApiError::Validation(vec![FieldIssue::new(
            "action",
            "has_own_endpoint",
        )]));
    }
    // Notes are stored in the timeline's JSON: refuse what PostgreSQL's jsonb cannot hold (NUL).
    let note = body
        .note
        .as_deref()
        .map(Line::<5000>::parse)
        .transpose()
        .map_err(|e| e.at("note"))?;
    let details = MoveDetails {
        note: note.map(|n| n.as_str().to_owned()),
        decision: body.decision,
        officer_id: body.officer_id,
    };
    let claim = claim_of(&request);
    let answer = {
        let who = who.clone();
        ctx.transaction(move |conn| {
            let (case, relation) = load_visible(conn, &key, &who)?;
            let Some(side) = side(who.role, relation) else {
                return Err(ApiError::MoveNotAllowed {
                    allowed: Vec::new(),
                });
            };
            if_match.check(case.version)?;
            let mut details = details;
            let agency = &case.routing.escalation_agency;
            match details.officer_id {
                Some(officer) => check_officer(conn, officer, agency)?,
                // Assigned by rule: the agency's officer with the fewest open cases.
                None if body.action == Action::Assign => {
                    let officer = assignment::least_loaded_officer(conn, agency)?.ok_or(
                        ApiError::StateConflict(crate::problem::ProblemCode::NoOfficerAvailable),
                    )?;
                    details.officer_id = Some(officer);
                }
                None => {}
            }
            let policy = policies.of_case(conn, case.routing.policy_version)?;
            let holidays = calendar.current(conn)?;
            let by = Mover {
                actor: &actor,
                now,
                timing: Timing::new(&holidays, &policy).of_category(case.filing.category),
            };
            let mut journal = Journal::default();
            let after = apply(&case, (body.action, side), &details, &by, &mut journal)?;
            journal.write(conn)?;
            // The answer is kept with the move (see `KeptAnswer`).
            let view = view(after, &who, relation, now, &policy);
            KeptAnswer::json(StatusCode::OK, &view)?
                .etag(etag(view.version))
                .kept(conn, claim.as_ref(), now)
        })
        .await?
    };
    Ok(answer.into_response())
}
