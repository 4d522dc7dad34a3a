//! Keeping every case findable: a case filed before search existed (or whose words were lost)
//! gets its words from what is stored of it. Filing and writing on a case keep them after that.

use ccms_persistence::Store;
use ccms_persistence::complaints::search;
use ccms_persistence::tallies::{self, names};
use chrono::{DateTime, Utc};

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

/// [`index_missing`] once per database: the first start after the upgrade that added search
/// does it and records so (`search.backfilled`); later starts skip the scan, which reads every
/// case (6.5 s of database time at a million).
pub fn index_missing_once(store: &Store, now: DateTime<Utc>) -> Result<usize, UseCaseError> {
    let done = store.read(|conn| {
        let all = tallies::all(conn)?;
        Ok::<_, UseCaseError>(all.iter().any(|t| t.name == names::SEARCH_BACKFILLED))
    })?;
    if done {
        return Ok(0);
    }
    let indexed = index_missing(store)?;
    store.transaction(|conn| tallies::add(conn, &[(names::SEARCH_BACKFILLED, 1)], now))?;
    Ok(indexed)
}
