//! Closing a scheduled hearing: cancelled with a reason, or held with attendance and minutes.

use actix_web::{HttpResponse, post, web};
use ccms_domain::authority::hearing::Hearing;
use ccms_usecases::hearings::{self, Closing};

use super::super::bodies::{CancelHearingBody, HearingRecordBody, text};
use crate::complaints::CaseCall;
use crate::complaints::key::HearingKey;
use crate::context::AppContext;
use crate::http::JsonBody;
use crate::problem::ApiError;

/// Closes the hearing of `path` as `closing` says.
async fn close_hearing(
    CaseCall { on, .. }: CaseCall,
    ctx: web::Data<AppContext>,
    path: web::Path<HearingKey>,
    closing: Closing,
) -> Result<HttpResponse, ApiError> {
    let (now, hearing_id) = (ctx.now(), path.into_inner().hearing_id);
    let hearing = ctx
        .use_case(move |conn, books| {
            Ok(hearings::close(
                conn,
                (on, hearing_id),
                closing,
                books,
                now,
            )?)
        })
        .await?;
    Ok(HttpResponse::Ok().json(hearing))
}

/// Cancel a hearing
///
/// With a `reason`; the parties are notified (`hearing.cancelled`, and the consumer by SMS). The
/// case goes back to `under_investigation`, for a new hearing or a decision.
#[utoipa::path(operation_id = "cancel_hearing", tag = "authority",
    params(HearingKey),
    request_body = CancelHearingBody, security(("bearer" = [])),
    responses((status = 200, description = "Cancelled", body = Hearing)))]
#[post("/complaints/{key}/hearings/{hearing_id}/cancel")]
pub async fn cancel_hearing(
    call: CaseCall,
    ctx: web::Data<AppContext>,
    path: web::Path<HearingKey>,
    body: JsonBody<CancelHearingBody>,
) -> Result<HttpResponse, ApiError> {
    let reason = text::<2000>("reason", Some(&body.0.reason))?;
    close_hearing(call, ctx, path, Closing::Cancelled { reason }).await
}

/// Record a hearing
///
/// Attendance and minutes of a hearing that took place.
#[utoipa::path(operation_id = "record_hearing", tag = "authority",
    params(HearingKey),
    request_body = HearingRecordBody, security(("bearer" = [])),
    responses((status = 200, description = "Recorded", body = Hearing)))]
#[post("/complaints/{key}/hearings/{hearing_id}/record")]
pub async fn record_hearing(
    call: CaseCall,
    ctx: web::Data<AppContext>,
    path: web::Path<HearingKey>,
    body: JsonBody<HearingRecordBody>,
) -> Result<HttpResponse, ApiError> {
    let minutes = text::<20000>("minutes", Some(&body.0.minutes))?;
    let mut attendance = Vec::new();
    for (i, name) in body.0.attendance.iter().enumerate() {
        attendance.push(text::<200>(&format!("attendance[{i}]"), Some(name))?);
    }
    close_hearing(
        call,
        ctx,
        path,
        Closing::Held {
            attendance,
            minutes,
        },
    )
    .await
}
