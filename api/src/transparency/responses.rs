//! Businesses' public responses to closed cases, and their moderation by coordinators.

use actix_web::{HttpResponse, get, post, put, web};
use ccms_domain::access::Action as Permission;
use ccms_domain::transparency::response::{self, Moderation, PublicResponse};
use ccms_persistence::transparency::responses as stored;
use ccms_usecases::responding;
use serde::Deserialize;
use utoipa::ToSchema;
use validator::Validate;

use crate::auth::Caller;
use crate::complaints::CaseCall;
use crate::complaints::access::load_visible;
use crate::complaints::key::CaseKey;
use crate::context::AppContext;
use crate::http::{JsonBody, text};
use crate::problem::ApiError;

#[derive(Debug, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct ResponseBody {
    /// What the business says in public, at most 1,000 characters.
    #[schema(
        min_length = 1,
        max_length = 1000,
        pattern = r"^[^\x00]*[^\x00 \t\n\r][^\x00]*$"
    )]
    #[validate(length(max = 1000))]
    pub text: String,
}

/// A coordinator's decision: `publish`, or `reject` with what the business should change.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(tag = "decision", rename_all = "snake_case", deny_unknown_fields)]
pub enum ModerationBody {
    Publish,
    Reject {
        #[schema(
            min_length = 1,
            max_length = 1000,
            pattern = r"^[^\x00]*[^\x00 \t\n\r][^\x00]*$"
        )]
        reason: String,
    },
}

impl Validate for ModerationBody {
    /// The reason is checked when parsed (`text`).
    fn validate(&self) -> Result<(), validator::ValidationErrors> {
        Ok(())
    }
}

/// Write the business's public response
///
/// The business, on a closed case: pending until a coordinator publishes it (then it is in
/// the open dataset, scrubbed like narratives, and can no longer be changed: `409
/// step_not_allowed`); a pending or rejected one is replaced.
#[utoipa::path(operation_id = "write_public_response", tag = "transparency", params(CaseKey),
    request_body = ResponseBody, security(("bearer" = []), ("partner" = [])),
    responses((status = 200, description = "Pending", body = PublicResponse)))]
#[put("/complaints/{key}/response")]
pub async fn write_public_response(
    CaseCall { on, .. }: CaseCall,
    ctx: web::Data<AppContext>,
    body: JsonBody<ResponseBody>,
) -> Result<HttpResponse, ApiError> {
    let text = text::<1000>("text", Some(&body.0.text))?;
    let now = ctx.now();
    let written = ctx
        .use_case(move |conn, books| Ok(responding::write(conn, on, &text, books, now)?))
        .await?;
    Ok(HttpResponse::Ok().json(written))
}

/// A case's public response
///
/// Whoever may read the case; the consumer only once it is published (404 before).
#[utoipa::path(operation_id = "get_public_response", tag = "transparency", params(CaseKey),
    security(("bearer" = []), ("partner" = [])),
    responses((status = 200, description = "The response", body = PublicResponse)))]
#[get("/complaints/{key}/response")]
pub async fn get_public_response(
    CaseCall { on, .. }: CaseCall,
    ctx: web::Data<AppContext>,
) -> Result<HttpResponse, ApiError> {
    let role = on.who.role;
    let found = ctx
        .read(move |conn| {
            let (case, _) = load_visible(conn, &on.key, &on.who)?;
            Ok(stored::find(conn, case.id)?)
        })
        .await?
        .filter(|r| response::shown_to(role, r.status))
        .ok_or(ApiError::NotFound)?;
    Ok(HttpResponse::Ok().json(found))
}

/// Publish or reject a public response
///
/// Coordinators, on a pending response; a rejection needs its `reason`.
#[utoipa::path(operation_id = "moderate_public_response", tag = "transparency", params(CaseKey),
    request_body = ModerationBody, security(("bearer" = [])),
    responses((status = 200, description = "Moderated", body = PublicResponse)))]
#[post("/complaints/{key}/response/moderation")]
pub async fn moderate_public_response(
    CaseCall { on, .. }: CaseCall,
    ctx: web::Data<AppContext>,
    body: JsonBody<ModerationBody>,
) -> Result<HttpResponse, ApiError> {
    let (decision, reason) = match body.0 {
        ModerationBody::Publish => (Moderation::Publish, None),
        ModerationBody::Reject { reason } => (
            Moderation::Reject,
            Some(text::<1000>("reason", Some(&reason))?),
        ),
    };
    let now = ctx.now();
    let moderated = ctx
        .use_case(move |conn, books| {
            Ok(responding::moderate(
                conn,
                on,
                (decision, reason),
                books,
                now,
            )?)
        })
        .await?;
    Ok(HttpResponse::Ok().json(moderated))
}

/// Public responses waiting for moderation
///
/// Coordinators: the oldest 100 pending.
#[utoipa::path(operation_id = "list_pending_responses", tag = "transparency",
    security(("bearer" = [])),
    responses((status = 200, description = "Oldest first", body = [PublicResponse])))]
#[get("/responses/pending")]
pub async fn list_pending_responses(
    caller: Caller,
    ctx: web::Data<AppContext>,
) -> Result<HttpResponse, ApiError> {
    caller.require_any(Permission::ModerateResponses)?;
    let found = ctx.read(|conn| Ok(stored::pending(conn, 100)?)).await?;
    Ok(HttpResponse::Ok().json(found))
}
