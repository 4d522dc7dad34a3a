//! Messages between the parties of a case, and staff's internal notes.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, post, web};
use ccms_domain::text::Line;
use ccms_usecases::messaging::{self, Writing};

use super::CaseCall;
use super::bodies::{EventView, MessageBody};
use crate::complaints::key::CaseKey;
use crate::context::AppContext;
use crate::http::{JsonBody, KeptAnswer, claim_of};
use crate::problem::ApiError;

/// Write on a case
///
/// A message to the other parties, or with `internal: true` a note only staff will see.
#[utoipa::path(
    operation_id = "post_complaint_message",
    tag = "complaints", params(CaseKey),
    request_body = MessageBody,
    security(("bearer" = []), ("partner" = [])),
    responses((status = 201, description = "Added to the timeline", body = EventView))
)]
#[post("/complaints/{key}/messages")]
pub async fn post_complaint_message(
    CaseCall { on, .. }: CaseCall,
    ctx: web::Data<AppContext>,
    request: HttpRequest,
    body: JsonBody<MessageBody>,
) -> Result<HttpResponse, ApiError> {
    let text: Line<5000> = Line::parse(&body.0.text).map_err(|e| e.at("text"))?;
    let internal = body.0.internal;
    let (now, claim) = (ctx.now(), claim_of(&request));
    let answer = ctx
        .transaction(move |conn| {
            let event = messaging::post(conn, Writing { on, text, internal }, now)?;
            // The answer is kept with the entry (see `KeptAnswer`).
            KeptAnswer::json(StatusCode::CREATED, &EventView::from(event))?.kept(
                conn,
                claim.as_ref(),
                now,
            )
        })
        .await?;
    Ok(answer.into_response())
}
