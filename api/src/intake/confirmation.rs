//! `POST /complaints/{key}/confirmation`: a held case confirmed with its code.

use actix_web::{HttpResponse, post, web};
use ccms_domain::intake::IntakeCode;
use ccms_usecases::dispatch::WebhookKey;
use ccms_usecases::intake::confirming::{self, Confirmation};

use super::bodies::ConfirmationBody;
use crate::complaints::access::view;
use crate::complaints::key::CaseKey;
use crate::complaints::{CaseCall, ComplaintView};
use crate::context::AppContext;
use crate::http::{JsonBody, etag};
use crate::problem::{ApiError, FieldIssue};

/// Confirm a case an operator filed, with the caller's code
///
/// The complainant (signed in by OTP) or the intake operator who filed the case, hearing the
/// code from the caller over the phone or at the counter. The right code sends the case to its
/// first handler (the business, or the directorate) and answers the case; a wrong one answers
/// `422` (`code`: `wrong_code`) and spends one of 5 tries, after which `409 confirmation_locked`
/// (the case closes `unverified` at its clock); after the clock ran out `409 window_closed`. A
/// case not waiting for a code: `409 not_held`. The
/// complainant may also simply text the code back (`POST /inbound/sms`).
#[utoipa::path(operation_id = "confirm_complaint", tag = "intake", params(CaseKey),
    request_body = ConfirmationBody, security(("bearer" = [])),
    responses((status = 200, description = "Confirmed: the case as it goes on", body = ComplaintView,
        headers(("ETag" = String)))))]
#[post("/complaints/{key}/confirmation")]
pub async fn confirm_complaint(
    CaseCall { on, .. }: CaseCall,
    ctx: web::Data<AppContext>,
    key: web::Data<WebhookKey>,
    body: JsonBody<ConfirmationBody>,
) -> Result<HttpResponse, ApiError> {
    let code = IntakeCode::parse(&body.0.code)
        .ok_or_else(|| ApiError::Validation(vec![FieldIssue::new("code", "pattern")]))?;
    let (key, now, who) = (key.get_ref().clone(), ctx.now(), on.who.clone());
    let confirmed = ctx
        .use_case(move |conn, books| {
            match confirming::confirm(conn, (on, code), &key, books, now)? {
                Confirmation::Confirmed(case) => {
                    let policy = books.policies.of_case(conn, case.routing.policy_version)?;
                    let relation = case.relation(&who);
                    Ok(Some(view(*case, &who, relation, now, &policy)))
                }
                // The spent try is kept: the refusal is answered after the commit.
                Confirmation::WrongCode { .. } => Ok(None),
            }
        })
        .await?;
    let view = confirmed
        .ok_or_else(|| ApiError::Validation(vec![FieldIssue::new("code", "wrong_code")]))?;
    Ok(HttpResponse::Ok()
        .insert_header((actix_web::http::header::ETAG, etag(view.version)))
        .json(view))
}
