//! Running totals of background work (sweeps, cases moved, webhook deliveries, notices), kept
//! in the database so that `/metrics` on any API process reports them, whichever process did
//! the work. Each name's row is created on its first count.

use chrono::{DateTime, Utc};
use diesel::prelude::*;

use crate::StoreError;
use crate::db::DbConnection;
use crate::db::types::DbTime;
use crate::schema::worker_tallies;

/// The tallies' names, as the deadline worker and the dispatcher count them.
pub mod names {
    pub const SWEEPS: &str = "worker.sweeps";
    pub const CASES_MOVED: &str = "worker.cases_moved";
    pub const DELIVERED: &str = "webhooks.delivered";
    pub const FAILED_ATTEMPTS: &str = "webhooks.failed_attempts";
    pub const SUBSCRIPTIONS_DISABLED: &str = "webhooks.subscriptions_disabled";
    pub const NOTICES_SENT: &str = "notices.sent";
    /// Set once every case filed before search existed has its words.
    pub const SEARCH_BACKFILLED: &str = "search.backfilled";
}

/// One running total and when it last moved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tally {
    pub name: String,
    pub total: i64,
    pub updated_at: DateTime<Utc>,
}

/// Adds each `(name, count)` to its total and stamps it `now`. A count of 0 still stamps it,
/// so a tally can say when work last ran even when it found nothing to do.
pub fn add(
    conn: &mut DbConnection,
    counts: &[(&str, i64)],
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    for (name, count) in counts {
        loop {
            let updated = diesel::update(worker_tallies::table.find(*name))
                .set((
                    worker_tallies::total.eq(worker_tallies::total + *count),
                    worker_tallies::updated_at.eq(DbTime::new(now)),
                ))
                .execute(conn)?;
            if updated == 1 {
                break;
            }
            // The first count of this name: a racing process may create it first, and the
            // update above then counts on the next round.
            let insert = diesel::insert_into(worker_tallies::table)
                .values((
                    worker_tallies::name.eq(*name),
                    worker_tallies::total.eq(*count),
                    worker_tallies::updated_at.eq(DbTime::new(now)),
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
    }
    Ok(())
}

/// Every tally, by name.
pub fn all(conn: &mut DbConnection) -> Result<Vec<Tally>, StoreError> {
    let rows: Vec<(String, i64, DbTime)> = worker_tallies::table
        .order(worker_tallies::name.asc())
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(name, total, updated_at)| Tally {
            name,
            total,
            updated_at: updated_at.0,
        })
        .collect())
}
