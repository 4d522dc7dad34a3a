//! Idempotency keys of partner requests. A key is claimed before the request runs and completed
//! with its answer after; a retry with the same key finds the answer (or the request still
//! running) instead of acting twice.

use chrono::{DateTime, Duration, Utc};
use diesel::prelude::*;

use crate::StoreError;
use crate::db::DbConnection;
use crate::db::types::{DbJson, DbTime};
use crate::schema::idempotency_keys;

/// The answer kept for a key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredAnswer {
    pub status: u16,
    /// Header name and value pairs worth replaying (content type, location, ETag).
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

/// What a claim on a key found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Claim {
    /// The key is this request's: run it, then `complete` (or `release`) the key.
    Mine,
    /// The same request was answered before: replay this.
    Answered(StoredAnswer),
    /// The same key was used for a different request.
    OtherRequest,
    /// The first request with this key is still running.
    Running,
}

/// How long answers are kept (at least), and after how long a request that never completed is
/// taken to have died with its process.
pub const KEPT: Duration = Duration::hours(24);
pub const ABANDONED_AFTER: Duration = Duration::seconds(60);

type Row = (
    String,
    Option<i32>,
    Option<DbJson>,
    Option<Vec<u8>>,
    DbTime,
    Option<DbTime>,
);

pub fn claim(
    conn: &mut DbConnection,
    client_id: &str,
    key: &str,
    fingerprint: &str,
    now: DateTime<Utc>,
) -> Result<Claim, StoreError> {
    let insert = diesel::insert_into(idempotency_keys::table)
        .values((
            idempotency_keys::client_id.eq(client_id),
            idempotency_keys::key.eq(key),
            idempotency_keys::fingerprint.eq(fingerprint),
            idempotency_keys::started_at.eq(DbTime::new(now)),
        ))
        .on_conflict_do_nothing();
    let inserted = match conn {
        DbConnection::Pg(pg) => insert.execute(pg)?,
        DbConnection::Sqlite(sqlite) => insert.execute(sqlite)?,
    };
    if inserted == 1 {
        return Ok(Claim::Mine);
    }
    let this = idempotency_keys::table
        .filter(idempotency_keys::client_id.eq(client_id))
        .filter(idempotency_keys::key.eq(key));
    let (stored_fingerprint, status, headers, body, started, completed): Row = this
        .select((
            idempotency_keys::fingerprint,
            idempotency_keys::status_code,
            idempotency_keys::response_headers,
            idempotency_keys::response_body,
            idempotency_keys::started_at,
            idempotency_keys::completed_at,
        ))
        .first(conn)?;
    let expired = completed.is_some_and(|done| done.0 + KEPT <= now);
    let abandoned = completed.is_none() && started.0 + ABANDONED_AFTER <= now;
    if expired || abandoned {
        // Take the key over; only one of several racing retries manages to.
        let taken = diesel::update(this.filter(idempotency_keys::started_at.eq(started)))
            .set((
                idempotency_keys::fingerprint.eq(fingerprint),
                idempotency_keys::status_code.eq(None::<i32>),
                idempotency_keys::response_headers.eq(None::<DbJson>),
                idempotency_keys::response_body.eq(None::<Vec<u8>>),
                idempotency_keys::started_at.eq(DbTime::new(now)),
                idempotency_keys::completed_at.eq(None::<DbTime>),
            ))
            .execute(conn)?;
        return Ok(if taken == 1 {
            Claim::Mine
        } else {
            Claim::Running
        });
    }
    if stored_fingerprint != fingerprint {
        return Ok(Claim::OtherRequest);
    }
    match (status, completed) {
        (Some(status), Some(_)) => {
            let headers = headers
                .and_then(|h| serde_json::from_value(h.0).ok())
                .unwrap_or_default();
            Ok(Claim::Answered(StoredAnswer {
                status: u16::try_from(status).unwrap_or(500),
                headers,
                body: body.unwrap_or_default(),
            }))
        }
        _ => Ok(Claim::Running),
    }
}

/// Keeps the answer of the request that claimed the key at `claimed_at` (a request whose key
/// was taken over meanwhile keeps nothing).
pub fn complete(
    conn: &mut DbConnection,
    (client_id, key, claimed_at): (&str, &str, DateTime<Utc>),
    answer: &StoredAnswer,
    now: DateTime<Utc>,
) -> Result<bool, StoreError> {
    let kept = diesel::update(
        idempotency_keys::table
            .filter(idempotency_keys::client_id.eq(client_id))
            .filter(idempotency_keys::key.eq(key))
            .filter(idempotency_keys::started_at.eq(DbTime::new(claimed_at)))
            .filter(idempotency_keys::completed_at.is_null()),
    )
    .set((
        idempotency_keys::status_code.eq(i32::from(answer.status)),
        idempotency_keys::response_headers.eq(DbJson(serde_json::json!(answer.headers))),
        idempotency_keys::response_body.eq(&answer.body),
        idempotency_keys::completed_at.eq(DbTime::new(now)),
    ))
    .execute(conn)?;
    Ok(kept == 1)
}

/// Keeps the answer of a request whose key was claimed in this same transaction (so no other
/// request can have taken it over), as part of `batch`.
pub fn complete_batched(
    batch: &mut crate::db::Batch<'_>,
    (client_id, key, claimed_at): (&str, &str, DateTime<Utc>),
    answer: &StoredAnswer,
    now: DateTime<Utc>,
) {
    batch.push(
        diesel::update(
            idempotency_keys::table
                .filter(idempotency_keys::client_id.eq(client_id.to_owned()))
                .filter(idempotency_keys::key.eq(key.to_owned()))
                .filter(idempotency_keys::started_at.eq(DbTime::new(claimed_at))),
        )
        .set((
            idempotency_keys::status_code.eq(i32::from(answer.status)),
            idempotency_keys::response_headers.eq(DbJson(serde_json::json!(answer.headers))),
            idempotency_keys::response_body.eq(answer.body.clone()),
            idempotency_keys::completed_at.eq(DbTime::new(now)),
        )),
    );
}

/// Frees a key whose request (claimed at `claimed_at`) failed on the server's side, so a retry
/// runs it again.
pub fn release(
    conn: &mut DbConnection,
    (client_id, key, claimed_at): (&str, &str, DateTime<Utc>),
) -> Result<(), StoreError> {
    diesel::delete(
        idempotency_keys::table
            .filter(idempotency_keys::client_id.eq(client_id))
            .filter(idempotency_keys::key.eq(key))
            .filter(idempotency_keys::started_at.eq(DbTime::new(claimed_at)))
            .filter(idempotency_keys::completed_at.is_null()),
    )
    .execute(conn)?;
    Ok(())
}

/// Keeps a refusal for a key no request holds (one claimed inside a write that then rolled
/// back): a retry replays it. A key taken meanwhile keeps its own answer.
pub fn keep_refusal(
    conn: &mut DbConnection,
    (client_id, key, fingerprint): (&str, &str, &str),
    answer: &StoredAnswer,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let insert = diesel::insert_into(idempotency_keys::table)
        .values((
            idempotency_keys::client_id.eq(client_id),
            idempotency_keys::key.eq(key),
            idempotency_keys::fingerprint.eq(fingerprint),
            idempotency_keys::started_at.eq(DbTime::new(now)),
            idempotency_keys::status_code.eq(i32::from(answer.status)),
            idempotency_keys::response_headers.eq(DbJson(serde_json::json!(answer.headers))),
            idempotency_keys::response_body.eq(&answer.body),
            idempotency_keys::completed_at.eq(DbTime::new(now)),
        ))
        .on_conflict_do_nothing();
    match conn {
        DbConnection::Pg(pg) => insert.execute(pg)?,
        DbConnection::Sqlite(sqlite) => insert.execute(sqlite)?,
    };
    Ok(())
}

/// Forgets the answers kept for partners' keyed requests once they are older than they are
/// promised to be kept: they hold whole case views (phone, words, files' names).
pub fn forget_before(conn: &mut DbConnection, before: DateTime<Utc>) -> Result<usize, StoreError> {
    Ok(diesel::delete(
        idempotency_keys::table
            .filter(idempotency_keys::completed_at.is_not_null())
            .filter(idempotency_keys::completed_at.lt(DbTime::new(before))),
    )
    .execute(conn)?)
}
