//! Endpoints for operators and their tools: liveness, readiness, metrics.

use actix_web::http::header::AUTHORIZATION;
use actix_web::{HttpRequest, HttpResponse, get, web};
use sha2::{Digest, Sha256};

use crate::context::AppContext;
use crate::http::{InFlight, Metrics};
use crate::problem::ApiError;

/// Liveness
///
/// The process is up. Never touches the database.
#[utoipa::path(
    operation_id = "get_health",
    tag = "operations",
    security(()),
    responses((status = 200, description = "Alive", body = Status))
)]
#[get("/healthz")]
async fn healthz() -> HttpResponse {
    HttpResponse::Ok().json(Status {
        status: "ok".into(),
    })
}

/// Readiness
///
/// The database is reachable and fully migrated; 503 otherwise.
#[utoipa::path(
    operation_id = "get_readiness",
    tag = "operations",
    security(()),
    responses((status = 200, description = "Ready to serve", body = Status))
)]
#[get("/readyz")]
async fn readyz(ctx: web::Data<AppContext>) -> Result<HttpResponse, ApiError> {
    let store = ctx.store.clone();
    web::block(move || store.check_ready())
        .await
        .map_err(|e| ApiError::Internal(e.to_string()))?
        .map_err(|e| ApiError::Unavailable(e.to_string()))?;
    Ok(HttpResponse::Ok().json(Status {
        status: "ready".into(),
    }))
}

/// Who may read `/metrics`: it shows traffic per route and the pool's state, which tell an
/// attacker when and where the server is weak.
#[derive(Debug, Clone)]
pub enum MetricsAccess {
    /// Development: anyone.
    Open,
    /// Whoever sends `Authorization: Bearer <token>`; the SHA-256 of the token is kept.
    Token([u8; 32]),
    /// Production without a token: nobody.
    Closed,
}

impl MetricsAccess {
    /// As the settings set it: a token, or open in development and closed in production.
    pub fn from_settings(
        settings: &crate::settings::Settings,
    ) -> Result<MetricsAccess, crate::settings::SettingsError> {
        Ok(
            match (settings.metrics_token()?, settings.is_production()) {
                (Some(token), _) => MetricsAccess::token(token),
                (None, true) => MetricsAccess::Closed,
                (None, false) => MetricsAccess::Open,
            },
        )
    }

    pub fn token(token: &str) -> MetricsAccess {
        MetricsAccess::Token(Sha256::digest(token.as_bytes()).into())
    }

    fn admits(&self, request: &HttpRequest) -> bool {
        let given = request
            .headers()
            .get(AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "));
        match self {
            MetricsAccess::Open => true,
            MetricsAccess::Closed => false,
            // Digests of equal length compared: the time taken tells nothing of the token.
            MetricsAccess::Token(expected) => given.is_some_and(|token| {
                let digest: [u8; 32] = Sha256::digest(token.as_bytes()).into();
                digest == *expected
            }),
        }
    }
}

/// Metrics
///
/// Prometheus text format: requests by route and status, latency histograms, database pool use,
/// requests in flight, what waits to go out (outbox, webhook deliveries, notices, unlinked audit
/// entries) and the age of the oldest (for audit entries, the linker's lag), complaints filed by
/// channel, the deadline worker's last sweep and cases moved, webhook deliveries by outcome,
/// notices sent, and the process's memory, CPU and open files.
/// In production it answers only to `Authorization: Bearer <CCMS_METRICS_TOKEN>`.
#[utoipa::path(
    operation_id = "get_metrics",
    tag = "operations",
    security((), ("metrics" = [])),
    responses((status = 200, description = "Prometheus exposition", body = String, content_type = "text/plain"))
)]
#[get("/metrics")]
async fn metrics(
    ctx: web::Data<AppContext>,
    metrics: web::Data<Metrics>,
    access: web::Data<MetricsAccess>,
    in_flight: web::Data<InFlight>,
    request: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    if !access.admits(&request) {
        return Err(ApiError::Unauthenticated("metrics token"));
    }
    let pool = ctx.store.pool_use();
    metrics.set_pool_use(pool.connections, pool.idle, pool.max);
    let (backlog, tallies) = ctx
        .read(|conn| {
            Ok((
                ccms_persistence::backlog::backlog(conn)?,
                ccms_persistence::tallies::all(conn)?,
            ))
        })
        .await?;
    metrics.set_backlog(&backlog, ctx.now());
    metrics.set_work(&tallies);
    metrics.set_in_flight(in_flight.current());
    Ok(HttpResponse::Ok()
        .content_type("text/plain; version=0.0.4; charset=utf-8")
        .body(metrics.render()))
}

#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct Status {
    #[schema(example = "ok")]
    pub status: String,
}

pub fn configure(config: &mut utoipa_actix_web::service_config::ServiceConfig) {
    config.service(healthz).service(readyz).service(metrics);
}
