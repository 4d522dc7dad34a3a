//! `GET /api-docs/openapi.json`: the contract as this server serves it, its request examples
//! dated by the server's clock (a sandbox's moved clock included), so Swagger UI's "Try it
//! out" files a complaint inside the filing window on any day. Rendered once per day, so a
//! flood of requests for it costs a copy of bytes each.

use std::sync::Mutex;

use actix_web::web::Bytes;
use actix_web::{HttpResponse, web};
use ccms_domain::complaint::admissibility::dhaka_today;
use chrono::NaiveDate;
use utoipa::openapi::OpenApi as Document;

use crate::context::AppContext;
use crate::problem::ApiError;

pub const PATH: &str = "/api-docs/openapi.json";

pub struct ServedContract {
    contract: Document,
    rendered: Mutex<Option<(NaiveDate, Bytes)>>,
}

impl ServedContract {
    pub fn new(contract: Document) -> ServedContract {
        ServedContract {
            contract,
            rendered: Mutex::new(None),
        }
    }

    /// The contract as JSON with its examples dated `today`, rendered when the day changes.
    fn on(&self, today: NaiveDate) -> Result<Bytes, ApiError> {
        let mut rendered = self
            .rendered
            .lock()
            .map_err(|_| ApiError::Internal("served contract lock poisoned".into()))?;
        if let Some((day, bytes)) = rendered.as_ref()
            && *day == today
        {
            return Ok(bytes.clone());
        }
        let mut dated = self.contract.clone();
        super::examples::dated(&mut dated, today);
        let bytes =
            Bytes::from(serde_json::to_vec(&dated).map_err(|e| ApiError::Internal(e.to_string()))?);
        *rendered = Some((today, bytes.clone()));
        Ok(bytes)
    }
}

pub async fn served_contract(
    served: web::Data<ServedContract>,
    ctx: web::Data<AppContext>,
) -> Result<HttpResponse, ApiError> {
    let body = served.on(dhaka_today(ctx.now()))?;
    Ok(HttpResponse::Ok()
        .content_type("application/json")
        .body(body))
}
