//! `GET /api-docs/openapi.json`: the contract as this server serves it, its request examples
//! dated by the server's clock (a sandbox's moved clock included), so Swagger UI's "Try it
//! out" files a complaint inside the filing window on any day.

use actix_web::{HttpResponse, web};
use ccms_domain::complaint::admissibility::dhaka_today;
use utoipa::openapi::OpenApi as Document;

use crate::context::AppContext;

pub const PATH: &str = "/api-docs/openapi.json";

pub async fn served_contract(
    contract: web::Data<Document>,
    ctx: web::Data<AppContext>,
) -> HttpResponse {
    let mut today = contract.get_ref().clone();
    super::examples::dated(&mut today, dhaka_today(ctx.now()));
    HttpResponse::Ok().json(today)
}
