//! The decision on a case: the verdict moves the case to `decided` (which opens the 60-day
//! appeal window), and an upheld one puts its fine and compensation on the ledger.

use actix_web::{HttpRequest, HttpResponse, get, post, web};
use ccms_domain::access::Action as Permission;
use ccms_domain::authority::decision::{self, BadDecision, DecisionRecord};
use ccms_domain::authority::ledger::Obligation;
use ccms_domain::complaint::clocks::ClockKind;
use ccms_domain::complaint::{Action, Poisha, side};
use ccms_persistence::authority::{decisions, hearings, obligations};
use ccms_persistence::journal::Journal;
use serde_json::json;
use uuid::Uuid;

use super::bodies::{DecisionBody, text};
use super::stage::{entry, load, timing};
use crate::auth::Caller;
use crate::complaints::access::{case_caller, load_visible};
use crate::complaints::key::CaseKey;
use crate::context::{AppContext, actor_of};
use crate::http::JsonBody;
use crate::problem::{ApiError, FieldIssue};
use ccms_usecases::moves::announce;
use ccms_usecases::moves::{MoveDetails, Mover, apply};

/// Decide a case
///
/// The officer working the case: `upheld` (with a fine up to the policy's legal maximum and
/// compensation to the consumer), `dismissed` or `settled`, with written reasons. The case moves
/// to `decided`, the appeal window (60 days) opens, and an upheld decision's fine and
/// compensation are put on the ledger, due after the policy's refund period.
#[utoipa::path(operation_id = "decide_complaint", tag = "authority", params(CaseKey),
    request_body = DecisionBody, security(("bearer" = [])),
    responses((status = 201, description = "Decided", body = DecisionRecord, headers(("Location" = String)))))]
#[post("/complaints/{key}/decision")]
pub async fn decide_complaint(
    caller: Caller,
    ctx: web::Data<AppContext>,
    request: HttpRequest,
    key: web::Path<CaseKey>,
    body: JsonBody<DecisionBody>,
) -> Result<HttpResponse, ApiError> {
    let who = case_caller(&caller);
    let (actor, now) = (actor_of(&caller, &request), ctx.now());
    let (calendar, policies, body) = (ctx.calendar.clone(), ctx.policies.clone(), body.0);
    let reasons = text::<20000>("reasons", Some(&body.reasons))?;
    let (fine, compensation) = (
        Poisha::new(body.fine_poisha)?,
        Poisha::new(body.compensation_poisha)?,
    );
    let decided = ctx
        .transaction(move |conn| {
            let loaded = load(conn, &policies, &key, &who)?;
            caller.require_on(Permission::DecideCase, loaded.relation)?;
            if !decision::is_decider(loaded.case.assigned_officer, &caller.0.sub) {
                return Err(ApiError::Forbidden);
            }
            let max = Poisha::new(loaded.policy.max_fine_poisha)?;
            decision::check(body.verdict, fine, compensation, max).map_err(|bad| {
                let (field, rule) = match bad {
                    BadDecision::FineAboveMaximum => ("fine_poisha", "fine_above_maximum"),
                    BadDecision::AmountsWithoutUpholding => ("verdict", "amounts_need_upheld"),
                };
                ApiError::Validation(vec![FieldIssue::new(field, rule)])
            })?;
            let side = side(who.role, loaded.relation).ok_or(ApiError::Forbidden)?;
            let timing = timing(&calendar, conn, &loaded)?;
            let by = Mover {
                actor: &actor,
                now,
                timing: timing.clone(),
            };
            let mut journal = Journal::default();
            let details = MoveDetails {
                note: None,
                decision: Some(body.verdict),
                officer_id: None,
            };
            let after = apply(&loaded.case, (Action::Decide, side), &details, &by, &mut journal)?;
            let record = DecisionRecord {
                complaint_id: after.id,
                verdict: body.verdict,
                fine_poisha: fine.value(),
                compensation_poisha: compensation.value(),
                reasons,
                decided_by: actor.id.clone(),
                decided_at: now,
                appeal_until: decision::appeal_until(&after, &timing, now),
            };
            decisions::insert(conn, &record).map_err(|e| match e {
                ccms_persistence::StoreError::Conflict(_) => ApiError::AlreadyRegistered("decision".into()),
                other => other.into(),
            })?;
            let due = timing.deadline(ClockKind::RefundPayment, now);
            for ordered in decision::obligations_ordered(fine, compensation) {
                let owed = Obligation::owed(Uuid::now_v7(), after.id, ordered, due, now);
                obligations::insert(conn, &owed)?;
            }
            for ended in decision::hearings_ended(hearings::for_complaint(conn, after.id)?) {
                hearings::close(conn, &ended, now)?;
            }
            let detail = json!({ "verdict": record.verdict, "fine_poisha": record.fine_poisha, "compensation_poisha": record.compensation_poisha, "appeal_until": record.appeal_until });
            journal.events.push(entry(&after, &actor, now, "decision", detail.clone()));
            journal.outbox.push(announce::message(&after, "complaint.decided", now, detail));
            journal.write(conn)?;
            Ok(record)
        })
        .await?;
    let location = format!("/api/v1/complaints/{}/decision", decided.complaint_id);
    Ok(HttpResponse::Created()
        .insert_header((actix_web::http::header::LOCATION, location))
        .json(decided))
}

/// A case's decision
///
/// The verdict, fine, compensation, reasons and the end of the appeal window; 404 until decided.
#[utoipa::path(operation_id = "get_decision", tag = "authority", params(CaseKey),
    security(("bearer" = []), ("partner" = [])),
    responses((status = 200, description = "The decision", body = DecisionRecord)))]
#[get("/complaints/{key}/decision")]
pub async fn get_decision(
    caller: Caller,
    ctx: web::Data<AppContext>,
    key: web::Path<CaseKey>,
) -> Result<HttpResponse, ApiError> {
    let who = case_caller(&caller);
    let found = ctx
        .read(move |conn| {
            let (case, _) = load_visible(conn, &key, &who)?;
            decisions::find(conn, case.id)?.ok_or(ApiError::NotFound)
        })
        .await?;
    Ok(HttpResponse::Ok().json(crate::http::disclosed(&caller, found)?))
}
