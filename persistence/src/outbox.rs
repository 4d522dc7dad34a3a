//! The outbox: events to announce (webhooks, notifications), written in the same transaction
//! as the change they announce, so a committed change is never lost and a rolled-back one is
//! never announced.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use uuid::Uuid;

use crate::StoreError;
use crate::db::DbConnection;
use crate::db::types::{DbId, DbJson, DbTime};
use crate::schema::outbox;

#[derive(Debug, Clone, PartialEq)]
pub struct OutboxMessage {
    /// Receivers deduplicate by it.
    pub event_id: Uuid,
    /// `complaint.status_changed`, `deadline.approaching`, `deadline.breached`, ...
    pub event_type: String,
    pub complaint_id: Option<Uuid>,
    /// The business the event concerns, whose subscriptions receive it.
    pub business_id: Option<Uuid>,
    pub payload: serde_json::Value,
    pub created_at: DateTime<Utc>,
}

#[derive(Insertable)]
#[diesel(table_name = outbox)]
struct NewRow {
    event_id: DbId,
    event_type: String,
    complaint_id: Option<DbId>,
    business_id: Option<DbId>,
    payload: DbJson,
    created_at: DbTime,
}

/// Rows per INSERT: well under both backends' limits on bound parameters.
const CHUNK: usize = 500;

fn new_rows(messages: Vec<OutboxMessage>) -> Vec<NewRow> {
    messages
        .into_iter()
        .map(|m| NewRow {
            event_id: DbId(m.event_id),
            event_type: m.event_type,
            complaint_id: m.complaint_id.map(DbId),
            business_id: m.business_id.map(DbId),
            payload: DbJson(m.payload),
            created_at: DbTime::new(m.created_at),
        })
        .collect()
}

/// Enqueues `messages` as part of `batch`, numbered in order.
pub fn enqueue_into(batch: &mut crate::db::Batch<'_>, messages: Vec<OutboxMessage>) {
    batch.insert_rows(outbox::table, new_rows(messages));
}

pub fn enqueue_all(
    conn: &mut DbConnection,
    messages: Vec<OutboxMessage>,
) -> Result<(), StoreError> {
    let rows = new_rows(messages);
    // Multi-row VALUES on PostgreSQL; SQLite runs in-process, where one row per statement
    // costs little (and diesel would wrap a batch in a transaction of its own).
    match conn {
        DbConnection::Pg(pg) => {
            for chunk in rows.chunks(CHUNK) {
                diesel::insert_into(outbox::table)
                    .values(chunk)
                    .execute(pg)?;
            }
        }
        DbConnection::Sqlite(sqlite) => {
            for row in &rows {
                diesel::insert_into(outbox::table)
                    .values(row)
                    .execute(sqlite)?;
            }
        }
    }
    Ok(())
}

/// The event types announced about one case, oldest first.
pub fn types_for_complaint(
    conn: &mut DbConnection,
    complaint_id: Uuid,
) -> Result<Vec<String>, StoreError> {
    Ok(outbox::table
        .filter(outbox::complaint_id.eq(DbId(complaint_id)))
        .order(outbox::seq.asc())
        .select(outbox::event_type)
        .load(conn)?)
}

#[derive(Queryable)]
struct Row {
    seq: i64,
    event_id: DbId,
    event_type: String,
    complaint_id: Option<DbId>,
    business_id: Option<DbId>,
    payload: DbJson,
    created_at: DbTime,
}

#[derive(QueryableByName)]
struct Seq {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    seq: i64,
}

/// Up to `limit` messages not yet announced, oldest first, locked for this transaction (on
/// PostgreSQL other dispatchers skip them). Announce them and `mark_announced` in the same
/// transaction.
pub fn lock_unannounced(
    conn: &mut DbConnection,
    limit: i64,
) -> Result<Vec<(i64, OutboxMessage)>, StoreError> {
    let seqs: Vec<i64> = match conn {
        DbConnection::Pg(pg) => diesel::sql_query(
            "SELECT seq FROM outbox WHERE announced_at IS NULL ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED",
        )
        .bind::<diesel::sql_types::BigInt, _>(limit)
        .load::<Seq>(pg)?
        .into_iter()
        .map(|row| row.seq)
        .collect(),
        DbConnection::Sqlite(_) => outbox::table
            .filter(outbox::announced_at.is_null())
            .order(outbox::seq.asc())
            .limit(limit)
            .select(outbox::seq)
            .load(conn)?,
    };
    let rows: Vec<Row> = outbox::table
        .filter(outbox::seq.eq_any(seqs))
        .order(outbox::seq.asc())
        .select((
            outbox::seq,
            outbox::event_id,
            outbox::event_type,
            outbox::complaint_id,
            outbox::business_id,
            outbox::payload,
            outbox::created_at,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|r| {
            (
                r.seq,
                OutboxMessage {
                    event_id: r.event_id.0,
                    event_type: r.event_type,
                    complaint_id: r.complaint_id.map(|id| id.0),
                    business_id: r.business_id.map(|id| id.0),
                    payload: r.payload.0,
                    created_at: r.created_at.0,
                },
            )
        })
        .collect())
}

pub fn mark_announced(
    conn: &mut DbConnection,
    seqs: &[i64],
    at: DateTime<Utc>,
) -> Result<(), StoreError> {
    diesel::update(outbox::table.filter(outbox::seq.eq_any(seqs)))
        .set(outbox::announced_at.eq(DbTime::new(at)))
        .execute(conn)?;
    Ok(())
}
