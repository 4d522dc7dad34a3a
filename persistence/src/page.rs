//! Keyset pagination. A cursor is the last id a page returned; ids are UUIDv7 and ordered, so
//! rows inserted while a client pages never shift or repeat what it has already seen. Each
//! cursor carries a two-byte check of its id, so a well-formed cursor this server never issued
//! (a typo, a made-up one) answers `invalid_cursor` instead of some page. It is not a secret:
//! a cursor names only a place in a list the caller may read anyway.

use base64::Engine;
use base64::alphabet::URL_SAFE;
use base64::engine::DecodePaddingMode;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};
use uuid::Uuid;

use crate::StoreError;

/// Unpadded base64url: 24 characters for the 16-byte id and its 2-byte check.
const CURSOR: GeneralPurpose = GeneralPurpose::new(
    &URL_SAFE,
    GeneralPurposeConfig::new()
        .with_encode_padding(false)
        .with_decode_allow_trailing_bits(true)
        .with_decode_padding_mode(DecodePaddingMode::RequireNone),
);

pub const MAX_LIMIT: i64 = 100;
pub const DEFAULT_LIMIT: i64 = 20;

/// Which page a caller asks for.
#[derive(Debug, Clone, Default)]
pub struct PageRequest {
    pub limit: Option<i64>,
    pub cursor: Option<String>,
}

impl PageRequest {
    pub fn limit(&self) -> i64 {
        self.limit.unwrap_or(DEFAULT_LIMIT).clamp(1, MAX_LIMIT)
    }

    /// The id after which this page starts.
    pub fn after(&self) -> Result<Option<Uuid>, StoreError> {
        let Some(cursor) = &self.cursor else {
            return Ok(None);
        };
        let bytes = CURSOR
            .decode(cursor)
            .map_err(|_| StoreError::InvalidCursor)?;
        let (id, check) = bytes
            .split_at_checked(16)
            .ok_or(StoreError::InvalidCursor)?;
        let id = Uuid::from_slice(id).map_err(|_| StoreError::InvalidCursor)?;
        if check == check_of(id) {
            Ok(Some(id))
        } else {
            Err(StoreError::InvalidCursor)
        }
    }
}

/// The two bytes that tell an issued cursor from a made-up one.
fn check_of(id: Uuid) -> [u8; 2] {
    use sha2::{Digest, Sha256};
    let digest = Sha256::new()
        .chain_update(b"ccms-cursor")
        .chain_update(id.as_bytes())
        .finalize();
    [digest[0], digest[1]]
}

/// The cursor that resumes a list after `id`.
pub fn cursor_of(id: Uuid) -> String {
    let mut bytes = id.as_bytes().to_vec();
    bytes.extend_from_slice(&check_of(id));
    CURSOR.encode(bytes)
}

#[derive(Debug, Clone)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub next_cursor: Option<String>,
}

impl<T> Page<T> {
    /// Builds a page from up to `limit + 1` rows: the extra row only says that more exist.
    pub fn from_rows(mut rows: Vec<T>, limit: i64, id_of: impl Fn(&T) -> Uuid) -> Page<T> {
        let limit = usize::try_from(limit).unwrap_or(usize::MAX);
        let more = rows.len() > limit;
        rows.truncate(limit);
        let next_cursor = more
            .then(|| rows.last().map(|row| cursor_of(id_of(row))))
            .flatten();
        Page {
            items: rows,
            next_cursor,
        }
    }

    pub fn map<U>(self, f: impl FnMut(T) -> U) -> Page<U> {
        Page {
            items: self.items.into_iter().map(f).collect(),
            next_cursor: self.next_cursor,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cursor_round_trips_to_the_last_id_of_the_page() {
        let ids: Vec<Uuid> = (0..3).map(|_| Uuid::now_v7()).collect();
        let page = Page::from_rows(ids.clone(), 2, |id| *id);
        assert_eq!(page.items.len(), 2);
        let request = PageRequest {
            limit: Some(2),
            cursor: page.next_cursor,
        };
        assert_eq!(request.after().unwrap(), Some(ids[1]));
    }

    #[test]
    fn the_last_page_has_no_cursor_and_garbage_cursors_are_refused() {
        let page = Page::from_rows(vec![Uuid::now_v7()], 2, |id| *id);
        assert!(page.next_cursor.is_none());
        let bad = PageRequest {
            limit: None,
            cursor: Some("not-a-cursor!".into()),
        };
        assert!(matches!(bad.after(), Err(StoreError::InvalidCursor)));
    }

    #[test]
    fn a_well_formed_cursor_this_server_never_issued_is_refused() {
        let issued = cursor_of(Uuid::now_v7());
        assert_eq!(issued.len(), 24);
        // The same id with another check, or another id with this one's check.
        let mut forged = issued.clone().into_bytes();
        forged[23] = if forged[23] == b'A' { b'B' } else { b'A' };
        for cursor in [String::from_utf8(forged).unwrap(), "A".repeat(24)] {
            let request = PageRequest {
                limit: None,
                cursor: Some(cursor.clone()),
            };
            assert!(
                matches!(request.after(), Err(StoreError::InvalidCursor)),
                "{cursor}"
            );
        }
    }
}
