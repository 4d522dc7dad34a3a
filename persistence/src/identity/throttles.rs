//! Counters for rate limits and lockout, one row per (bucket, key), shared by every server.
//! `bump` increments in one statement, so parallel requests each see their own count.

use chrono::{DateTime, Duration, Utc};
use diesel::prelude::*;

use crate::StoreError;
use crate::db::DbConnection;
use crate::db::types::DbTime;
use crate::schema::throttles;

/// A counter as stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counter {
    pub window_started: DateTime<Utc>,
    pub count: u32,
    pub locked_until: Option<DateTime<Utc>>,
}

pub fn read(
    conn: &mut DbConnection,
    bucket: &str,
    key: &str,
) -> Result<Option<Counter>, StoreError> {
    let row: Option<(DbTime, i32, Option<DbTime>)> = throttles::table
        .find((bucket, key))
        .select((
            throttles::window_started,
            throttles::count,
            throttles::locked_until,
        ))
        .first(conn)
        .optional()?;
    Ok(row.map(|(started, count, locked)| Counter {
        window_started: started.0,
        count: u32::try_from(count).unwrap_or(0),
        locked_until: locked.map(|l| l.0),
    }))
}

/// Counts one more request for `key` in a window of length `window`, starting a new window
/// when the last one is over (but never while a lock holds), and returns the counter after it.
pub fn bump(
    conn: &mut DbConnection,
    bucket: &str,
    key: &str,
    now: DateTime<Utc>,
    window: Duration,
) -> Result<Counter, StoreError> {
    bump_by(conn, (bucket, key), now, window, 1)
}

/// Counts `by` more requests at once (a server drawing a slice of a client's budget).
pub fn bump_by(
    conn: &mut DbConnection,
    (bucket, key): (&str, &str),
    now: DateTime<Utc>,
    window: Duration,
    by: u32,
) -> Result<Counter, StoreError> {
    let by = i32::try_from(by).unwrap_or(i32::MAX);
    let cutoff = DbTime::new(now - window);
    let row = throttles::table
        .filter(throttles::bucket.eq(bucket))
        .filter(throttles::key.eq(key));
    // A racing request may create the row between our update and our insert: then the next
    // round counts us. Three rounds cover every interleaving.
    for _ in 0..3 {
        let counted = diesel::update(row.filter(throttles::window_started.gt(cutoff)))
            .set(throttles::count.eq(throttles::count + by))
            .execute(conn)?;
        if counted == 1 {
            break;
        }
        let unlocked = throttles::locked_until
            .is_null()
            .or(throttles::locked_until.le(DbTime::new(now)));
        // Only a window that is over restarts: a row another request created since our first
        // update (its window current) must be counted, not reset to one.
        let over = throttles::window_started.le(cutoff);
        let restarted = diesel::update(row.filter(unlocked).filter(over))
            .set((
                throttles::count.eq(by),
                throttles::window_started.eq(DbTime::new(now)),
                throttles::locked_until.eq(None::<DbTime>),
            ))
            .execute(conn)?;
        if restarted == 1 {
            break;
        }
        if read(conn, bucket, key)?.is_some() {
            // Created by a racing request since our update: count on the next round.
            continue;
        }
        let insert = diesel::insert_into(throttles::table)
            .values((
                throttles::bucket.eq(bucket),
                throttles::key.eq(key),
                throttles::window_started.eq(DbTime::new(now)),
                throttles::count.eq(by),
                throttles::locked_until.eq(None::<DbTime>),
            ))
            .on_conflict_do_nothing();
        let inserted = match conn {
            DbConnection::Pg(c) => insert.execute(c)?,
            DbConnection::Sqlite(c) => insert.execute(c)?,
        };
        if inserted == 1 {
            break;
        }
    }
    read(conn, bucket, key)?.ok_or(StoreError::NotFound)
}

/// Locks `key` until `until` (lockout after repeated failures).
pub fn lock(
    conn: &mut DbConnection,
    bucket: &str,
    key: &str,
    until: DateTime<Utc>,
) -> Result<(), StoreError> {
    diesel::update(throttles::table.find((bucket, key)))
        .set(throttles::locked_until.eq(Some(DbTime::new(until))))
        .execute(conn)?;
    Ok(())
}

/// Forgets a key's counter (a successful sign-in clears its failures).
pub fn clear(conn: &mut DbConnection, bucket: &str, key: &str) -> Result<(), StoreError> {
    diesel::delete(throttles::table.find((bucket, key))).execute(conn)?;
    Ok(())
}

/// Sets a counter outright (tests and operators).
pub fn write(
    conn: &mut DbConnection,
    bucket: &str,
    key: &str,
    counter: Counter,
) -> Result<(), StoreError> {
    clear(conn, bucket, key)?;
    diesel::insert_into(throttles::table)
        .values((
            throttles::bucket.eq(bucket),
            throttles::key.eq(key),
            throttles::window_started.eq(DbTime::new(counter.window_started)),
            throttles::count.eq(i32::try_from(counter.count).unwrap_or(i32::MAX)),
            throttles::locked_until.eq(counter.locked_until.map(DbTime::new)),
        ))
        .execute(conn)?;
    Ok(())
}
