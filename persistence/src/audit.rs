//! The audit log: one row per write and per staff read of personal data, appended in the same
//! transaction as the change it records, and linked into a hash chain soon after it commits.

use ccms_domain::audit::{AuditRecord, EntryFields};
use chrono::{DateTime, SecondsFormat, Utc};
use diesel::prelude::*;

use crate::StoreError;
use crate::db::DbConnection;
use crate::db::types::{DbJson, DbTime};
use crate::schema::{audit_chain_head, audit_entries, audit_read_targets};

mod chain;
mod listing;

pub use chain::{Verification, has_pending, hash_at, head, link_pending, verify};
pub use listing::{AuditFilter, list};

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

/// The stored form of `at` that the hash covers.
pub(crate) fn instant_text(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Micros, true)
}

/// Whether to wait for the chain's head when another linker holds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Linking {
    /// Wait for it (startup, the worker, verifying): everything committed gets linked.
    Wait,
    /// Leave the work to the linker already running (just after a write commits).
    SkipIfBusy,
}

/// The chain's last position and hash, locked until the transaction ends (on SQLite the
/// write lock already serializes linkers). `None` when another linker holds it and `linking`
/// says not to wait.
pub(crate) fn lock_head(
    conn: &mut DbConnection,
    linking: Linking,
) -> Result<Option<(i64, String)>, StoreError> {
    let query = audit_chain_head::table
        .find(1)
        .select((audit_chain_head::last_index, audit_chain_head::last_hash));
    Ok(match (conn, linking) {
        (DbConnection::Pg(pg), Linking::Wait) => Some(query.for_update().first(pg)?),
        (DbConnection::Pg(pg), Linking::SkipIfBusy) => {
            query.for_update().skip_locked().first(pg).optional()?
        }
        (DbConnection::Sqlite(sqlite), _) => Some(query.first(sqlite)?),
    })
}

pub(crate) fn set_head(conn: &mut DbConnection, index: i64, hash: &str) -> Result<(), StoreError> {
    diesel::update(audit_chain_head::table.find(1))
        .set((
            audit_chain_head::last_index.eq(index),
            audit_chain_head::last_hash.eq(hash),
        ))
        .execute(conn)?;
    Ok(())
}

pub(crate) fn fields_of(
    at: DateTime<Utc>,
    entry: (&str, &str, &str, &str, &str, Option<&str>),
    digest: &str,
) -> EntryFields {
    let (actor, role, action, target_type, target_id, request_id) = entry;
    EntryFields {
        at: instant_text(at),
        actor: actor.to_owned(),
        role: role.to_owned(),
        action: action.to_owned(),
        target_type: target_type.to_owned(),
        target_id: target_id.to_owned(),
        request_id: request_id.map(str::to_owned),
        digest: digest.to_owned(),
    }
}

pub fn record(conn: &mut DbConnection, entry: AuditEntry) -> Result<(), StoreError> {
    record_all(conn, vec![entry])
}

/// Rows per INSERT: well under both backends' limits on bound parameters.
const CHUNK: usize = 500;

/// Appends one entry for a page of records an official read (`entry.detail` names them all),
/// findable by each record as if it were the entry's target. A page of twenty costs one entry
/// to write and to link into the chain, not twenty.
pub fn record_page(
    conn: &mut DbConnection,
    entry: AuditEntry,
    shown: &[String],
) -> Result<(), StoreError> {
    let Some(row) = new_rows(vec![entry]).pop() else {
        return Ok(());
    };
    let seq: i64 = diesel::insert_into(audit_entries::table)
        .values(row)
        .returning(audit_entries::seq)
        .get_result(conn)?;
    let targets: Vec<_> = shown
        .iter()
        .map(|target| {
            (
                audit_read_targets::target_id.eq(target.clone()),
                audit_read_targets::seq.eq(seq),
            )
        })
        .collect();
    match conn {
        DbConnection::Pg(pg) => {
            for chunk in targets.chunks(CHUNK) {
                diesel::insert_into(audit_read_targets::table)
                    .values(chunk)
                    .on_conflict_do_nothing()
                    .execute(pg)?;
            }
        }
        DbConnection::Sqlite(sqlite) => {
            for target in targets {
                diesel::insert_into(audit_read_targets::table)
                    .values(target)
                    .on_conflict_do_nothing()
                    .execute(sqlite)?;
            }
        }
    }
    Ok(())
}

/// Appends `entries` in order, a few hundred rows per statement. They are written unlinked;
/// the chain's links are added after the transaction commits (`link_pending`), so writers
/// never wait for one another on the chain's head.
pub fn record_all(conn: &mut DbConnection, entries: Vec<AuditEntry>) -> Result<(), StoreError> {
    if entries.is_empty() {
        return Ok(());
    }
    let rows = new_rows(entries);
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

/// The rows `entries` become, unlinked.
fn new_rows(entries: Vec<AuditEntry>) -> Vec<NewRow> {
    entries
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
        .collect()
}

/// Appends `entries` as part of `batch` (unlinked, as `record_all` does), numbered in order.
pub fn record_into(batch: &mut crate::db::Batch<'_>, entries: Vec<AuditEntry>) {
    batch.insert_rows(audit_entries::table, new_rows(entries));
}

#[derive(Queryable)]
pub(crate) struct Row {
    seq: i64,
    at: DbTime,
    actor: String,
    role: String,
    action: String,
    target_type: String,
    target_id: String,
    request_id: Option<String>,
    detail: DbJson,
    chain_index: Option<i64>,
    digest: Option<String>,
    prev_hash: Option<String>,
    hash: Option<String>,
}

impl Row {
    pub(crate) fn into_domain(self) -> AuditRecord {
        AuditRecord {
            seq: self.seq,
            chain_index: self.chain_index,
            at: self.at.0,
            actor: self.actor,
            role: self.role,
            action: self.action,
            target_type: self.target_type,
            target_id: self.target_id,
            request_id: self.request_id,
            detail: self.detail.0,
            digest: self.digest,
            prev_hash: self.prev_hash,
            hash: self.hash,
        }
    }
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
