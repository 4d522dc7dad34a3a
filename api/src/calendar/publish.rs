//! Publishing the next version of the holiday calendar over HTTP: a coordinator sends the whole
//! list (the version in force, edited: next year's notified dates added, expected ones
//! replaced); the use case (`ccms_usecases::publishing::publish_calendar`) checks and stores
//! it, and this process's `CalendarBook` applies it at once.

use actix_web::http::StatusCode;
use actix_web::http::header::{ETAG, LOCATION};
use actix_web::{HttpRequest, HttpResponse, put, web};
use ccms_domain::access::Action as Permission;
use ccms_domain::calendar::Holiday;
use ccms_usecases::publishing;
use serde::Deserialize;
use utoipa::ToSchema;
use validator::Validate;

use super::document::CalendarView;
use crate::auth::Caller;
use crate::auth::actor_of;
use crate::context::AppContext;
use crate::http::{IfMatch, IfMatchHeader, JsonBody, etag};
use crate::problem::ApiError;

/// The next version of the holiday calendar: the `GET /calendar` answer, edited.
#[derive(Debug, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct CalendarDraft {
    /// The version this draft was edited from; when given it must be the version in force
    /// (like `If-Match`). The new version's number is assigned by the server.
    #[schema(minimum = 1, maximum = 2_147_483_647)]
    #[validate(range(min = 1, max = 2_147_483_647))]
    pub version: Option<u32>,
    /// What changed and on whose notification (at most 2000 characters).
    #[serde(default)]
    #[schema(max_length = 2000)]
    pub note: String,
    /// Every holiday of the new version, not only the new ones (at most 300; the whole draft at
    /// most 64 KiB, like every body: drop past years to make room). A date may hold
    /// two holidays, but not the same one twice.
    #[schema(max_items = 300)]
    pub holidays: Vec<Holiday>,
}

/// Publish a new version of the holiday calendar
///
/// Coordinators only. The whole list of holidays; it becomes the next version and applies to
/// every clock started from now on, on every `ccms` process within seconds (deadlines already
/// set keep theirs). A stale `If-Match` (or `version`) answers 412.
#[utoipa::path(operation_id = "publish_calendar", tag = "policy", request_body = CalendarDraft,
    params(IfMatchHeader),
    security(("bearer" = [])),
    responses((status = 201, description = "Published", body = CalendarView,
        headers(("ETag" = String), ("Location" = String)))))]
#[put("/calendar")]
pub async fn publish_calendar(
    caller: Caller,
    ctx: web::Data<AppContext>,
    request: HttpRequest,
    if_match: IfMatch,
    body: JsonBody<CalendarDraft>,
) -> Result<HttpResponse, ApiError> {
    caller.require(Permission::ManagePolicy)?;
    let edited = if_match.edited_from(body.0.version);
    let drafted = (body.0.note, body.0.holidays);
    let (actor, now) = (actor_of(&caller, &request), ctx.now());
    let (published, by) = ctx
        .transaction(move |conn| {
            Ok(publishing::publish_calendar(
                conn,
                (drafted, edited),
                &actor,
                now,
            )?)
        })
        .await?;
    ctx.calendar.published(&published);
    let version = published.version;
    Ok(HttpResponse::build(StatusCode::CREATED)
        .insert_header((ETAG, etag(i64::from(version))))
        .insert_header((LOCATION, format!("/api/v1/calendar/versions/{version}")))
        .json(super::document::view(published, &by)))
}
