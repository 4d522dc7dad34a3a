//! The audit log: one row per write (and, later, per staff read of personal data), appended in
//! the same transaction as the change it records.

use chrono::{DateTime, Utc};
use diesel::prelude::*;

use crate::StoreError;
use crate::db::DbConnection;
use crate::db::types::{DbJson, DbTime};
use crate::schema::audit_entries;

/// Who did what to which record, and under which request.
#[derive(Debug, Clone)]
pub struct AuditEntry {
    pub at: DateTime<Utc>,
    pub actor: String,
    pub role: String,
    pub action: &'static str,
    pub target_type: &'static str,
    pub target_id: String,
    pub request_id: Option<String>,
    pub detail: serde_json::Value,
}

#[derive(Insertable)]
#[diesel(table_name = audit_entries)]
struct NewRow {
    at: DbTime,
    actor: String,
    role: String,
    action: &'static str,
    target_type: &'static str,
    target_id: String,
    request_id: Option<String>,
    detail: DbJson,
}

pub fn record(conn: &mut DbConnection, entry: AuditEntry) -> Result<(), StoreError> {
    record_all(conn, vec![entry])
}

/// Rows per INSERT: well under both backends' limits on bound parameters.
const CHUNK: usize = 500;

/// Appends `entries` in order, a few hundred rows per statement.
pub fn record_all(conn: &mut DbConnection, entries: Vec<AuditEntry>) -> Result<(), StoreError> {
    let rows: Vec<NewRow> = entries
        .into_iter()
        .map(|entry| NewRow {
            at: DbTime::new(entry.at),
            actor: entry.actor,
            role: entry.role,
            action: entry.action,
            target_type: entry.target_type,
            target_id: entry.target_id,
            request_id: entry.request_id,
            detail: DbJson(entry.detail),
        })
        .collect();
    // Multi-row VALUES on PostgreSQL; SQLite runs in-process, where one row per statement
    // costs little (and diesel would wrap a batch in a transaction of its own).
    match conn {
        DbConnection::Pg(pg) => {
            for chunk in rows.chunks(CHUNK) {
                diesel::insert_into(audit_entries::table)
                    .values(chunk)
                    .execute(pg)?;
            }
        }
        DbConnection::Sqlite(sqlite) => {
            for row in &rows {
                diesel::insert_into(audit_entries::table)
                    .values(row)
                    .execute(sqlite)?;
            }
        }
    }
    Ok(())
}

/// Entries about one target, oldest first.
pub fn for_target(
    conn: &mut DbConnection,
    target_type: &str,
    target_id: &str,
) -> Result<Vec<(String, String)>, StoreError> {
    Ok(audit_entries::table
        .filter(audit_entries::target_type.eq(target_type))
        .filter(audit_entries::target_id.eq(target_id))
        .order(audit_entries::seq.asc())
        .select((audit_entries::action, audit_entries::actor))
        .load(conn)?)
}
