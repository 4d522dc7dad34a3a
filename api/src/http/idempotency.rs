//! `Idempotency-Key` on partner POSTs. The first request with a key runs and its answer is kept
//! (24 hours at least) with a fingerprint of the request; the same key and request replays that
//! answer (marked `Idempotency-Replayed: true`), the same key with another request answers 422,
//! and a retry while the first still runs waits for its answer (409 if it takes too long).
//! Complaint intake by a partner requires a key. Multipart uploads are not covered: their
//! bodies are not buffered.
//!
//! Two middlewares: `idempotent_partner_posts` (inside `render_problems`, so its refusals are
//! rendered like any other) claims the key or replays; `keep_idempotent_answers` (outside it)
//! keeps the answer exactly as the client received it.

use std::time::Duration;

use actix_web::body::{BoxBody, MessageBody, to_bytes};
use actix_web::dev::{Payload, ServiceRequest, ServiceResponse};
use actix_web::http::header::{CONTENT_TYPE, HeaderName, HeaderValue};
use actix_web::http::{Method, StatusCode};
use actix_web::middleware::Next;
use actix_web::{Error, HttpMessage, HttpResponse, web};
use ccms_persistence::idempotency::{self, Claim, StoredAnswer};
use sha2::{Digest, Sha256};

use crate::auth::verified_partner;
use crate::context::AppContext;
use crate::problem::ApiError;

pub const IDEMPOTENCY_KEY: &str = "idempotency-key";
/// What `keyed` accepts: visible ASCII, 1 to 255 characters.
pub const IDEMPOTENCY_KEY_PATTERN: &str = "^[!-~]+$";
pub const REPLAYED: &str = "idempotency-replayed";
/// Headers of an answer that a replay repeats.
const KEPT_HEADERS: [&str; 3] = ["content-type", "location", "etag"];
/// How long a retry waits for the first request with its key, and how often it looks.
const WAIT: Duration = Duration::from_secs(10);
const POLL: Duration = Duration::from_millis(25);

/// A key this request claimed: its answer is kept with the write (see `KeptAnswer`) or, for
/// a request that writes nothing, on the way out.
#[derive(Clone)]
pub struct Claimed {
    pub(super) client: String,
    pub(super) key: String,
    /// When it was claimed: the claim this request holds, not a later takeover's.
    pub(super) at: chrono::DateTime<chrono::Utc>,
}

/// The key `request` claimed, if it came with one.
pub fn claim_of(request: &actix_web::HttpRequest) -> Option<Claimed> {
    request.extensions().get::<Claimed>().cloned()
}

/// A key to be claimed inside the write's own transaction (`Deferred::take`), not in one of its
/// own before it: the claim, the write and the kept answer then commit together, in one
/// transaction instead of three. Concurrent retries wait on the first one's claim row.
#[derive(Clone)]
pub struct Deferred {
    pub(super) client: String,
    pub(super) key: String,
    pub(super) fingerprint: String,
}

/// The key `request` defers to its write, if it came with one.
pub fn deferred_claim_of(request: &actix_web::HttpRequest) -> Option<Deferred> {
    request.extensions().get::<Deferred>().cloned()
}

/// Endpoints that claim their key inside their write (`Deferred`).
pub const CLAIMED_IN_THE_WRITE: &[&str] = &["/api/v1/complaints"];

/// Endpoints whose answer carries a secret shown once: never kept, so the key is ignored there.
pub const ANSWERS_WITH_SECRETS: &[&str] = &["/api/v1/subscriptions"];

/// The partner and key of a request this middleware handles, or why the key is unusable.
fn keyed(req: &ServiceRequest) -> Result<Option<(String, String)>, ApiError> {
    if req.method() != Method::POST {
        return Ok(None);
    }
    let Some(client) = verified_partner(req.request()) else {
        return Ok(None);
    };
    let multipart = req
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("multipart/"));
    match req.headers().get(IDEMPOTENCY_KEY) {
        None if req.path() == "/api/v1/complaints" => {
            Err(ApiError::invalid_parameter("Idempotency-Key", "required"))
        }
        None => Ok(None),
        Some(_) if multipart || ANSWERS_WITH_SECRETS.contains(&req.path()) => Ok(None),
        Some(value) => {
            let key = value
                .to_str()
                .ok()
                .filter(|k| (1..=255).contains(&k.len()) && k.bytes().all(|b| b.is_ascii_graphic()))
                .ok_or_else(|| ApiError::invalid_parameter("Idempotency-Key", "type"))?;
            Ok(Some((client, key.to_owned())))
        }
    }
}

fn fingerprint(req: &ServiceRequest, body: &[u8]) -> String {
    let mut hash = Sha256::new();
    hash.update(req.method().as_str());
    hash.update(b" ");
    hash.update(req.path());
    hash.update(b"?");
    hash.update(req.query_string());
    hash.update(b"\n");
    hash.update(body);
    hash.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

fn replay(req: ServiceRequest, answer: StoredAnswer) -> ServiceResponse<BoxBody> {
    let mut response =
        HttpResponse::build(StatusCode::from_u16(answer.status).unwrap_or(StatusCode::OK));
    for (name, value) in &answer.headers {
        if let (Ok(name), Ok(value)) = (
            HeaderName::try_from(name.as_str()),
            HeaderValue::from_str(value),
        ) {
            response.insert_header((name, value));
        }
    }
    response.insert_header((REPLAYED, "true"));
    req.into_response(response.body(answer.body))
}

pub async fn idempotent_partner_posts(
    mut req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, Error> {
    let (client, key) = match keyed(&req) {
        Ok(Some(keyed)) => keyed,
        Ok(None) => {
            return next
                .call(req)
                .await
                .map(ServiceResponse::map_into_boxed_body);
        }
        Err(refused) => return Ok(req.error_response(Error::from(refused))),
    };
    let Some(ctx) = req.app_data::<web::Data<AppContext>>().cloned() else {
        return next
            .call(req)
            .await
            .map(ServiceResponse::map_into_boxed_body);
    };
    let body = match req.extract::<web::Bytes>().await {
        Ok(body) => body,
        Err(error) => return Ok(req.error_response(error)),
    };
    let print = fingerprint(&req, &body);
    req.set_payload(Payload::from(body));
    if CLAIMED_IN_THE_WRITE.contains(&req.path()) {
        req.extensions_mut().insert(Deferred {
            client,
            key,
            fingerprint: print,
        });
        return next
            .call(req)
            .await
            .map(ServiceResponse::map_into_boxed_body);
    }
    let mut waited = Duration::ZERO;
    let claimed_at = loop {
        let (client, key, print, now) = (client.clone(), key.clone(), print.clone(), ctx.now());
        let claimed = ctx
            .transaction(move |conn| Ok(idempotency::claim(conn, &client, &key, &print, now)?))
            .await;
        match claimed {
            Ok(Claim::Mine) => break now,
            Ok(Claim::Answered(answer)) => return Ok(replay(req, answer)),
            Ok(Claim::OtherRequest) => {
                return Ok(req.error_response(Error::from(ApiError::StateConflict(
                    crate::problem::ProblemCode::IdempotencyKeyReused,
                ))));
            }
            Ok(Claim::Running) if waited < WAIT => {
                actix_web::rt::time::sleep(POLL).await;
                waited += POLL;
            }
            Ok(Claim::Running) => {
                return Ok(req.error_response(Error::from(ApiError::StateConflict(
                    crate::problem::ProblemCode::IdempotencyKeyInFlight,
                ))));
            }
            Err(error) => return Ok(req.error_response(Error::from(error))),
        }
    };
    req.extensions_mut().insert(Claimed {
        client,
        key,
        at: claimed_at,
    });
    next.call(req)
        .await
        .map(ServiceResponse::map_into_boxed_body)
}

/// Keeps the answer of a request that claimed its key, as sent (a server error frees the key
/// for a retry instead).
pub async fn keep_idempotent_answers(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, Error> {
    let ctx = req.app_data::<web::Data<AppContext>>().cloned();
    let response = next.call(req).await?.map_into_boxed_body();
    let claimed = response.request().extensions().get::<Claimed>().cloned();
    let deferred = response.request().extensions().get::<Deferred>().cloned();
    if let (Some(deferred), Some(ctx)) = (deferred, &ctx)
        && response.status().is_client_error()
    {
        return Ok(keep_refusal(ctx, deferred, response).await);
    }
    let (Some(Claimed { client, key, at }), Some(ctx)) = (claimed, ctx) else {
        return Ok(response);
    };
    let (request, response) = response.into_parts();
    let status = response.status();
    let (head, answer) = stored(response).await?;
    let bytes = web::Bytes::from(answer.body.clone());
    let now = ctx.now();
    let kept = ctx
        .transaction(move |conn| {
            if status.is_server_error() {
                idempotency::release(conn, (&client, &key, at))?;
            } else {
                idempotency::complete(conn, (&client, &key, at), &answer, now)?;
            }
            Ok(())
        })
        .await;
    if let Err(error) = kept {
        log::error!(
            "idempotency key not kept: {}",
            crate::problem::cause_chain(&error)
        );
    }
    Ok(ServiceResponse::new(
        request,
        head.set_body(BoxBody::new(bytes)),
    ))
}

/// The answer as a retry would replay it, and the response's head to send it with.
async fn stored(response: HttpResponse) -> Result<(HttpResponse<()>, StoredAnswer), Error> {
    let status = response.status();
    let headers: Vec<(String, String)> = KEPT_HEADERS
        .iter()
        .filter_map(|name| {
            let value = response.headers().get(*name)?.to_str().ok()?;
            Some(((*name).to_owned(), value.to_owned()))
        })
        .collect();
    let (head, body) = response.into_parts();
    let bytes = to_bytes(body)
        .await
        .map_err(|_| Error::from(ApiError::Internal("answer body unreadable".into())))?;
    let answer = StoredAnswer {
        status: status.as_u16(),
        headers,
        body: bytes.to_vec(),
    };
    Ok((head, answer))
}

/// A refusal of a request whose key its write would have claimed: the write rolled back (or
/// never ran), so the refusal is kept on its own for a retry to replay.
async fn keep_refusal(
    ctx: &AppContext,
    Deferred {
        client,
        key,
        fingerprint,
    }: Deferred,
    response: ServiceResponse<BoxBody>,
) -> ServiceResponse<BoxBody> {
    let (request, response) = response.into_parts();
    let (head, answer) = match stored(response).await {
        Ok(stored) => stored,
        Err(error) => return ServiceResponse::from_err(error, request),
    };
    let bytes = web::Bytes::from(answer.body.clone());
    let now = ctx.now();
    let kept = ctx
        .transaction(move |conn| {
            let deferred = (client.as_str(), key.as_str(), fingerprint.as_str());
            Ok(idempotency::keep_refusal(conn, deferred, &answer, now)?)
        })
        .await;
    if let Err(error) = kept {
        log::error!(
            "idempotency refusal not kept: {}",
            crate::problem::cause_chain(&error)
        );
    }
    ServiceResponse::new(request, head.set_body(BoxBody::new(bytes)))
}
