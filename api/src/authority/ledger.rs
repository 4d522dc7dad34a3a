//! The compensation ledger of a case: what is owed, paid and confirmed. The payer pays (with a
//! reference), the receiver confirms; confirming a fine records it as collected, which puts the
//! complainant's 25% share on the ledger, owed by the state.

use actix_web::{HttpRequest, HttpResponse, get, post, web};
use ccms_domain::access::Action as Permission;
use ccms_domain::authority::ledger::{self, LedgerStep, Obligation, Party, complainant_share};
use ccms_domain::complaint::clocks::ClockKind;
use ccms_domain::complaint::{Poisha, side};
use ccms_persistence::authority::obligations;
use ccms_persistence::journal::Journal;
use serde_json::json;
use uuid::Uuid;

use super::bodies::{LedgerStepBody, text};
use super::stage::{entry, load, timing};
use crate::auth::Caller;
use crate::complaints::access::{case_caller, load_visible};
use crate::complaints::key::CaseKey;
use crate::context::{AppContext, actor_of};
use crate::http::JsonBody;
use crate::problem::ApiError;
use ccms_usecases::moves::announce;

/// A case's ledger
///
/// Every obligation of the case: kind, payer, receiver, amount in poisha, due date and status.
#[utoipa::path(operation_id = "list_obligations", tag = "authority", params(CaseKey),
    security(("bearer" = []), ("partner" = [])),
    responses((status = 200, description = "The ledger", body = Vec<Obligation>)))]
#[get("/complaints/{key}/obligations")]
pub async fn list_obligations(
    caller: Caller,
    ctx: web::Data<AppContext>,
    key: web::Path<CaseKey>,
) -> Result<HttpResponse, ApiError> {
    let who = case_caller(&caller);
    let found = ctx
        .read(move |conn| {
            let (case, _) = load_visible(conn, &key, &who)?;
            Ok(obligations::for_complaint(conn, case.id)?)
        })
        .await?;
    Ok(HttpResponse::Ok().json(crate::http::disclosed(&caller, found)?))
}

/// Pay or confirm an obligation
///
/// `pay` by the payer (the business for compensation and fines, DNCRP for the complainant's
/// share) with its payment `reference`; `confirm` by the receiver (the consumer, or DNCRP for a
/// fine, which records it as collected and owes the complainant 25% of it, rounded down).
/// A step that is not the caller's, or does not follow, answers 409 `step_not_allowed`.
#[utoipa::path(operation_id = "step_obligation", tag = "authority",
    params(("key" = String, Path, description = "Case id or tracking number", max_length = 64),
        ("obligation_id" = Uuid, Path, description = "The obligation")),
    request_body = LedgerStepBody, security(("bearer" = []), ("partner" = [])),
    responses((status = 200, description = "The obligation after the step", body = Obligation)))]
#[post("/complaints/{key}/obligations/{obligation_id}/steps")]
pub async fn step_obligation(
    caller: Caller,
    ctx: web::Data<AppContext>,
    request: HttpRequest,
    path: web::Path<(String, Uuid)>,
    body: JsonBody<LedgerStepBody>,
) -> Result<HttpResponse, ApiError> {
    let who = case_caller(&caller);
    let (actor, now) = (actor_of(&caller, &request), ctx.now());
    let (calendar, policies, body) = (ctx.calendar.clone(), ctx.policies.clone(), body.0);
    let (key, obligation_id) = path.into_inner();
    let reference = match body.step {
        LedgerStep::Pay => Some(text::<100>("reference", body.reference.as_deref())?),
        LedgerStep::Confirm => None,
    };
    let claim = crate::http::claim_of(&request);
    let answer = ctx
        .transaction(move |conn| {
            let loaded = load(conn, &policies, &key, &who)?;
            caller.require_on(Permission::SettleObligation, loaded.relation)?;
            let party = side(who.role, loaded.relation)
                .and_then(Party::of)
                .ok_or(ApiError::Forbidden)?;
            let current = obligations::find(conn, loaded.case.id, obligation_id)?;
            let status = ledger::step(current.kind, current.status, body.step, party)
                .ok_or(ApiError::StateConflict(crate::problem::ProblemCode::StepNotAllowed))?;
            let after = match body.step {
                LedgerStep::Pay => Obligation { status, reference, paid_at: Some(now), ..current.clone() },
                LedgerStep::Confirm => Obligation { status, confirmed_at: Some(now), ..current.clone() },
            };
            obligations::record_step(conn, &current, &after)?;
            let mut journal = Journal::default();
            if let Some(kind) = ledger::follows(after.kind, body.step) {
                let share = complainant_share(
                    Poisha::new(after.amount_poisha)?,
                    &loaded.policy.complainant_share,
                );
                let due = timing(&calendar, conn, &loaded)?.deadline(ClockKind::RefundPayment, now);
                let share = Obligation::owed(Uuid::now_v7(), after.complaint_id, (kind, share.value()), due, now);
                obligations::insert(conn, &share)?;
                journal.events.push(entry(&loaded.case, &actor, now, "ledger", json!({ "obligation_id": share.id, "kind": share.kind, "status": share.status, "amount_poisha": share.amount_poisha })));
            }
            let detail = json!({ "obligation_id": after.id, "kind": after.kind, "status": after.status, "amount_poisha": after.amount_poisha });
            journal.events.push(entry(&loaded.case, &actor, now, "ledger", detail.clone()));
            journal.outbox.push(announce::message(&loaded.case, "obligation.updated", now, detail));
            let mut audit = actor.entry(now, "obligation.step", "complaint", loaded.case.id);
            audit.detail = json!({ "obligation_id": after.id, "step": body.step });
            journal.audit.push(audit);
            journal.write(conn)?;
            let stepped = Obligation { version: current.version + 1, ..after };
            // The answer is kept with the step (see `KeptAnswer`).
            crate::http::KeptAnswer::json(actix_web::http::StatusCode::OK, &stepped)?
                .kept(conn, claim.as_ref(), now)
        })
        .await?;
    Ok(answer.into_response())
}
