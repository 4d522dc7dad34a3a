//! Moving a case: the lifecycle table decides, the version guards against lost updates.

use actix_web::http::header::ETAG;
use actix_web::{HttpRequest, HttpResponse, post, web};
use ccms_domain::calendar::Calendar;
use ccms_domain::complaint::clocks::{ClockChange, ClockKind};
use ccms_domain::complaint::{
    Action, Complaint, OutcomeChange, State, WaitingChange, attempt, side,
};
use ccms_persistence::DbConnection;
use ccms_persistence::complaints::events::{self, Event};
use ccms_persistence::complaints::{self as stored, CaseChange};
use chrono::{DateTime, Utc};
use serde_json::json;

use super::access::{case_caller, load_visible, view};
use super::bodies::{ActionBody, ComplaintView};
use crate::auth::Caller;
use crate::context::{Actor, AppContext};
use crate::http::{IfMatch, IfMatchHeader, JsonBody, etag};
use crate::problem::{ApiError, FieldIssue};

fn code<T: serde::Serialize>(value: &T) -> Option<String> {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
}

/// The stored case after `action` moved it as the lifecycle says.
fn change(
    case: &Complaint,
    body: &ActionBody,
    to: ccms_domain::complaint::Move,
    now: DateTime<Utc>,
    calendar: &Calendar,
) -> Result<(CaseChange, Vec<(ClockKind, ClockChange)>), ApiError> {
    let outcome = match to.outcome {
        OutcomeChange::Keep => case.outcome,
        OutcomeChange::Set(outcome) => Some(outcome),
        OutcomeChange::FromDecision => {
            let decision = body.decision.ok_or_else(|| {
                ApiError::Validation(vec![FieldIssue::new("decision", "required")])
            })?;
            Some(decision.outcome())
        }
    };
    let finished = matches!(to.to, State::Closed | State::Withdrawn | State::Rejected);
    let (clocks, clock_changes) =
        case.clocks
            .after_move(case.state, to.to, body.action, to.waiting, now, calendar);
    let change = CaseChange {
        state: to.to,
        waiting_on_consumer: match to.waiting {
            WaitingChange::Keep => case.waiting_on_consumer,
            WaitingChange::Start => true,
            WaitingChange::Stop => false,
        },
        outcome,
        closed_at: if finished {
            case.closed_at.or(Some(now))
        } else {
            None
        },
        escalated_at: case
            .escalated_at
            .or((to.to == State::Escalated).then_some(now)),
        assigned_officer: if body.action == Action::Assign {
            body.officer_id.or(case.assigned_officer)
        } else {
            case.assigned_officer
        },
        clocks,
    };
    Ok((change, clock_changes))
}

fn record(
    conn: &mut DbConnection,
    before: &Complaint,
    after: &Complaint,
    body: &ActionBody,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    events::append(
        conn,
        Event {
            seq: 0,
            complaint_id: after.id,
            at: now,
            actor: actor.id.clone(),
            role: actor.role.clone(),
            kind: "transition".into(),
            action: code(&body.action),
            from_state: code(&before.state),
            to_state: code(&after.state),
            staff_only: false,
            detail: json!({ "note": body.note, "decision": body.decision, "officer_id": body.officer_id }),
        },
    )?;
    Ok(())
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
    params(("key" = String, Path, description = "Case id or tracking number", max_length = 64), IfMatchHeader),
    request_body = ActionBody,
    security(("bearer" = []), ("partner" = [])),
    responses((status = 200, description = "Moved", body = ComplaintView, headers(("ETag" = String))))
)]
#[post("/complaints/{key}/actions")]
pub async fn act_on_complaint(
    caller: Caller,
    ctx: web::Data<AppContext>,
    request: HttpRequest,
    key: web::Path<String>,
    if_match: IfMatch,
    body: JsonBody<ActionBody>,
) -> Result<HttpResponse, ApiError> {
    let who = case_caller(&caller);
    let (actor, now, body) = (Actor::of(&caller, &request), ctx.now(), body.0);
    let action = code(&body.action).unwrap_or_default();
    let calendar = ctx.calendar.clone();
    let done = {
        let who = who.clone();
        ctx.transaction(move |conn| {
            let (case, relation) = load_visible(conn, &key, &who)?;
            let Some(side) = side(who.role, relation) else {
                return Err(ApiError::MoveNotAllowed {
                    allowed: Vec::new(),
                });
            };
            let to = attempt(&case.facts(), body.action, side, now).map_err(|wrong| {
                ApiError::MoveNotAllowed {
                    allowed: wrong.allowed.iter().filter_map(code).collect(),
                }
            })?;
            if_match.check(case.version)?;
            let (change, clock_changes) = change(&case, &body, to, now, &calendar)?;
            let after = stored::record_move(conn, &case, change, now)?;
            record(conn, &case, &after, &body, &actor, now)?;
            super::clock_events::record(conn, &after, &clock_changes, now)?;
            let mut audit = actor.entry(now, "complaint.act", "complaint", after.id);
            audit.detail = json!({ "action": action });
            ccms_persistence::audit::record(conn, audit)?;
            Ok((after, relation))
        })
        .await?
    };
    let (after, relation) = done;
    let view = view(after, &who, relation, ctx.now());
    Ok(HttpResponse::Ok()
        .insert_header((ETAG, etag(view.version)))
        .json(view))
}
