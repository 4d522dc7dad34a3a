//! A consumer's recent filings, counted against the policy's filing limits.

use ccms_domain::complaint::limits::EarlierFiling;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use uuid::Uuid;

use crate::StoreError;
use crate::db::DbConnection;
use crate::db::types::{DbId, DbTime};
use crate::schema::complaints;

/// The consumer's filings since `since`, newest first, at most `cap` of them. The caller holds
/// the consumer's account row (`accounts::lock`), so parallel filings by one consumer are
/// counted one after another and cannot all pass the limit; other consumers do not wait.
pub fn filings_since(
    conn: &mut DbConnection,
    consumer_id: Uuid,
    since: DateTime<Utc>,
    cap: i64,
) -> Result<Vec<EarlierFiling>, StoreError> {
    let rows: Vec<(DbTime, DbId)> = complaints::table
        .filter(complaints::consumer_id.eq(DbId(consumer_id)))
        .filter(complaints::created_at.ge(DbTime::new(since)))
        // A case filed for this phone that its owner never confirmed is not their filing.
        .filter(super::reached_business())
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
