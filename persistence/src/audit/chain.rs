//! Linking entries written before the chain existed, and walking the chain to verify it.

use ccms_domain::audit::{Break, ChainCursor, ChainedEntry, canonical_json, link, sha256_hex};
use diesel::prelude::*;

use super::{Row, fields_of, lock_head, set_head};
use crate::StoreError;
use crate::db::DbConnection;
use crate::schema::{audit_chain_head, audit_entries};

/// Rows read per query while walking the chain.
const BATCH: i64 = 1000;

/// Links the entries written before the chain existed (up to the head's `backlog_until`),
/// oldest first; a row slipped in later stays outside and `verify` reports it. Run at startup;
/// returns how many it linked.
pub fn chain_backlog(conn: &mut DbConnection) -> Result<usize, StoreError> {
    let (mut index, mut prev) = lock_head(conn)?;
    let until: i64 = audit_chain_head::table
        .find(1)
        .select(audit_chain_head::backlog_until)
        .first(conn)?;
    let mut linked = 0;
    loop {
        let rows: Vec<Row> = audit_entries::table
            .filter(audit_entries::hash.is_null())
            .filter(audit_entries::seq.le(until))
            .order(audit_entries::seq.asc())
            .limit(BATCH)
            .load(conn)?;
        if rows.is_empty() {
            break;
        }
        for row in rows {
            let record = row.into_domain();
            let digest = sha256_hex(canonical_json(&record.detail).as_bytes());
            index += 1;
            let fields = fields_of(
                record.at,
                (
                    &record.actor,
                    &record.role,
                    &record.action,
                    &record.target_type,
                    &record.target_id,
                    record.request_id.as_deref(),
                ),
                &digest,
            );
            let hash = link(index, &fields, &prev);
            diesel::update(audit_entries::table.find(record.seq))
                .set((
                    audit_entries::chain_index.eq(index),
                    audit_entries::digest.eq(&digest),
                    audit_entries::prev_hash.eq(&prev),
                    audit_entries::hash.eq(&hash),
                ))
                .execute(conn)?;
            prev = hash;
            linked += 1;
        }
    }
    set_head(conn, index, &prev)?;
    Ok(linked)
}

/// The chain's head: its last position and hash, for outside parties to keep as an anchor.
pub fn head(conn: &mut DbConnection) -> Result<(i64, String), StoreError> {
    Ok(audit_chain_head::table
        .find(1)
        .select((audit_chain_head::last_index, audit_chain_head::last_hash))
        .first(conn)?)
}

/// What walking the chain found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verification {
    /// Entries checked before the first break (all of them when intact).
    pub checked: i64,
    pub head_index: i64,
    pub head_hash: String,
    /// The hash of the last entry checked; equal to `head_hash` when intact.
    pub reached_hash: String,
    pub first_break: Option<Break>,
}

/// Walks every entry in chain order, a batch at a time, and reports the first broken link.
pub fn verify(conn: &mut DbConnection) -> Result<Verification, StoreError> {
    let (head_index, head_hash) = head(conn)?;
    let mut cursor = ChainCursor::default();
    let unchained: Option<i64> = audit_entries::table
        .filter(audit_entries::chain_index.is_null())
        .order(audit_entries::seq.asc())
        .select(audit_entries::seq)
        .first(conn)
        .optional()?;
    let mut first_break = unchained.map(|seq| Break::Unchained { seq });
    let mut after = 0_i64;
    while first_break.is_none() {
        let rows: Vec<Row> = audit_entries::table
            .filter(audit_entries::chain_index.gt(after))
            .order(audit_entries::chain_index.asc())
            .limit(BATCH)
            .load(conn)?;
        let Some(last) = rows.last().and_then(|r| r.chain_index) else {
            first_break = cursor.finish(head_index, &head_hash).err();
            break;
        };
        after = last;
        for row in rows {
            let record = row.into_domain();
            let entry = ChainedEntry {
                seq: record.seq,
                index: record.chain_index,
                detail_digest: sha256_hex(canonical_json(&record.detail).as_bytes()),
                fields: fields_of(
                    record.at,
                    (
                        &record.actor,
                        &record.role,
                        &record.action,
                        &record.target_type,
                        &record.target_id,
                        record.request_id.as_deref(),
                    ),
                    record.digest.as_deref().unwrap_or_default(),
                ),
                prev_hash: record.prev_hash,
                hash: record.hash,
            };
            if let Err(broken) = cursor.check(&entry) {
                first_break = Some(broken);
                break;
            }
        }
    }
    Ok(Verification {
        checked: cursor.checked(),
        head_index,
        reached_hash: cursor.head_hash().to_owned(),
        head_hash,
        first_break,
    })
}

/// The hash stored at a position of the chain.
pub fn hash_at(conn: &mut DbConnection, index: i64) -> Result<Option<String>, StoreError> {
    Ok(audit_entries::table
        .filter(audit_entries::chain_index.eq(index))
        .select(audit_entries::hash)
        .first::<Option<String>>(conn)
        .optional()?
        .flatten())
}
