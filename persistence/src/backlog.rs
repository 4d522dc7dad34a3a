//! What is waiting to go out, for the operator's metrics: events not yet announced, webhook
//! deliveries and consumer notices not yet sent, audit entries not yet linked into the chain.
//! Each is read from its partial index (only the waiting rows), and counted up to a cap, so a
//! scrape stays cheap however large the tables grow.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::sql_types::BigInt;

use crate::StoreError;
use crate::db::DbConnection;
use crate::db::types::DbTime;
use crate::schema::{audit_entries, deliveries, outbox};

/// Counts stop here: past it, "at least this many" is all a dashboard needs.
pub const COUNT_CAP: i64 = 100_000;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Backlog {
    pub outbox_waiting: i64,
    pub outbox_oldest: Option<DateTime<Utc>>,
    pub deliveries_waiting: i64,
    pub deliveries_oldest: Option<DateTime<Utc>>,
    pub notices_waiting: i64,
    pub audit_unlinked: i64,
    /// When the oldest entry still waiting for the linker was written: the linker's lag.
    pub audit_oldest: Option<DateTime<Utc>>,
}

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

/// Rows of `table` matching `waiting`, counted up to the cap (the same SQL on both backends).
fn count(conn: &mut DbConnection, table: &str, waiting: &str) -> Result<i64, StoreError> {
    let query = format!(
        "SELECT count(*) AS n FROM (SELECT 1 FROM {table} WHERE {waiting} LIMIT {COUNT_CAP}) w"
    );
    Ok(diesel::sql_query(query).get_result::<Count>(conn)?.n)
}

pub fn backlog(conn: &mut DbConnection) -> Result<Backlog, StoreError> {
    let outbox_waiting = count(conn, "outbox", "announced_at IS NULL")?;
    let outbox_oldest: Option<DbTime> = outbox::table
        .filter(outbox::announced_at.is_null())
        .order(outbox::seq.asc())
        .select(outbox::created_at)
        .first(conn)
        .optional()?;
    let deliveries_waiting = count(conn, "deliveries", "status = 'pending'")?;
    let deliveries_oldest: Option<DbTime> = deliveries::table
        .filter(deliveries::status.eq("pending"))
        .order(deliveries::next_attempt_at.asc())
        .select(deliveries::queued_at)
        .first(conn)
        .optional()?;
    let notices_waiting = count(conn, "notifications", "status = 'pending'")?;
    let audit_unlinked = count(conn, "audit_entries", "hash IS NULL")?;
    let audit_oldest: Option<DbTime> = audit_entries::table
        .filter(audit_entries::hash.is_null())
        .order(audit_entries::seq.asc())
        .select(audit_entries::at)
        .first(conn)
        .optional()?;
    Ok(Backlog {
        outbox_waiting,
        outbox_oldest: outbox_oldest.map(|t| t.0),
        deliveries_waiting,
        deliveries_oldest: deliveries_oldest.map(|t| t.0),
        notices_waiting,
        audit_unlinked,
        audit_oldest: audit_oldest.map(|t| t.0),
    })
}
