//! A write's answer made inside the write's own transaction. With a claimed `Idempotency-Key`
//! the answer is kept in that same transaction, so the write and the answer a retry replays
//! commit together or not at all: a crash can never leave a committed write whose key a retry
//! would run again.

use actix_web::HttpResponse;
use actix_web::http::StatusCode;
use actix_web::http::header::{CONTENT_TYPE, ETAG, LOCATION};
use ccms_persistence::DbConnection;
use ccms_persistence::idempotency::{self, StoredAnswer};
use chrono::{DateTime, Utc};
use serde::Serialize;

use super::idempotency::Claimed;
use crate::problem::ApiError;

/// A JSON answer with the headers a replay repeats.
#[derive(Debug, Clone)]
pub struct KeptAnswer {
    status: StatusCode,
    location: Option<String>,
    etag: Option<String>,
    body: Vec<u8>,
}

impl KeptAnswer {
    pub fn json<T: Serialize>(status: StatusCode, body: &T) -> Result<KeptAnswer, ApiError> {
        Ok(KeptAnswer {
            status,
            location: None,
            etag: None,
            body: serde_json::to_vec(body).map_err(|e| ApiError::Internal(e.to_string()))?,
        })
    }

    pub fn location(self, location: String) -> KeptAnswer {
        KeptAnswer {
            location: Some(location),
            ..self
        }
    }

    pub fn etag(self, etag: String) -> KeptAnswer {
        KeptAnswer {
            etag: Some(etag),
            ..self
        }
    }

    /// The answer, kept under the request's claimed key in the caller's transaction. A claim
    /// another request has taken over since (this one was presumed dead) refuses the write.
    pub fn kept(
        self,
        conn: &mut DbConnection,
        claim: Option<&Claimed>,
        now: DateTime<Utc>,
    ) -> Result<KeptAnswer, ApiError> {
        let Some(claim) = claim else {
            return Ok(self);
        };
        let mut headers = vec![("content-type".to_owned(), "application/json".to_owned())];
        headers.extend(self.location.clone().map(|l| ("location".to_owned(), l)));
        headers.extend(self.etag.clone().map(|e| ("etag".to_owned(), e)));
        let answer = StoredAnswer {
            status: self.status.as_u16(),
            headers,
            body: self.body.clone(),
        };
        let kept =
            idempotency::complete(conn, (&claim.client, &claim.key, claim.at), &answer, now)?;
        if kept {
            Ok(self)
        } else {
            Err(ApiError::StateConflict(
                crate::problem::ProblemCode::IdempotencyKeyInFlight,
            ))
        }
    }

    pub fn into_response(self) -> HttpResponse {
        let mut response = HttpResponse::build(self.status);
        response.insert_header((CONTENT_TYPE, "application/json"));
        if let Some(location) = self.location {
            response.insert_header((LOCATION, location));
        }
        if let Some(etag) = self.etag {
            response.insert_header((ETAG, etag));
        }
        response.body(self.body)
    }
}
