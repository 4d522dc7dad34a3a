//! A consumer's recent filings, counted against the policy's filing limits.

use ccms_domain::complaint::limits::EarlierFiling;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use uuid::Uuid;

use crate::StoreError;
use crate::db::DbConnection;
use crate::db::types::{DbId, DbTime};
use crate::schema::complaints;

/// The consumer's filings since `since`, newest first, at most `cap` of them. Holds the
/// consumer's filing turn until the transaction ends (on PostgreSQL an advisory lock, on
/// SQLite the write lock every transaction takes), so parallel filings by one consumer are
/// counted one after another and cannot all pass the limit; other consumers do not wait.
pub fn filings_since(
    conn: &mut DbConnection,
    consumer_id: Uuid,
    since: DateTime<Utc>,
    cap: i64,
) -> Result<Vec<EarlierFiling>, StoreError> {
    if let DbConnection::Pg(pg) = conn {
        diesel::sql_query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))")
            .bind::<diesel::sql_types::Text, _>(format!("filings:{consumer_id}"))
            .execute(pg)?;
    }
    let rows: Vec<(DbTime, DbId)> = complaints::table
        .filter(complaints::consumer_id.eq(DbId(consumer_id)))
        .filter(complaints::created_at.ge(DbTime::new(since)))
        .order(complaints::created_at.desc())
        .limit(cap)
        .select((complaints::created_at, complaints::business_id))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(at, business)| EarlierFiling {
            at: at.0,
            business_id: business.0,
        })
        .collect())
}
