//! Reading the holiday calendar: the version in force and any published version.

use actix_web::http::header::ETAG;
use actix_web::{HttpResponse, get, web};
use ccms_domain::calendar::{Holiday, HolidayCalendar};
use ccms_persistence::calendar;
use ccms_persistence::policy::Publication;
use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;

use crate::context::AppContext;
use crate::http::etag;
use crate::problem::ApiError;

/// A published version of the holiday calendar.
#[derive(Debug, Serialize, ToSchema)]
pub struct CalendarView {
    pub version: u32,
    pub published_at: DateTime<Utc>,
    pub note: String,
    /// In date order; a date may hold two holidays.
    pub holidays: Vec<Holiday>,
}

pub fn view(published: HolidayCalendar, publication: &Publication) -> CalendarView {
    CalendarView {
        version: published.version,
        published_at: publication.published_at,
        note: published.note,
        holidays: published.holidays,
    }
}

fn answer(published: HolidayCalendar, publication: &Publication) -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((ETAG, etag(i64::from(published.version))))
        .json(view(published, publication))
}

/// The holiday calendar in force
///
/// The public holidays working-day clocks skip (besides the policy's weekend), as last
/// published: the shipped notification first, then what coordinators publish. Holidays marked
/// `expected` are computed from the lunar calendar and await the government's notification.
/// Public. The ETag is the version; send it in `If-Match` when publishing the next one.
#[utoipa::path(operation_id = "get_calendar", tag = "policy", security(()),
    responses((status = 200, description = "The calendar in force", body = CalendarView, headers(("ETag" = String)))))]
#[get("/calendar")]
pub async fn get_calendar(ctx: web::Data<AppContext>) -> Result<HttpResponse, ApiError> {
    let (published, publication) = ctx
        .read(|conn| {
            let number = calendar::current_version(conn)?.ok_or(ApiError::NotFound)?;
            Ok(calendar::find(conn, number)?)
        })
        .await?;
    Ok(answer(published, &publication))
}

/// A published version of the holiday calendar
///
/// Any version ever published, exactly as it was. Public.
#[utoipa::path(operation_id = "get_calendar_version", tag = "policy", security(()),
    params(("version" = u32, Path, description = "Version number, from 1", minimum = 1)),
    responses((status = 200, description = "That version", body = CalendarView, headers(("ETag" = String)))))]
#[get("/calendar/versions/{version}")]
pub async fn get_calendar_version(
    ctx: web::Data<AppContext>,
    version: web::Path<u32>,
) -> Result<HttpResponse, ApiError> {
    let number = version.into_inner();
    let (published, publication) = ctx
        .read(move |conn| Ok(calendar::find(conn, number)?))
        .await?;
    Ok(answer(published, &publication))
}
