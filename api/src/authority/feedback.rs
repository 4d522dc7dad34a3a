//! The consumer's rating of how a closed case was handled, once per case.

use actix_web::{HttpRequest, HttpResponse, get, post, web};
use ccms_domain::access::Action as Permission;
use ccms_domain::complaint::State;
use ccms_persistence::authority::feedback;
use ccms_persistence::journal::Journal;
use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::json;
use utoipa::ToSchema;

use super::bodies::{FeedbackBody, text};
use super::stage::entry;
use crate::auth::Caller;
use crate::complaints::access::{case_caller, load_visible};
use crate::complaints::key::CaseKey;
use crate::context::{AppContext, actor_of};
use crate::http::JsonBody;
use crate::problem::ApiError;

#[derive(Debug, Serialize, ToSchema)]
pub struct FeedbackView {
    pub rating: i32,
    pub comment: Option<String>,
    pub created_at: DateTime<Utc>,
}

/// Rate the handling of a case
///
/// The consumer, once the case is closed: 1 to 5, with an optional comment. Once per case.
#[utoipa::path(operation_id = "give_feedback", tag = "authority", params(CaseKey),
    request_body = FeedbackBody, security(("bearer" = [])),
    responses((status = 201, description = "Recorded", body = FeedbackView, headers(("Location" = String)))))]
#[post("/complaints/{key}/feedback")]
pub async fn give_feedback(
    caller: Caller,
    ctx: web::Data<AppContext>,
    request: HttpRequest,
    key: web::Path<CaseKey>,
    body: JsonBody<FeedbackBody>,
) -> Result<HttpResponse, ApiError> {
    let who = case_caller(&caller);
    let (actor, now, body) = (actor_of(&caller, &request), ctx.now(), body.0);
    let comment = match body.comment.as_deref() {
        Some(raw) => Some(text::<2000>("comment", Some(raw))?),
        None => None,
    };
    let given = ctx
        .transaction(move |conn| {
            let (case, relation) = load_visible(conn, &key, &who)?;
            caller.require_on(Permission::GiveFeedback, relation)?;
            if case.state != State::Closed {
                return Err(ApiError::StateConflict(
                    crate::problem::ProblemCode::CaseNotClosed,
                ));
            }
            feedback::insert(conn, case.id, body.rating, comment.as_deref(), now)?;
            let mut journal = Journal::default();
            journal.events.push(entry(
                &case,
                &actor,
                now,
                "feedback",
                json!({ "rating": body.rating }),
            ));
            journal
                .audit
                .push(actor.entry(now, "complaint.feedback", "complaint", case.id));
            journal.write(conn)?;
            let view = FeedbackView {
                rating: body.rating,
                comment,
                created_at: now,
            };
            Ok((case.id, view))
        })
        .await?;
    let (case, given) = given;
    Ok(HttpResponse::Created()
        .insert_header((
            actix_web::http::header::LOCATION,
            format!("/api/v1/complaints/{case}/feedback"),
        ))
        .json(given))
}

/// A case's feedback
///
/// 404 until the consumer has rated the case.
#[utoipa::path(operation_id = "get_feedback", tag = "authority", params(CaseKey),
    security(("bearer" = []), ("partner" = [])),
    responses((status = 200, description = "The feedback", body = FeedbackView)))]
#[get("/complaints/{key}/feedback")]
pub async fn get_feedback(
    caller: Caller,
    ctx: web::Data<AppContext>,
    key: web::Path<CaseKey>,
) -> Result<HttpResponse, ApiError> {
    let who = case_caller(&caller);
    let found = ctx
        .read(move |conn| {
            let (case, _) = load_visible(conn, &key, &who)?;
            let (rating, comment, created_at) =
                feedback::find(conn, case.id)?.ok_or(ApiError::NotFound)?;
            Ok(FeedbackView {
                rating,
                comment,
                created_at,
            })
        })
        .await?;
    Ok(HttpResponse::Ok().json(crate::http::disclosed(&caller, found)?))
}
