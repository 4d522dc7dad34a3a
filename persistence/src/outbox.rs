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

pub fn enqueue_all(
    conn: &mut DbConnection,
    messages: Vec<OutboxMessage>,
) -> Result<(), StoreError> {
    let rows: Vec<NewRow> = messages
        .into_iter()
        .map(|m| NewRow {
            event_id: DbId(m.event_id),
            event_type: m.event_type,
            complaint_id: m.complaint_id.map(DbId),
            business_id: m.business_id.map(DbId),
            payload: DbJson(m.payload),
            created_at: DbTime::new(m.created_at),
        })
        .collect();
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
