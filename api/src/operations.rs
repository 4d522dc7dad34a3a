//! Endpoints for operators and their tools: liveness, readiness, metrics.

use actix_web::{HttpResponse, get, web};

use crate::context::AppContext;
use crate::http::Metrics;
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

/// Metrics
///
/// Prometheus text format: requests by route and status, latency histograms, database pool use.
#[utoipa::path(
    operation_id = "get_metrics",
    tag = "operations",
    security(()),
    responses((status = 200, description = "Prometheus exposition", body = String, content_type = "text/plain"))
)]
#[get("/metrics")]
async fn metrics(ctx: web::Data<AppContext>, metrics: web::Data<Metrics>) -> HttpResponse {
    let pool = ctx.store.pool_use();
    metrics.set_pool_use(pool.connections, pool.idle, pool.max);
    HttpResponse::Ok()
        .content_type("text/plain; version=0.0.4; charset=utf-8")
        .body(metrics.render())
}

#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct Status {
    #[schema(example = "ok")]
    pub status: String,
}

pub fn configure(config: &mut utoipa_actix_web::service_config::ServiceConfig) {
    config.service(healthz).service(readyz).service(metrics);
}
