//! What the audit endpoints answer.

use ccms_domain::audit::{AuditRecord, Break};
use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Debug, Serialize, ToSchema)]
pub struct AuditEntryView {
    pub seq: i64,
    /// Position in the hash chain, from 1.
    pub chain_index: Option<i64>,
    pub at: DateTime<Utc>,
    pub actor: String,
    pub role: String,
    pub action: String,
    pub target_type: String,
    pub target_id: String,
    pub request_id: Option<String>,
    /// What changed; `null` on the record of an official's read of personal data.
    #[schema(value_type = Option<Object>)]
    pub detail: serde_json::Value,
    /// SHA-256 of the change (`detail` in canonical JSON).
    pub digest: Option<String>,
    pub prev_hash: Option<String>,
    pub hash: Option<String>,
}

impl From<AuditRecord> for AuditEntryView {
    fn from(r: AuditRecord) -> Self {
        AuditEntryView {
            seq: r.seq,
            chain_index: r.chain_index,
            at: r.at,
            actor: r.actor,
            role: r.role,
            action: r.action,
            target_type: r.target_type,
            target_id: r.target_id,
            request_id: r.request_id,
            detail: r.detail,
            digest: r.digest,
            prev_hash: r.prev_hash,
            hash: r.hash,
        }
    }
}

/// The chain's head: keep it outside CCMS, and later ask `verify` whether the chain still
/// has that hash at that position.
#[derive(Debug, Serialize, ToSchema)]
pub struct ChainHead {
    pub chain_index: i64,
    pub hash: String,
    pub read_at: DateTime<Utc>,
}

/// The first broken link.
#[derive(Debug, Serialize, ToSchema)]
pub struct ChainBreak {
    /// `altered` (the entry no longer matches its hash), `missing` (entries before it were
    /// deleted, or it moved), `unlinked` (it does not follow the entry before it), `unchained`
    /// (a position without its hashes), `truncated` (the last entries were deleted),
    /// `head_mismatch` (the recorded head is not where the chain ends).
    pub kind: String,
    /// The entry's position, where it has one.
    pub chain_index: Option<i64>,
    /// The entry's row number.
    pub seq: Option<i64>,
    /// The position the walk expected next (`missing`, `truncated`).
    pub expected_index: Option<i64>,
}

impl From<Break> for ChainBreak {
    fn from(b: Break) -> Self {
        let (kind, chain_index, seq, expected_index) = match b {
            Break::Altered { index, seq } => ("altered", Some(index), Some(seq), None),
            Break::Missing {
                index,
                seq,
                expected_index,
            } => ("missing", Some(index), Some(seq), Some(expected_index)),
            Break::Unlinked { index, seq } => ("unlinked", Some(index), Some(seq), None),
            Break::Unchained { seq } => ("unchained", None, Some(seq), None),
            Break::Truncated {
                last_index,
                head_index,
            } => ("truncated", Some(last_index), None, Some(head_index)),
            Break::HeadMismatch { index } => ("head_mismatch", Some(index), None, None),
        };
        ChainBreak {
            kind: kind.to_owned(),
            chain_index,
            seq,
            expected_index,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ChainReport {
    /// Every entry links to the one before, up to the recorded head.
    pub intact: bool,
    /// Entries checked before the first break (all when intact).
    pub checked: i64,
    pub head: ChainHead,
    pub first_break: Option<ChainBreak>,
    /// Entries committed after the linking that precedes the walk, linked by the next linker
    /// (not a break).
    pub pending: i64,
    /// When an anchor was given: whether the chain still has that hash at that position.
    pub anchor_matches: Option<bool>,
}
