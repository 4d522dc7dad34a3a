//! Linking entries into the chain after they commit, and walking the chain to verify it.

use ccms_domain::audit::{Break, ChainCursor, ChainedEntry, canonical_json, link, sha256_hex};
use diesel::prelude::*;

use super::{Linking, Row, fields_of, lock_head, set_head};
use crate::StoreError;
use crate::db::DbConnection;
use crate::schema::{audit_chain_head, audit_entries};

/// Rows read per query while walking the chain.
const BATCH: i64 = 1000;

/// Whether entries are waiting to be linked (a cheap look before taking the head).
pub fn has_pending(conn: &mut DbConnection) -> Result<bool, StoreError> {
    Ok(diesel::select(diesel::dsl::exists(
        audit_entries::table.filter(audit_entries::hash.is_null()),
    ))
    .get_result(conn)?)
}

/// Links the entries not yet in the chain, in the order they were written, and moves the
/// head past them. Run by the server's linker a few times a second, at startup, by the
/// worker, and before the chain is read out or verified; returns how many it linked (none when
/// another linker is busy and `linking` says not to wait: that one, or the next, links them).
pub fn link_pending(conn: &mut DbConnection, linking: Linking) -> Result<usize, StoreError> {
    let Some((mut index, mut prev)) = lock_head(conn, linking)? else {
        return Ok(0);
    };
    let mut linked = 0;
    loop {
        let rows: Vec<Row> = audit_entries::table
            .filter(audit_entries::hash.is_null())
            .order(audit_entries::seq.asc())
            .limit(BATCH)
            .load(conn)?;
        if rows.is_empty() {
            break;
        }
        let mut links = Vec::with_capacity(rows.len());
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
            let prev_hash = std::mem::replace(&mut prev, hash.clone());
            links.push(Links {
                seq: record.seq,
                index,
                digest,
                prev_hash,
                hash,
            });
        }
        linked += links.len();
        store_links(conn, links)?;
    }
    if linked > 0 {
        set_head(conn, index, &prev)?;
    }
    Ok(linked)
}

/// What linking adds to one entry.
struct Links {
    seq: i64,
    index: i64,
    digest: String,
    prev_hash: String,
    hash: String,
}

/// Writes a batch's links: one statement on PostgreSQL (arrays unnested), one per row on
/// SQLite (in-process, where statements cost little).
fn store_links(conn: &mut DbConnection, links: Vec<Links>) -> Result<(), StoreError> {
    use diesel::sql_types::{Array, BigInt, Text};
    match conn {
        DbConnection::Pg(pg) => {
            let column = |pick: fn(&Links) -> String| links.iter().map(pick).collect::<Vec<_>>();
            diesel::sql_query(
                "UPDATE audit_entries AS a SET chain_index = l.chain_index, digest = l.digest, \
                 prev_hash = l.prev_hash, hash = l.hash \
                 FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[], $5::text[]) \
                 AS l(seq, chain_index, digest, prev_hash, hash) WHERE a.seq = l.seq",
            )
            .bind::<Array<BigInt>, _>(links.iter().map(|l| l.seq).collect::<Vec<_>>())
            .bind::<Array<BigInt>, _>(links.iter().map(|l| l.index).collect::<Vec<_>>())
            .bind::<Array<Text>, _>(column(|l| l.digest.clone()))
            .bind::<Array<Text>, _>(column(|l| l.prev_hash.clone()))
            .bind::<Array<Text>, _>(column(|l| l.hash.clone()))
            .execute(pg)?;
        }
        DbConnection::Sqlite(_) => {
            for l in links {
                diesel::update(audit_entries::table.find(l.seq))
                    .set((
                        audit_entries::chain_index.eq(l.index),
                        audit_entries::digest.eq(l.digest),
                        audit_entries::prev_hash.eq(l.prev_hash),
                        audit_entries::hash.eq(l.hash),
                    ))
                    .execute(conn)?;
            }
        }
    }
    Ok(())
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
    /// Entries committed but not linked yet (written in the last moment; not a break).
    pub pending: i64,
}

/// Walks every entry in chain order, a batch at a time, and reports the first broken link.
pub fn verify(conn: &mut DbConnection) -> Result<Verification, StoreError> {
    let (head_index, head_hash) = head(conn)?;
    let mut cursor = ChainCursor::default();
    // Entries committed after the last linker ran: the next one links them.
    let pending: i64 = audit_entries::table
        .filter(audit_entries::hash.is_null())
        .count()
        .get_result(conn)?;
    // A row with links but no position was put there around the linker (the triggers refuse it).
    let stray: Option<i64> = audit_entries::table
        .filter(audit_entries::chain_index.is_null())
        .filter(audit_entries::hash.is_not_null())
        .select(audit_entries::seq)
        .first(conn)
        .optional()?;
    let mut first_break = stray.map(|seq| Break::Unchained { seq });
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
        pending,
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
