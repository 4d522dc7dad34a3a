//! Keyset pagination. A cursor is the last id a page returned; ids are UUIDv7 and ordered, so
//! rows inserted while a client pages never shift or repeat what it has already seen.

use base64::Engine;
use base64::alphabet::URL_SAFE;
use base64::engine::DecodePaddingMode;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};
use uuid::Uuid;

use crate::StoreError;

/// Unpadded base64url that also reads cursors whose last character carries spare bits, so every
/// 22-character cursor of the documented alphabet decodes to some position.
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
        Uuid::from_slice(&bytes)
            .map(Some)
            .map_err(|_| StoreError::InvalidCursor)
    }
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
            .then(|| rows.last().map(|row| CURSOR.encode(id_of(row).as_bytes())))
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
}
