//! Finding the cases whose next deadline or reminder has come, for the deadline worker. On PostgreSQL the
//! rows are locked with `FOR UPDATE SKIP LOCKED`, so several workers share the due cases and no
//! case is handled twice; on SQLite the write lock already lets one sweep run at a time.

use ccms_domain::complaint::Complaint;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use uuid::Uuid;

use super::row::Row;
use crate::StoreError;
use crate::db::DbConnection;
use crate::db::types::{DbId, DbTime};
use crate::schema::complaints;

#[derive(QueryableByName)]
struct DueId {
    #[diesel(sql_type = diesel::sql_types::Uuid)]
    id: Uuid,
}

/// Up to `limit` cases to wake by `now`, earliest first, locked for this transaction.
pub fn lock_due(
    conn: &mut DbConnection,
    now: DateTime<Utc>,
    limit: i64,
) -> Result<Vec<Complaint>, StoreError> {
    let ids: Vec<Uuid> = match conn {
        DbConnection::Pg(pg) => diesel::sql_query(
            "SELECT id FROM complaints WHERE wake_at <= $1 ORDER BY wake_at LIMIT $2 FOR UPDATE SKIP LOCKED",
        )
        .bind::<diesel::sql_types::Timestamptz, _>(now)
        .bind::<diesel::sql_types::BigInt, _>(limit)
        .load::<DueId>(pg)?
        .into_iter()
        .map(|row| row.id)
        .collect(),
        DbConnection::Sqlite(_) => complaints::table
            .filter(complaints::wake_at.le(DbTime::new(now)))
            .order(complaints::wake_at.asc())
            .limit(limit)
            .select(complaints::id)
            .load::<DbId>(conn)?
            .into_iter()
            .map(|id| id.0)
            .collect(),
    };
    let rows: Vec<Row> = complaints::table
        .filter(complaints::id.eq_any(ids.into_iter().map(DbId)))
        .order(complaints::wake_at.asc())
        .load(conn)?;
    rows.into_iter().map(Row::into_domain).collect()
}
