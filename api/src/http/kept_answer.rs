//! A write's answer made inside the write's own transaction. With a claimed `Idempotency-Key`
//! the answer is kept in that same transaction, so the write and the answer a retry replays
//! commit together or not at all: a crash can never leave a committed write whose key a retry
//! would run again.

use actix_web::HttpResponse;
use actix_web::http::StatusCode;
use actix_web::http::header::{CONTENT_TYPE, ETAG, LOCATION};
use ccms_persistence::idempotency::{self, Claim, StoredAnswer};
use ccms_persistence::{Batch, DbConnection};
use chrono::{DateTime, Utc};
use serde::Serialize;

use super::idempotency::{Claimed, Deferred, REPLAYED};
use crate::problem::{ApiError, ProblemCode};

/// A JSON answer with the headers a replay repeats.
#[derive(Debug, Clone)]
pub struct KeptAnswer {
    status: StatusCode,
    /// JSON, or problem+json for a refusal replayed.
    content_type: String,
    location: Option<String>,
    etag: Option<String>,
    body: Vec<u8>,
    /// The answer kept for an earlier request with the same key, sent again.
    replayed: bool,
}

impl Deferred {
    /// Claims the key first thing in the write's transaction: `None` when the write is this
    /// request's to do (its answer then `kept` under `self.held(now)`), else the earlier
    /// answer to replay. A retry racing the first request waits here until the first commits
    /// (PostgreSQL holds the claim row's key) or rolls back (then the claim is this one's).
    pub fn take(
        &self,
        conn: &mut DbConnection,
        now: DateTime<Utc>,
    ) -> Result<Option<KeptAnswer>, ApiError> {
        let (client, key, print) = (&self.client, &self.key, &self.fingerprint);
        match idempotency::claim(conn, client, key, print, now)? {
            Claim::Mine => Ok(None),
            Claim::Answered(answer) => Ok(Some(KeptAnswer::replay(answer))),
            Claim::OtherRequest => Err(ApiError::StateConflict(ProblemCode::IdempotencyKeyReused)),
            Claim::Running => Err(ApiError::StateConflict(ProblemCode::IdempotencyKeyInFlight)),
        }
    }

    /// The claim `take` made at `now`.
    pub fn held(self, now: DateTime<Utc>) -> Claimed {
        Claimed {
            client: self.client,
            key: self.key,
            at: now,
        }
    }
}

impl KeptAnswer {
    pub fn json<T: Serialize>(status: StatusCode, body: &T) -> Result<KeptAnswer, ApiError> {
        Ok(KeptAnswer {
            status,
            content_type: "application/json".into(),
            location: None,
            etag: None,
            body: serde_json::to_vec(body).map_err(|e| ApiError::Internal(e.to_string()))?,
            replayed: false,
        })
    }

    /// An answer kept earlier, as a replay.
    fn replay(answer: StoredAnswer) -> KeptAnswer {
        let header = |name: &str| {
            let kept = answer.headers.iter().find(|(n, _)| n == name);
            kept.map(|(_, value)| value.clone())
        };
        KeptAnswer {
            status: StatusCode::from_u16(answer.status).unwrap_or(StatusCode::OK),
            content_type: header("content-type").unwrap_or_else(|| "application/json".into()),
            location: header("location"),
            etag: header("etag"),
            replayed: true,
            body: answer.body,
        }
    }

    pub fn replayed(&self) -> bool {
        self.replayed
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
        let answer = self.stored();
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

    /// The answer, kept under a key claimed in this same transaction (`Deferred::held`), as
    /// part of the write's `batch`.
    pub fn kept_in(
        self,
        batch: &mut Batch<'_>,
        claim: Option<Claimed>,
        now: DateTime<Utc>,
    ) -> KeptAnswer {
        if let Some(claim) = claim {
            let answer = self.stored();
            idempotency::complete_batched(
                batch,
                (&claim.client, &claim.key, claim.at),
                &answer,
                now,
            );
        }
        self
    }

    /// The answer as a retry replays it.
    fn stored(&self) -> StoredAnswer {
        let mut headers = vec![("content-type".to_owned(), self.content_type.clone())];
        headers.extend(self.location.clone().map(|l| ("location".to_owned(), l)));
        headers.extend(self.etag.clone().map(|e| ("etag".to_owned(), e)));
        StoredAnswer {
            status: self.status.as_u16(),
            headers,
            body: self.body.clone(),
        }
    }

    pub fn into_response(self) -> HttpResponse {
        let mut response = HttpResponse::build(self.status);
        response.insert_header((CONTENT_TYPE, self.content_type));
        if let Some(location) = self.location {
            response.insert_header((LOCATION, location));
        }
        if let Some(etag) = self.etag {
            response.insert_header((ETAG, etag));
        }
        if self.replayed {
            response.insert_header((REPLAYED, "true"));
        }
        response.body(self.body)
    }
}
