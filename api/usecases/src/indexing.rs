//! Keeping every case findable: a case filed before search existed (or whose words were lost)
//! gets its words from what is stored of it. Filing and writing on a case keep them after that.

use ccms_persistence::Store;
use ccms_persistence::complaints::search;

use crate::UseCaseError;

/// Cases indexed per transaction.
const BATCH: i64 = 500;

/// Indexes every case that has no words yet; answers how many. Blocking.
pub fn index_missing(store: &Store) -> Result<usize, UseCaseError> {
    let mut total = 0;
    loop {
        let done = store.transaction(|conn| {
            let missing = search::unindexed(conn, BATCH)?;
            for id in &missing {
                search::index_stored(conn, *id)?;
            }
            Ok::<_, UseCaseError>(missing.len())
        })?;
        total += done;
        if i64::try_from(done).unwrap_or(i64::MAX) < BATCH {
            return Ok(total);
        }
    }
}
