//! A sandbox where time can move (`CCMS_SANDBOX_CLOCK`, never in production): an admin moves the
//! server's clock forward, and every legal clock, worker sweep, dispatch, hearing time and token
//! expiry follows, so an integrator can watch `deadline.approaching` and `deadline.breached`
//! reach their webhook without waiting 72 hours. Elsewhere these answer 404.

use actix_web::{HttpRequest, HttpResponse, get, post, web};
use ccms_domain::access::Action as Permission;
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

use crate::auth::Caller;
use crate::auth::actor_of;
use crate::context::AppContext;
use crate::http::JsonBody;
use crate::problem::ApiError;

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AdvanceBody {
    /// How far to move the clock forward, in minutes (at most a year).
    #[validate(range(min = 1, max = 525_600))]
    #[schema(minimum = 1, maximum = 525_600, example = 4380)]
    pub minutes: u32,
}

/// The server's time.
#[derive(Debug, Serialize, ToSchema)]
pub struct SandboxTime {
    pub now: DateTime<Utc>,
}

fn sandbox_only(ctx: &AppContext) -> Result<(), ApiError> {
    if ctx.sandbox {
        Ok(())
    } else {
        Err(ApiError::NotFound)
    }
}

/// The sandbox's time
///
/// Admins, on a sandbox (`CCMS_SANDBOX_CLOCK`); 404 anywhere else.
#[utoipa::path(operation_id = "get_sandbox_clock", tag = "sandbox", security(("bearer" = [])),
    responses((status = 200, description = "The server's time", body = SandboxTime)))]
#[get("/sandbox/clock")]
pub async fn get_sandbox_clock(
    caller: Caller,
    ctx: web::Data<AppContext>,
) -> Result<HttpResponse, ApiError> {
    caller.require(Permission::MoveSandboxClock)?;
    sandbox_only(&ctx)?;
    Ok(HttpResponse::Ok().json(SandboxTime { now: ctx.now() }))
}

/// Move the sandbox's clock forward
///
/// Admins, on a sandbox only (404 anywhere else; production refuses to start as one). Every
/// deadline, sweep, dispatch, hearing time and token expiry follows: tokens signed before may
/// have expired, so sign in again. The worker inside `ccms serve` sees it on its next sweep.
#[utoipa::path(operation_id = "advance_sandbox_clock", tag = "sandbox", request_body = AdvanceBody,
    security(("bearer" = [])),
    responses((status = 200, description = "The server's new time", body = SandboxTime)))]
#[post("/sandbox/clock")]
pub async fn advance_sandbox_clock(
    caller: Caller,
    ctx: web::Data<AppContext>,
    request: HttpRequest,
    body: JsonBody<AdvanceBody>,
) -> Result<HttpResponse, ApiError> {
    caller.require(Permission::MoveSandboxClock)?;
    sandbox_only(&ctx)?;
    let by = Duration::minutes(i64::from(body.0.minutes));
    if !ctx.clock.advance(by) {
        return Err(ApiError::NotFound);
    }
    let (actor, now) = (actor_of(&caller, &request), ctx.now());
    let minutes = body.0.minutes;
    ctx.write(
        |_| Ok(()),
        move |_| {
            let mut entry = actor.entry(now, "sandbox.clock", "sandbox", "clock");
            entry.detail = serde_json::json!({ "advanced_minutes": minutes });
            entry
        },
    )
    .await?;
    Ok(HttpResponse::Ok().json(SandboxTime { now }))
}

pub fn configure(config: &mut utoipa_actix_web::service_config::ServiceConfig) {
    config
        .service(get_sandbox_clock)
        .service(advance_sandbox_clock);
}
