//! Merging a re-filed case into its original, by a coordinator.

use actix_web::{HttpResponse, post, web};
use serde::Deserialize;
use utoipa::ToSchema;
use validator::Validate;

use super::CaseCall;
use super::access::view;
use super::bodies::ComplaintView;
use crate::complaints::key::CaseKey;
use crate::context::AppContext;
use crate::http::{JsonBody, etag};
use crate::problem::ApiError;
use ccms_usecases::merging;

/// The original a case re-files.
#[derive(Debug, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct MergeBody {
    /// The original's id or tracking number.
    #[schema(example = "CCMS-2026-000123", max_length = 64)]
    #[validate(length(max = 64))]
    pub into: String,
}

/// Merge a case into its original
///
/// Coordinators only, on a case not yet decided or finished: it closes as `duplicate`, its
/// `merged_into` names the original, its consumer is told, and the open dataset and scorecards
/// count the original only. The original must be against the same business and not itself
/// merged (`422` with `merge_into_itself`, `merge_other_business`, `merge_not_an_original` or
/// `unknown_case` on `into`).
#[utoipa::path(operation_id = "merge_complaint", tag = "complaints", params(CaseKey),
    request_body = MergeBody, security(("bearer" = [])),
    responses((status = 200, description = "Merged", body = ComplaintView, headers(("ETag" = String)))))]
#[post("/complaints/{key}/merge")]
pub async fn merge_complaint(
    CaseCall { on, .. }: CaseCall,
    ctx: web::Data<AppContext>,
    body: JsonBody<MergeBody>,
) -> Result<HttpResponse, ApiError> {
    let (now, who, into) = (ctx.now(), on.who.clone(), body.0.into);
    let (after, relation, policy) = ctx
        .use_case(move |conn, books| Ok(merging::merge(conn, on, &into, books, now)?))
        .await?;
    let view = view(after, &who, relation, now, &policy);
    Ok(HttpResponse::Ok()
        .insert_header((actix_web::http::header::ETAG, etag(view.version)))
        .json(view))
}
