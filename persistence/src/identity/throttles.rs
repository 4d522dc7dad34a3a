//! Counters for rate limits and lockout, one row per (bucket, key). Read, decide in the
//! domain, write back: under concurrent requests a count can lag by the number of racing
//! requests, which a limit tolerates.

use chrono::{DateTime, Utc};
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

pub fn write(
    conn: &mut DbConnection,
    bucket: &str,
    key: &str,
    counter: Counter,
) -> Result<(), StoreError> {
    let count = i32::try_from(counter.count).unwrap_or(i32::MAX);
    let values = (
        throttles::window_started.eq(DbTime::new(counter.window_started)),
        throttles::count.eq(count),
        throttles::locked_until.eq(counter.locked_until.map(DbTime::new)),
    );
    let updated = diesel::update(throttles::table.find((bucket, key)))
        .set(values)
        .execute(conn)?;
    if updated == 0 {
        diesel::insert_into(throttles::table)
            .values((
                throttles::bucket.eq(bucket),
                throttles::key.eq(key),
                values.0,
                values.1,
                values.2,
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Forgets a key's counter (a successful sign-in clears its failures).
pub fn clear(conn: &mut DbConnection, bucket: &str, key: &str) -> Result<(), StoreError> {
    diesel::delete(throttles::table.find((bucket, key))).execute(conn)?;
    Ok(())
}
