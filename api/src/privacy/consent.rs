//! `PUT /complaints/{key}/consent` and `PATCH /me/contact`: the consumer's consent to publish
//! and the way they hear of their cases, changed whenever they like.

use actix_web::{HttpRequest, HttpResponse, patch, put, web};
use ccms_domain::access::Action as Permission;
use ccms_domain::contact::Email;
use ccms_usecases::privacy::{self, ContactCorrection};

use super::bodies::{ConsentBody, ConsentView, ContactBody, ContactView};
use crate::auth::Caller;
use crate::complaints::CaseCall;
use crate::complaints::access::case_caller;
use crate::complaints::key::CaseKey;
use crate::context::AppContext;
use crate::http::JsonBody;
use crate::problem::ApiError;

/// Give or withdraw consent to publish a case's narrative
///
/// The complainant only, at any time. Withdrawn, the open dataset's next page and CSV carry no
/// narrative for the case; its counts, the scorecards and the statistics are unchanged. On the
/// case's timeline (`kind: consent`) and in the audit log.
#[utoipa::path(operation_id = "set_consent", tag = "privacy", params(CaseKey),
    request_body = ConsentBody, security(("bearer" = [])),
    responses((status = 200, description = "The consent as it now stands", body = ConsentView)))]
#[put("/complaints/{key}/consent")]
pub async fn set_consent(
    CaseCall { on, .. }: CaseCall,
    ctx: web::Data<AppContext>,
    body: JsonBody<ConsentBody>,
) -> Result<HttpResponse, ApiError> {
    let (consent, now) = (body.0.consent_to_publish, ctx.now());
    let case = ctx
        .use_case(move |conn, books| Ok(privacy::consent(conn, (on, consent), books, now)?))
        .await?;
    Ok(HttpResponse::Ok().json(ConsentView {
        complaint_id: case.id,
        consent_to_publish: case.filing.consent_to_publish,
    }))
}

/// Correct your e-mail and notice language
///
/// The signed-in consumer's e-mail address (`null` removes it) and the language of their SMS and
/// e-mail notices, on every case of theirs at once. Audited without the address.
#[utoipa::path(operation_id = "correct_my_contact", tag = "privacy", request_body = ContactBody,
    security(("bearer" = [])),
    responses((status = 200, description = "Corrected", body = ContactView),
        (status = 404, description = "The token names no account (`not_found`)",
            body = crate::problem::Problem, content_type = "application/problem+json")))]
#[patch("/me/contact")]
pub async fn correct_my_contact(
    caller: Caller,
    ctx: web::Data<AppContext>,
    request: HttpRequest,
    body: JsonBody<ContactBody>,
) -> Result<HttpResponse, ApiError> {
    caller.require_on(
        Permission::CorrectContact,
        ccms_domain::access::Relation::own(),
    )?;
    let me = case_caller(&caller).account_id.ok_or(ApiError::NotFound)?;
    if body.0.email.is_none() && body.0.language.is_none() {
        let issue = crate::problem::FieldIssue::new("email", "email_or_language");
        return Err(ApiError::Validation(vec![issue]));
    }
    let email = match body.0.email {
        Some(Some(raw)) => Some(Some(Email::parse(&raw).map_err(|e| e.at("email"))?)),
        Some(None) => Some(None),
        None => None,
    };
    let correction = ContactCorrection {
        email,
        language: body.0.language,
    };
    let (actor, now) = (crate::auth::actor_of(&caller, &request), ctx.now());
    let changed = ctx
        .use_case(move |conn, _| {
            Ok(privacy::correct_contact(
                conn,
                (me, &actor),
                &correction,
                now,
            )?)
        })
        .await?;
    Ok(HttpResponse::Ok().json(ContactView {
        cases_updated: changed,
    }))
}
