//! The audit log's hash chain. Each entry commits to the one before it: its hash covers its
//! position, its fields, a digest of the change and the previous entry's hash. Editing,
//! deleting or reordering entries breaks the chain at the first entry touched, and `verify`
//! names it.

mod chain;
mod digest;

pub use chain::{Break, ChainCursor, ChainedEntry, EntryFields, GENESIS, link};
pub use digest::{canonical_json, sha256_hex};

/// An audit entry as stored and served.
#[derive(Debug, Clone, PartialEq)]
pub struct AuditRecord {
    pub seq: i64,
    pub chain_index: Option<i64>,
    pub at: chrono::DateTime<chrono::Utc>,
    pub actor: String,
    pub role: String,
    pub action: String,
    pub target_type: String,
    pub target_id: String,
    pub request_id: Option<String>,
    pub detail: serde_json::Value,
    pub digest: Option<String>,
    pub prev_hash: Option<String>,
    pub hash: Option<String>,
}
