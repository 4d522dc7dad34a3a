//! The consumer's rating of how a closed case was handled, once per case.

use actix_web::{HttpResponse, get, post, web};
use ccms_persistence::authority::feedback as stored;
use ccms_usecases::feedback;
use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;

use super::bodies::{FeedbackBody, text};
use crate::complaints::CaseCall;
use crate::complaints::access::load_visible;
use crate::complaints::key::CaseKey;
use crate::context::AppContext;
use crate::http::JsonBody;
use crate::problem::ApiError;

#[derive(Debug, Serialize, ToSchema)]
pub struct FeedbackView {
    /// The consumer's verdict (none on ratings given before CCMS asked for it).
    pub resolved: Option<bool>,
    pub rating: i32,
    pub comment: Option<String>,
    pub created_at: DateTime<Utc>,
}

/// Give the consumer's verdict on a case
///
/// The consumer, once the case is closed and within the policy's `verdict_window` (30 days):
/// whether the complaint was resolved, a rating of 1 to 5 and an optional comment. Once per
/// case; scorecards and the open dataset carry it. After the window: `409 window_closed`.
#[utoipa::path(operation_id = "give_feedback", tag = "authority", params(CaseKey),
    request_body = FeedbackBody, security(("bearer" = [])),
    responses((status = 201, description = "Recorded", body = FeedbackView, headers(("Location" = String)))))]
#[post("/complaints/{key}/feedback")]
pub async fn give_feedback(
    CaseCall { on, .. }: CaseCall,
    ctx: web::Data<AppContext>,
    body: JsonBody<FeedbackBody>,
) -> Result<HttpResponse, ApiError> {
    let (resolved, rating, now) = (body.0.resolved, body.0.rating, ctx.now());
    let comment = match body.0.comment.as_deref() {
        Some(raw) => Some(text::<2000>("comment", Some(raw))?),
        None => None,
    };
    let given = FeedbackView {
        resolved: Some(resolved),
        rating,
        comment: comment.clone(),
        created_at: now,
    };
    let case = ctx
        .use_case(move |conn, books| {
            let rated = (resolved, rating, comment.as_deref());
            Ok(feedback::give(conn, on, rated, books, now)?)
        })
        .await?;
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
    CaseCall { caller, on }: CaseCall,
    ctx: web::Data<AppContext>,
) -> Result<HttpResponse, ApiError> {
    let found = ctx
        .read(move |conn| {
            let (case, _) = load_visible(conn, &on.key, &on.who)?;
            let (rating, comment, created_at, resolved) =
                stored::find(conn, case.id)?.ok_or(ApiError::NotFound)?;
            Ok(FeedbackView {
                resolved,
                rating,
                comment,
                created_at,
            })
        })
        .await?;
    Ok(HttpResponse::Ok().json(crate::http::disclosed(&caller, found)?))
}
