//! Linking entries, and walking a chain to find the first broken link.

use serde_json::json;

use super::digest::sha256_hex;

/// The `prev_hash` of the first entry.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// What an entry's hash covers, besides its position and the previous hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryFields {
    /// RFC 3339 with microseconds, as stored.
    pub at: String,
    pub actor: String,
    pub role: String,
    pub action: String,
    pub target_type: String,
    pub target_id: String,
    pub request_id: Option<String>,
    /// SHA-256 of the change's canonical JSON.
    pub digest: String,
}

/// The hash of the entry at `index` whose predecessor hashed to `prev_hash`.
pub fn link(index: i64, fields: &EntryFields, prev_hash: &str) -> String {
    let covered = json!([
        index,
        fields.at,
        fields.actor,
        fields.role,
        fields.action,
        fields.target_type,
        fields.target_id,
        fields.request_id,
        fields.digest,
        prev_hash,
    ]);
    sha256_hex(covered.to_string().as_bytes())
}

/// An entry as stored, to be checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainedEntry {
    /// The row's own number, to name it in a report.
    pub seq: i64,
    /// Its position in the chain, from 1; `None` for a row written around the chain.
    pub index: Option<i64>,
    pub fields: EntryFields,
    /// The digest recomputed from the stored change, to compare with `fields.digest`.
    pub detail_digest: String,
    pub prev_hash: Option<String>,
    pub hash: Option<String>,
}

/// The first broken link found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Break {
    /// The entry's fields or change no longer match its hash: it was edited.
    Altered { index: i64, seq: i64 },
    /// Entries are missing before this one (deleted), or it was moved.
    Missing {
        index: i64,
        seq: i64,
        expected_index: i64,
    },
    /// The entry does not follow the hash of the one before it (reordered or replaced).
    Unlinked { index: i64, seq: i64 },
    /// An entry with a position but without its hashes.
    Unchained { seq: i64 },
    /// The chain ends before its recorded head: the last entries were deleted.
    Truncated { last_index: i64, head_index: i64 },
    /// The chain reaches the head's position with another hash than the head recorded.
    HeadMismatch { index: i64 },
}

/// Walks a chain in index order, one entry at a time, in constant memory.
#[derive(Debug, Clone)]
pub struct ChainCursor {
    next_index: i64,
    prev_hash: String,
}

impl Default for ChainCursor {
    fn default() -> Self {
        ChainCursor {
            next_index: 1,
            prev_hash: GENESIS.to_owned(),
        }
    }
}

impl ChainCursor {
    /// Checks the next entry; the first failure is the break to report.
    pub fn check(&mut self, entry: &ChainedEntry) -> Result<(), Break> {
        let (Some(index), Some(prev_hash), Some(hash)) =
            (entry.index, &entry.prev_hash, &entry.hash)
        else {
            return Err(Break::Unchained { seq: entry.seq });
        };
        if index != self.next_index {
            return Err(Break::Missing {
                index,
                seq: entry.seq,
                expected_index: self.next_index,
            });
        }
        if entry.detail_digest != entry.fields.digest
            || *hash != link(index, &entry.fields, prev_hash)
        {
            return Err(Break::Altered {
                index,
                seq: entry.seq,
            });
        }
        if *prev_hash != self.prev_hash {
            return Err(Break::Unlinked {
                index,
                seq: entry.seq,
            });
        }
        self.next_index += 1;
        self.prev_hash = hash.clone();
        Ok(())
    }

    /// After the last entry: the chain must reach the head recorded with the last append.
    pub fn finish(&self, head_index: i64, head_hash: &str) -> Result<(), Break> {
        let last_index = self.next_index - 1;
        if last_index < head_index {
            return Err(Break::Truncated {
                last_index,
                head_index,
            });
        }
        if last_index == head_index && self.prev_hash != head_hash {
            return Err(Break::HeadMismatch { index: last_index });
        }
        Ok(())
    }

    pub fn checked(&self) -> i64 {
        self.next_index - 1
    }

    pub fn head_hash(&self) -> &str {
        &self.prev_hash
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(actor: &str) -> EntryFields {
        EntryFields {
            at: "2026-11-28T10:00:00.000000Z".into(),
            actor: actor.into(),
            role: "coordinator".into(),
            action: "business.create".into(),
            target_type: "business".into(),
            target_id: "b-1".into(),
            request_id: Some("r-1".into()),
            digest: sha256_hex(b"{}"),
        }
    }

    fn chain(n: i64) -> Vec<ChainedEntry> {
        let mut prev = GENESIS.to_owned();
        (1..=n)
            .map(|index| {
                let f = fields(&format!("user-{index}"));
                let hash = link(index, &f, &prev);
                let entry = ChainedEntry {
                    seq: index + 100,
                    index: Some(index),
                    detail_digest: f.digest.clone(),
                    fields: f,
                    prev_hash: Some(prev.clone()),
                    hash: Some(hash.clone()),
                };
                prev = hash;
                entry
            })
            .collect()
    }

    fn first_break(entries: &[ChainedEntry], head: i64) -> Option<Break> {
        let mut cursor = ChainCursor::default();
        entries
            .iter()
            .try_for_each(|e| cursor.check(e))
            .and_then(|_| {
                let head_hash = entries.last().and_then(|e| e.hash.clone());
                cursor.finish(head, &head_hash.unwrap_or_else(|| GENESIS.to_owned()))
            })
            .err()
    }

    #[test]
    fn an_intact_chain_verifies() {
        assert_eq!(first_break(&chain(5), 5), None);
    }

    #[test]
    fn an_edited_field_or_change_is_named() {
        let mut entries = chain(5);
        entries[2].fields.actor = "someone-else".into();
        assert_eq!(
            first_break(&entries, 5),
            Some(Break::Altered { index: 3, seq: 103 })
        );
        let mut entries = chain(5);
        entries[1].detail_digest = sha256_hex(b"{\"fine\":0}");
        assert_eq!(
            first_break(&entries, 5),
            Some(Break::Altered { index: 2, seq: 102 })
        );
    }

    #[test]
    fn a_deleted_entry_is_found_where_it_was() {
        let mut entries = chain(5);
        entries.remove(2);
        assert_eq!(
            first_break(&entries, 5),
            Some(Break::Missing {
                index: 4,
                seq: 104,
                expected_index: 3
            })
        );
        let mut entries = chain(5);
        entries.pop();
        assert_eq!(
            first_break(&entries, 5),
            Some(Break::Truncated {
                last_index: 4,
                head_index: 5
            })
        );
    }

    #[test]
    fn a_rehashed_forgery_still_breaks_the_next_link() {
        let mut entries = chain(5);
        entries[2].fields.actor = "forger".into();
        let prev = entries[2].prev_hash.clone().unwrap();
        entries[2].hash = Some(link(3, &entries[2].fields, &prev));
        assert_eq!(
            first_break(&entries, 5),
            Some(Break::Unlinked { index: 4, seq: 104 })
        );
    }
}
