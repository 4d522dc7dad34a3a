//! Messages between the parties of a case, and staff's internal notes.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, post, web};
use ccms_domain::access::Action as Permission;
use ccms_domain::complaint::timeline::Happening;
use ccms_domain::text::Line;
use ccms_persistence::complaints::events;
use ccms_usecases::moves::timeline;
use serde_json::json;

use super::CaseCall;
use super::access::load_visible;
use super::bodies::{EventView, MessageBody};
use crate::complaints::key::CaseKey;
use crate::context::AppContext;
use crate::http::{JsonBody, KeptAnswer, claim_of};
use crate::problem::ApiError;
use ccms_usecases::stage::OnCase;

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
    CaseCall { caller, on }: CaseCall,
    ctx: web::Data<AppContext>,
    request: HttpRequest,
    body: JsonBody<MessageBody>,
) -> Result<HttpResponse, ApiError> {
    let text: Line<5000> = Line::parse(&body.0.text).map_err(|e| e.at("text"))?;
    let internal = body.0.internal;
    let (now, claim) = (ctx.now(), claim_of(&request));
    let OnCase { who, actor, key } = on;
    let answer = ctx
        .transaction(move |conn| {
            let (case, relation) = load_visible(conn, &key, &who)?;
            let permission = if internal {
                Permission::NoteCase
            } else {
                Permission::MessageCase
            };
            caller.require_on(permission, relation)?;
            let text = text.as_str().to_owned();
            let said = if internal {
                Happening::Note { text }
            } else {
                Happening::Message { text }
            };
            let event = timeline::entry(&case, &actor, now, &said);
            let event = events::append_numbered(conn, event)?;
            if !internal {
                let told = ccms_usecases::moves::announce::message(
                    &case,
                    "complaint.message_added",
                    now,
                    json!({ "role": actor.role }),
                );
                ccms_persistence::outbox::enqueue_all(conn, vec![told])?;
            }
            ccms_persistence::audit::record(
                conn,
                actor.entry(now, "complaint.message", "complaint", case.id),
            )?;
            KeptAnswer::json(StatusCode::CREATED, &EventView::from(event))?.kept(
                conn,
                claim.as_ref(),
                now,
            )
        })
        .await?;
    Ok(answer.into_response())
}
